using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Scenarios.Generators;

/// <summary>
/// Writes <c>scenarios/england.yaml</c>: England's real local authorities with children's services,
/// from the national record (<c>scenarios/data/england</c>: authorities.csv, inspections.csv,
/// governance.csv). The record gives each authority's region, population and inspection months,
/// and the trusts, companies, partners and interventions known; it has no deprivation, so every
/// other starting setting is <see cref="SyntheticEnglandGenerator"/>'s mean authority
/// (<see cref="AuthorityFormulas"/> at <see cref="AuthorityFormulas.MeanDeprivation"/>).
/// </summary>
public static partial class RealEnglandGenerator
{
    /// <summary>The folder <c>simulation generate england</c> reads by default (from the repository root).</summary>
    public const string DefaultDataFolder = "scenarios/data/england";

    /// <summary>Children aged 0-17 as a share of residents aged 0-25 (the record's README: roughly 70%).</summary>
    public const double ChildrenShare = 0.7;

    /// <summary>sd of each replicate's starting practice, culture and leadership (parameter practice.initial_spread).</summary>
    public const double InitialSpread = 0.09;

    public const long Seed = 2008;

    public static readonly Month Start = Month.Parse("2008-01");
    public static readonly Month End = Month.Parse("2025-12");

    /// <summary>Recorded inspections start with the Single Inspection Framework; before it, the cadence rules.</summary>
    public static readonly Month CadenceBefore = Month.Parse("2013-11");

    /// <summary>The record's grades are given to the end of 2019 (withheld from 2020 on, on purpose).</summary>
    public static readonly Month ObservedUntil = Month.Parse("2019-12");

    /// <summary>
    /// Cumbria's successors both carry the old county's population figure; when they do, it is split
    /// between them in these shares (assumption: Cumberland the larger, about 55/45).
    /// </summary>
    public static readonly IReadOnlyList<(string Council, double Share)> CumbriaSplit =
    [
        ("cumberland", 0.55),
        ("westmorland-and-furness", 0.45),
    ];

    /// <summary>The record's region codes and the region ids the scenarios use (<see cref="SyntheticEnglandGenerator.Regions"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> RegionIds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NE"] = "north-east",
        ["NW"] = "north-west",
        ["YH"] = "yorkshire",
        ["EM"] = "east-midlands",
        ["WM"] = "west-midlands",
        ["E"] = "east",
        ["GL"] = "london",
        ["SE"] = "south-east",
        ["SW"] = "south-west",
    };

    /// <summary>Improvement partners the record names: id, name, and the text of a detail that names them.</summary>
    public static readonly IReadOnlyList<KnownPartner> KnownPartners =
    [
        new("impower", "iMPOWER (private consultancy)", "iMPOWER"),
        new("hampshire", "Hampshire County Council", "Hampshire County Council"),
        new("leeds", "Leeds City Council", "Leeds City Council"),
    ];

    /// <summary>
    /// The partner the Department's rules engage (the first declared): a generic one, standing for
    /// the sector-led partners (a good or outstanding council) the record does not list.
    /// </summary>
    public static readonly KnownPartner RulesPartner =
        new("improvement-partner", "Improvement partner the Department's rules require (generic: a sector-led partner the record does not list)", "");

    /// <summary>An improvement partner the record names: its id, its name, and the text of a detail that names it.</summary>
    public sealed record KnownPartner(string Id, string Name, string Named);

    private sealed record SharedTrust(string Id, string Name, Month From);

    private static readonly Dictionary<string, string> RecordFrameworks = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SIF"] = Frameworks.Name(Framework.SingleInspection),
        ["ILACS_standard"] = Frameworks.Name(Framework.Ilacs),
        ["ILACS_short"] = Frameworks.Name(Framework.Ilacs),
        ["ILACS"] = Frameworks.Name(Framework.Ilacs),
    };

    private static readonly Dictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    private sealed record Authority(string Id, string Name, string Region, double Population);

    private sealed record Inspection(string Council, Month Month, string Framework);

    private sealed record GovernanceRow(int Line, string Council, Month Month, string Event, string Detail, bool MonthKnown, string Source);

    private static string F(double x, string format = "0.###") => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Generate(string dataFolder, string relativeDataPath = "data/england")
    {
        var (authorities, cumbriaSplit, regionByName) = ReadAuthorities(Path.Combine(dataFolder, "authorities.csv"));
        var small = authorities.Where(a => Children(a) < MinimumChildren).ToList();
        var councilIds = authorities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var (inspections, counts) = ReadInspections(Path.Combine(dataFolder, "inspections.csv"), councilIds);
        var governance = ReadGovernance(Path.Combine(dataFolder, "governance.csv"), councilIds);

        var sb = new StringBuilder();
        AppendHeader(sb, authorities.Count, relativeDataPath, inspections, counts, cumbriaSplit, regionByName, small);
        var trusts = SharedTrusts(governance);
        var partners = KnownPartners.Where(p => governance.Any(g => g.Event == "improvement_partner_start" && PartnerOf(g).Id == p.Id)).ToList();
        if (trusts.Count > 0)
        {
            sb.Append("trusts:\n");
            foreach (var t in trusts)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - id: {t.Id}\n    name: {Scalar(t.Name)}\n    from: {t.From}\n");
            }
            sb.Append('\n');
        }
        // The Department's rules engage the first partner declared: a generic one, so that no
        // authority is given a partner the record names for another.
        sb.Append("partners:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  - id: {RulesPartner.Id}\n    name: {Scalar(RulesPartner.Name)}\n");
        foreach (var p in partners) sb.Append(CultureInfo.InvariantCulture, $"  - id: {p.Id}\n    name: {Scalar(p.Name)}\n");
        sb.Append('\n');
        sb.Append("councils:\n");
        foreach (var a in authorities) AppendCouncil(sb, a, inspections.GetValueOrDefault(a.Id) ?? []);
        AppendEvents(sb, governance, trusts, relativeDataPath);
        return sb.ToString();
    }

    private static void AppendHeader(
        StringBuilder sb, int councils, string data, Dictionary<string, List<Inspection>> inspections,
        InspectionCounts counts, bool cumbriaSplit, List<string> regionByName, List<Authority> small)
    {
        const double d = AuthorityFormulas.MeanDeprivation;
        var practice = AuthorityFormulas.State(d);
        var duplicates = inspections.Values.Sum(l => l.Count) - inspections.Values.Sum(l => l.Select(i => i.Month).Distinct().Count());
        var department = new DepartmentParameters();
        sb.Append(CultureInfo.InvariantCulture, $"""
            # yaml-language-server: $schema=scenario.schema.json
            # England, {Start.Year}-{End.Year}: the {councils} real local authorities with children's services, run under the
            # Department's rules, with their recorded inspection months, trusts, companies, partners and interventions.
            #
            # Question: the national picture. Given Ofsted's judgements of inspections that ended by {ObservedUntil}, how do the
            # shares of authorities by grade move from 2020 on, and what changes under a different national
            # policy (department.partner_after, department.trust_after; see docs/scenarios.md)?
            #
            # GENERATED by `simulation generate england` from {data}/ (authorities.csv, inspections.csv,
            # governance.csv: the national record; provenance and licence in {data}/README.md): do not edit
            # by hand; a test checks this file is the generator's output. england-synthetic.yaml is the older
            # synthetic England (`simulation generate england-synthetic`).
            #
            # Councils: every authority with current = yes in authorities.csv, in council_id order, with its
            # council_id, name and region (region_code; where it is empty or unknown, region_name{(regionByName.Count > 0 ? ": " + string.Join(", ", regionByName) : "")}).
            #   children 0-17      {F(ChildrenShare)} x population_0_25 (ONS, one recent year; the record's README), to the
            #                      nearest 100. Cumberland and Westmorland and Furness both carry the old Cumbria's
            #                      figure: it is split {F(CumbriaSplit[0].Share * 100)}/{F(CumbriaSplit[1].Share * 100)} (assumption: Cumberland the larger){(cumbriaSplit ? "" : " where they do")}.{SmallText(small)}
            #   The record has no deprivation, so every other setting is the synthetic generator's formula at
            #   deprivation d = {F(d)} without noise, the mean authority (england-synthetic.yaml's header):
            #   referrals          380 + 340 d = {F(AuthorityFormulas.ReferralRate(d))} per 10,000 children a year (NATIONAL.md 530-550)
            #   children in need   150 + 360 d = {F(AuthorityFormulas.ChildrenInNeedRate(d))} per 10,000 (NATIONAL.md about 330-346; 150-740 across authorities)
            #   protection plans   25 + 40 d = {F(AuthorityFormulas.ProtectionPlanRate(d))} per 10,000 (NATIONAL.md 39,100 plans in 2009-10)
            #   children in care   40 + 60 d = {F(AuthorityFormulas.InCareRate(d))} per 10,000 (NATIONAL.md about 70 per 10,000)
            #   establishment      open cases / {F(AuthorityFormulas.CasesPerPost)} per FTE (2008 caseloads somewhat above NATIONAL.md's 16-17 of 2018-23)
            #   in post, agency    establishment x (1 - {F(AuthorityFormulas.VacancyRate(d))}) and x {F(AuthorityFormulas.AgencyShare(d))} (vacancy rate 0.10 + 0.12 d,
            #                      agency share 0.10 + 0.10 d; NATIONAL.md 16%, 15%)
            #   practice, culture, leadership  0.58 - 0.22 d = {F(practice)}; reputation 0.2 + 0.6 x practice = {F(AuthorityFormulas.Reputation(practice), "0.00")}
            #   budget             GBP {F(SyntheticEnglandGenerator.BudgetPerCase, "0.#####")} m a year per open case: 0.8 of Doncaster's 2008 budget per
            #                      case (DONCASTER.md), the factor fitted on the synthetic England (docs/calibration.md,
            #                      "The national picture")
            #   Starting spread: the authorities differ in ways the record does not give, so each replicate
            #   starts each council's practice, culture and leadership off {F(practice)} by a draw with sd
            #   practice.initial_spread = {F(InitialSpread)} (below): the synthetic generator's spread, the sd of 0.22 d with
            #   d ~ Beta(2, 2) (0.22 x 0.224 = 0.049) combined with N(0, 0.08): sqrt(0.049^2 + 0.08^2) = 0.094.
            #   Reorganisations (a simplification): the successor authorities (Bournemouth, Christchurch and
            #   Poole; Dorset; North and West Northamptonshire; Cumberland; Westmorland and Furness) are
            #   modelled for the whole run as if they had existed since {Start.Year}, and their predecessors
            #   (Bournemouth, Poole, the old Dorset, Northamptonshire, Cumbria) are not: the record has no
            #   inspections of the predecessors, and Northamptonshire's trust (2020-11) serves both successors
            #   from its go-live.
            # Inspections: before {CadenceBefore} (the Single Inspection Framework's start, where the record begins)
            #   each council is inspected by the cadence rules (cadence_before); then in the months its recorded
            #   full inspections ended (inspection_end; SIF as single_inspection_framework, ILACS_standard,
            #   ILACS_short and ILACS as ilacs); after the last, by the cadence again. {counts.InRun} of the record's
            #   {counts.Total} inspections end within the run; {counts.AfterEnd} end after {End} and are left out{(counts.BeforeStart > 0 ? $", as are {counts.BeforeStart} before {Start}" : "")}.
            #   {(duplicates == 0 ? "No council has two inspections ending in the same month." : $"{duplicates} inspection(s) ending in the same month as another of the council's are dropped (noted at the council).")} Focused and monitoring visits are
            #   not in the record.
            # Observed: the judgements of inspections that ended by {ObservedUntil} (a few published up to three months later) are given at those inspections
            #   (observed); from 2020 on the record gives only months (grades withheld on purpose, {data}/README.md)
            #   and the judgements emerge from the model.
            # Events: the two national events of england-synthetic.yaml, then every row of governance.csv in
            #   (month, council) order: improvement_notice and statutory_direction as intervention (level),
            #   commissioner, trust_ordered as trust_order, trust_live as trust_go_live (council_owned where the
            #   detail says the council owns the company, or another row of the same company does;
            #   setup_funding where it gives "GBP Xm government set-up funding"; a trust serving several
            #   councils declared under trusts), council_ownership, direction_lifted, return_in_house, and
            #   improvement_partner_start as partner_start (months and fee from the detail; where it gives
            #   none, the Department's default contract of {F(department.PartnerMonths)} months and GBP {F(department.PartnerFee)}m, department.partner_months
            #   and department.partner_fee, as the note says). "(month assumed)": month_known = no. Other
            #   interventions come from the Department's rules, which engage the first partner below (a
            #   generic one: the record lists only the partners named in its governance rows). Up to the
            #   cutoff (observed.until) the rules order no trust: the record lists every trust order then.
            #   Notices, directions, commissioners and partners the record lists may also be issued by the
            #   rules after the same judgements (the record lists only some of them; a known overlap).
            #   Doncaster's fuller history is in doncaster.yaml.
            # Mechanism strengths: the national posterior (calibrate-national on this scenario's record,
            #   docs/calibration.md): each replicate draws one parameter set from it, so the spread of every
            #   answer includes the parameters' uncertainty (posterior_mode: best, or run --posterior-mode
            #   best, runs the best particle alone).

            name: england
            description: >-
              England's {councils} local authorities with children's services, {Start.Year}-{End.Year}, under the Department's
              rules, with their recorded inspection months, trusts, companies, partners and interventions,
              given Ofsted's judgements of the inspections that ended by {ObservedUntil.Year}.
            start: {Start}
            end: {End}
            seed: {Seed}
            replicates: 100
            department: rules
            posterior: calibration/posterior.csv
            parameters:
              practice.initial_spread: {F(InitialSpread)}
            observed:
              judgements: {data}/inspections.csv
              until: {ObservedUntil}


            """);
    }

    /// <summary>The smallest child population the model takes (the <c>children</c> setting's minimum).</summary>
    public static double MinimumChildren { get; } = CouncilSettings.All.Single(s => s.Key == "children").Attribute.Min;

    private static double Children(Authority a) => Math.Round(a.Population * ChildrenShare / 100, MidpointRounding.AwayFromZero) * 100;

    /// <summary>Header lines for authorities below the model's smallest council.</summary>
    private static string SmallText(List<Authority> small) =>
        string.Concat(small.Select(a => "\n#                      "
            + $"{a.Name}: {F(a.Population * ChildrenShare, "0")} children (from {F(a.Population, "0")} aged 0-25) is below the model's smallest"
            + $"\n#                      council ({F(MinimumChildren, "0")} children, the children setting's minimum): it starts with {F(MinimumChildren, "0")}."));

    private static void AppendCouncil(StringBuilder sb, Authority a, List<Inspection> recorded)
    {
        const double d = AuthorityFormulas.MeanDeprivation;
        var children = Math.Max(Children(a), MinimumChildren);
        var clamped = children > Children(a)
            ? $"# {F(a.Population * ChildrenShare, "0")} children by the record, below the model's smallest council (see the header).\n    "
            : "";
        var per = children / 10_000;
        var cin = Math.Round(per * AuthorityFormulas.ChildrenInNeedRate(d));
        var cp = Math.Round(per * AuthorityFormulas.ProtectionPlanRate(d));
        var cic = Math.Round(per * AuthorityFormulas.InCareRate(d));
        var cases = cin + cp + cic;
        var establishment = Math.Round(cases / AuthorityFormulas.CasesPerPost);
        var inPost = Math.Round(establishment * (1 - AuthorityFormulas.VacancyRate(d)));
        var agency = Math.Round(establishment * AuthorityFormulas.AgencyShare(d));
        var state = AuthorityFormulas.State(d);
        sb.Append(CultureInfo.InvariantCulture, $"""
              - id: {a.Id}
                name: {Scalar(a.Name)}
                region: {a.Region}

            """);
        if (clamped.Length > 0) sb.Append("    ").Append(clamped.TrimEnd(' '));
        new CouncilSettingsText(children, AuthorityFormulas.ReferralRate(d), cin, cp, cic, establishment, inPost, agency,
            state, state, state, AuthorityFormulas.Reputation(state), cases * SyntheticEnglandGenerator.BudgetPerCase).AppendTo(sb);
        sb.Append("    inspections:\n");
        if (recorded.Count == 0)
        {
            sb.Append("      then: cadence\n");
            return;
        }
        sb.Append(CultureInfo.InvariantCulture, $"      cadence_before: {CadenceBefore}\n");
        sb.Append("      months:\n");
        foreach (var month in recorded.GroupBy(i => i.Month).OrderBy(g => g.Key))
        {
            var kept = month.First();
            if (month.Count() > 1)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"        # {month.Count()} recorded inspections ended in {month.Key} ({string.Join(", ", month.Select(i => i.Framework))}); one is kept.\n");
            }
            sb.Append(CultureInfo.InvariantCulture, $"        - {{month: {kept.Month}, framework: {kept.Framework}}}\n");
        }
        sb.Append("      then: cadence\n");
    }

    private static void AppendEvents(StringBuilder sb, List<GovernanceRow> governance, List<SharedTrust> trusts, string data)
    {
        sb.Append(SyntheticEnglandGenerator.NationalEvents);
        var department = new DepartmentParameters();
        var ids = new HashSet<string>(StringComparer.Ordinal) { "national-demand-surge", "covid-pause" };
        foreach (var g in governance.OrderBy(g => g.Month).ThenBy(g => g.Council, StringComparer.Ordinal))
        {
            var id = $"{g.Council}-{g.Event.Replace('_', '-')}";
            for (var n = 2; !ids.Add(id); n++) id = $"{g.Council}-{g.Event.Replace('_', '-')}-{n}";
            var lines = new List<string>();
            var note = g.Detail;
            switch (g.Event)
            {
                case "improvement_notice":
                case "statutory_direction":
                    lines.Add("type: intervention");
                    lines.Add($"council: {g.Council}");
                    lines.Add($"level: {g.Event}");
                    break;
                case "commissioner":
                case "council_ownership":
                case "direction_lifted":
                case "return_in_house":
                    lines.Add($"type: {g.Event}");
                    lines.Add($"council: {g.Council}");
                    break;
                case "trust_ordered":
                    lines.Add("type: trust_order");
                    lines.Add($"council: {g.Council}");
                    break;
                case "trust_live":
                {
                    lines.Add("type: trust_go_live");
                    lines.Add($"council: {g.Council}");
                    var name = TrustName(g.Detail);
                    if (trusts.FirstOrDefault(t => t.Name == name) is { } shared) lines.Add($"trust: {shared.Id}");
                    if (governance.Any(o => o.Event == "trust_live" && TrustName(o.Detail) == name && CouncilOwned(o.Detail))) lines.Add("council_owned: true");
                    if (SetupFunding().Match(g.Detail) is { Success: true } funding) lines.Add($"setup_funding: {funding.Groups[1].Value}");
                    break;
                }
                case "improvement_partner_start":
                {
                    var partner = PartnerOf(g);
                    lines.Add("type: partner_start");
                    lines.Add($"partner: {partner.Id}");
                    lines.Add($"council: {g.Council}");
                    var (months, inYears) = PartnerMonths(g.Detail);
                    var fee = Fee().Match(g.Detail) is { Success: true } f ? f.Groups[1].Value : null;
                    lines.Add($"months: {months?.ToString(CultureInfo.InvariantCulture) ?? F(department.PartnerMonths)}");
                    lines.Add($"fee: {fee ?? F(department.PartnerFee)}");
                    if (inYears) note += $"; taken as {months} months";
                    var missing = new List<string>();
                    var defaults = new List<string>();
                    if (months is null)
                    {
                        missing.Add("length");
                        defaults.Add($"{F(department.PartnerMonths)} months (department.partner_months)");
                    }
                    if (fee is null)
                    {
                        missing.Add("fee");
                        defaults.Add($"GBP {F(department.PartnerFee)}m (department.partner_fee)");
                    }
                    if (missing.Count > 0)
                        note += $"; {string.Join(" and ", missing)} not given: the Department's default{(missing.Count > 1 ? "s" : "")} for a partner, {string.Join(" and ", defaults)}";
                    break;
                }
                default:
                    throw new InvalidDataException($"governance.csv:{g.Line}: unknown event '{g.Event}'");
            }
            if (!g.MonthKnown) note += " (month assumed)";
            sb.Append(CultureInfo.InvariantCulture, $"  - id: {id}\n    month: {g.Month}\n");
            foreach (var line in lines) sb.Append(CultureInfo.InvariantCulture, $"    {line}\n");
            sb.Append(CultureInfo.InvariantCulture, $"    source: {Quoted($"scenarios/{data}/governance.csv: {g.Source}")}\n");
            sb.Append(CultureInfo.InvariantCulture, $"    note: {Quoted(note)}\n");
        }
    }

    /// <summary>Trusts that serve more than one council (the same name in several go-lives): declared under trusts.</summary>
    private static List<SharedTrust> SharedTrusts(List<GovernanceRow> governance) =>
        [.. governance.Where(g => g.Event == "trust_live")
            .GroupBy(g => TrustName(g.Detail), StringComparer.Ordinal)
            .Where(t => t.Select(g => g.Council).Distinct().Count() > 1)
            .Select(t => new SharedTrust(Slug(t.Key), t.Key, t.Min(g => g.Month)))
            .OrderBy(t => t.From).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>The trust's or company's name: the detail up to its first comma, semicolon or parenthesis.</summary>
    private static string TrustName(string detail)
    {
        var end = detail.IndexOfAny([',', ';', '(']);
        return (end < 0 ? detail : detail[..end]).Trim();
    }

    private static bool CouncilOwned(string detail) =>
        !detail.Contains("independent", StringComparison.OrdinalIgnoreCase)
        && (detail.Contains("council-owned", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("owned by", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("company it owns", StringComparison.OrdinalIgnoreCase));

    private static KnownPartner PartnerOf(GovernanceRow g) =>
        KnownPartners.FirstOrDefault(p => g.Detail.Contains(p.Named, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"governance.csv:{g.Line}: no known improvement partner in '{g.Detail}'");

    /// <summary>
    /// A partner's contract length from the detail: "N months", or "N years" / "ten years" (and
    /// whether it was given in years); null when it gives none.
    /// </summary>
    private static (int? Months, bool InYears) PartnerMonths(string detail)
    {
        if (MonthsText().Match(detail) is { Success: true } m) return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), false);
        if (YearsText().Match(detail) is { Success: true } y)
        {
            var word = y.Groups[1].Value;
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var years)) return (years * 12, true);
            if (NumberWords.TryGetValue(word, out var named)) return (named * 12, true);
        }
        return (null, false);
    }

    [GeneratedRegex(@"\b(\d+) months\b")]
    private static partial Regex MonthsText();

    [GeneratedRegex(@"\b(\d+|[a-z]+) years\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearsText();

    [GeneratedRegex(@"GBP ([0-9]+(?:\.[0-9]+)?)m\b")]
    private static partial Regex Fee();

    [GeneratedRegex(@"GBP ([0-9]+(?:\.[0-9]+)?)m government set-up funding")]
    private static partial Regex SetupFunding();

    private static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (c is '\'' or '\u2019') continue;
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().TrimEnd('-');
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Text as a plain YAML scalar where that is safe, else double-quoted.</summary>
    private static string Scalar(string text) => PlainSafe().IsMatch(text) ? text : Quoted(text);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ,.'()&-]*$")]
    private static partial Regex PlainSafe();

    // ---- Reading the record ----

    private sealed class Table(string path)
    {
        public string Path { get; } = path;

        private readonly string[] _lines = File.ReadAllLines(path);
        private Dictionary<string, int>? _columns;

        public IEnumerable<(int Line, Func<string, string> Field)> Rows(params string[] required)
        {
            if (_lines.Length == 0) throw new InvalidDataException($"{Path}: empty; expected a header row");
            _columns = CsvLine.Split(_lines[0]).Select((c, i) => (c, i)).ToDictionary(x => x.c.Trim(), x => x.i, StringComparer.Ordinal);
            var missing = required.Where(c => !_columns.ContainsKey(c)).ToList();
            if (missing.Count > 0) throw new InvalidDataException($"{Path}: no column {string.Join(", ", missing)}");
            for (var i = 1; i < _lines.Length; i++)
            {
                if (_lines[i].Trim().Length == 0) continue;
                var fields = CsvLine.Split(_lines[i]);
                var line = i + 1;
                yield return (line, column =>
                {
                    var at = _columns[column];
                    return at < fields.Count ? fields[at].Trim() : throw new InvalidDataException($"{Path}:{line}: no value for {column}");
                });
            }
        }
    }

    private static (List<Authority> Current, bool CumbriaSplit, List<string> RegionByName) ReadAuthorities(string path)
    {
        var table = new Table(path);
        var regionsByName = SyntheticEnglandGenerator.Regions.ToDictionary(r => r.Name, r => r.Id, StringComparer.Ordinal);
        var rows = new List<(string Id, string Name, string Region, double? Population)>();
        var regionByName = new List<string>();
        foreach (var (line, field) in table.Rows("council_id", "name", "region_code", "region_name", "population_0_25", "current"))
        {
            if (field("current") != "yes") continue;
            var id = field("council_id");
            if (!RegionIds.TryGetValue(field("region_code"), out var region))
            {
                region = regionsByName.TryGetValue(field("region_name"), out var byName) ? byName
                    : throw new InvalidDataException($"{path}:{line}: {id} has no known region ('{field("region_code")}', '{field("region_name")}')");
                regionByName.Add(id);
            }
            double? population = double.TryParse(field("population_0_25"), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : null;
            rows.Add((id, field("name"), region, population));
        }
        // Cumbria's successors carry the old county's figure: split it between them.
        var split = CumbriaSplit.Select(s => rows.FirstOrDefault(x => x.Id == s.Council)).ToList();
        var splitting = split.All(x => x.Id is not null && x.Population is not null) && split.Select(x => x.Population).Distinct().Count() == 1;
        var authorities = new List<Authority>();
        foreach (var (id, name, region, population) in rows.OrderBy(x => x.Id, StringComparer.Ordinal))
        {
            if (population is not { } pop) throw new InvalidDataException($"{path}: {id} has no population_0_25");
            var share = splitting ? CumbriaSplit.FirstOrDefault(s => s.Council == id).Share : 0;
            authorities.Add(new Authority(id, name, region, share > 0 ? pop * share : pop));
        }
        if (authorities.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count() != authorities.Count)
            throw new InvalidDataException($"{path}: a council_id appears twice");
        return (authorities, splitting, [.. regionByName.Order(StringComparer.Ordinal)]);
    }

    private sealed record InspectionCounts(int Total, int InRun, int AfterEnd, int BeforeStart);

    private static (Dictionary<string, List<Inspection>> ByCouncil, InspectionCounts Counts) ReadInspections(string path, HashSet<string> councils)
    {
        var table = new Table(path);
        var byCouncil = new Dictionary<string, List<Inspection>>(StringComparer.Ordinal);
        int total = 0, recorded = 0, afterEnd = 0, beforeStart = 0;
        foreach (var (line, field) in table.Rows("council_id", "framework", "inspection_end"))
        {
            total++;
            var id = field("council_id");
            var end = field("inspection_end");
            if (end.Length < 7 || !Month.TryParse(end[..7], out var month)) throw new InvalidDataException($"{path}:{line}: inspection_end '{end}' is not a date");
            if (!RecordFrameworks.TryGetValue(field("framework"), out var framework))
                throw new InvalidDataException($"{path}:{line}: unknown framework '{field("framework")}'");
            // The scenario's observed judgements are read from this file, which may name only its councils.
            if (!councils.Contains(id)) throw new InvalidDataException($"{path}:{line}: '{id}' is not a current authority");
            if (month > End)
            {
                afterEnd++;
                continue;
            }
            if (month < Start)
            {
                beforeStart++;
                continue;
            }
            recorded++;
            if (!byCouncil.TryGetValue(id, out var list)) byCouncil[id] = list = [];
            list.Add(new Inspection(id, month, framework));
        }
        foreach (var list in byCouncil.Values) list.Sort((a, b) => a.Month.CompareTo(b.Month));
        return (byCouncil, new InspectionCounts(total, recorded, afterEnd, beforeStart));
    }

    private static List<GovernanceRow> ReadGovernance(string path, HashSet<string> councils)
    {
        var table = new Table(path);
        var rows = new List<GovernanceRow>();
        foreach (var (line, field) in table.Rows("council_id", "month", "event", "detail", "month_known", "source"))
        {
            var id = field("council_id");
            if (!councils.Contains(id)) throw new InvalidDataException($"{path}:{line}: '{id}' is not a current authority");
            if (!Month.TryParse(field("month"), out var month)) throw new InvalidDataException($"{path}:{line}: month '{field("month")}' is not YYYY-MM");
            if (month < Start || month > End) throw new InvalidDataException($"{path}:{line}: {month} is outside the run ({Start} to {End})");
            rows.Add(new GovernanceRow(line, id, month, field("event"), field("detail"), field("month_known") != "no", field("source")));
        }
        return rows;
    }
}
