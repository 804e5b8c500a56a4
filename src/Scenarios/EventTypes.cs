using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Service;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios.Yaml;

namespace Simulation.Scenarios;

/// <summary>A key an event of some type may carry.</summary>
public sealed record EventKey(string Name, string Type, bool Required, string Description);

/// <summary>
/// A kind of dated event a scenario can script: its keys and how it becomes messages to entities.
/// Every event also has <c>id</c>, <c>month</c>, <c>type</c> and optionally <c>source</c> and <c>note</c>.
/// </summary>
public sealed record EventType(string Name, string Description, IReadOnlyList<EventKey> Keys)
{
    public static readonly IReadOnlyList<string> CommonKeys = ["id", "month", "type", "source", "note"];

    private static EventKey Council => new("council", "council id", true, "The council the event concerns.");

    public static readonly IReadOnlyList<EventType> All =
    [
        new("demand_shock", "A national change in demand, reached linearly over ramp_months (e.g. after the Baby P case in November 2008).",
        [
            new("councils", "list of council ids", false, "Councils affected; all when omitted."),
            new("referrals", "multiplier", false, "Referrals at the end of the ramp relative to before (default 1)."),
            new("protection", "multiplier", false, "Moves onto child protection plans relative to before (default 1)."),
            new("care", "multiplier", false, "Entries to care relative to before (default 1)."),
            new("ramp_months", "months", false, "Months over which the change builds up (default 12)."),
        ]),
        new("intervention", "The Department intervenes: an improvement notice or a statutory direction.",
        [
            Council,
            new("level", "improvement_notice | statutory_direction", false, "Default statutory_direction."),
        ]),
        new("commissioner", "The Department appoints a commissioner for children's social care.", [Council]),
        new("trust_order", "The Department orders the service moved to a trust.",
        [
            Council,
            new("go_live", "month", false, "When the trust goes live; when omitted a trust_go_live event decides."),
        ]),
        new("direction_lifted", "The Department's intervention ends.", [Council]),
        new("director_change", "A new director of children's services (or trust chief executive) takes over.",
        [
            Council,
            new("quality", "0-1", false, "Quality of the new leadership; drawn from the market when omitted."),
            new("interim", "true | false", false, "An interim appointment (default false)."),
        ]),
        new("budget_change", "The council's budget for the service changes (savings are negative).",
        [
            Council,
            new("amount", "GBP m per year", true, "Change in the annual budget."),
        ]),
        new("improvement_funding", "The council funds an improvement plan.",
        [
            Council,
            new("amount", "GBP m in total", true, "Total funding."),
            new("months", "months", true, "Period over which it is spent."),
        ]),
        new("partner_start", "An improvement partner starts supporting a council under a contract.",
        [
            new("partner", "partner id", true, "The partner (defined under partners)."),
            Council,
            new("months", "months", true, "Length of the contract."),
            new("fee", "GBP m in total", true, "Fee over the whole contract."),
            new("leadership_support", "0-0.5", false, "Leadership the partner adds (default partner.leadership_support)."),
            new("practice_support", "0-1", false, "Practice support the partner adds (default partner.practice_support)."),
            new("recruitment_boost", "multiplier", false, "Extra recruitment (default partner.recruitment_boost)."),
        ]),
        new("trust_go_live", "The trust takes over the service.",
        [
            Council,
            new("trust", "trust id", false, "A trust defined under trusts, which the council joins (it may serve other councils); the council's own trust when omitted."),
            new("council_owned", "true | false", false, "A company the council owns from the start (default false: an independent trust)."),
            new("seconded", "true | false", false, "Staff seconded rather than transferred (default true)."),
            new("setup_cost", "GBP m", false, "One-off set-up cost, spent over the first year (default finance.trust_setup_cost)."),
            new("setup_funding", "GBP m", false, "Part of the set-up cost paid from outside, e.g. by the Department (default 0)."),
        ]),
        new("labour_market", "The social-work labour market changes: recruitment is multiplied, reached linearly over ramp_months.",
        [
            new("councils", "list of council ids", false, "Councils affected; all when omitted."),
            new("recruitment", "multiplier", true, "Recruitment at the end of the ramp relative to before (below 1: harder)."),
            new("ramp_months", "months", false, "Months over which the change builds up (default 12)."),
        ]),
        new("council_ownership", "The trust passes into the council's ownership, operationally separate.", [Council]),
        new("scrutiny_change", "The council's scrutiny of a contracted service changes.",
        [
            Council,
            new("strength", "0-1", true, "Strength of challenge when decline is seen."),
            new("lag_months", "months", true, "How late the council sees the state of the service."),
        ]),
        new("it_system", "A case-management system is implemented badly: records inaccurate, manual workarounds.",
        [
            Council,
            new("severity", "0-1", true, "1 is the worst case the parameters describe."),
        ]),
        new("return_in_house", "The council brings the service back in-house.",
        [
            Council,
            new("trust", "trust id", false, "The trust the council leaves; when given it must be the one the council joined."),
        ]),
        new("inspection_pause", "Routine inspections stop (COVID-19).",
        [
            new("until", "month", true, "Last month of the pause."),
        ]),
        new("milestone", "A documented milestone with no mechanism of its own, recorded in events.csv.",
        [
            new("council", "council id", false, "Recorded by this council; by the Department when omitted."),
            new("detail", "text", true, "What happened."),
        ]),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToList();

    public static EventType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// An event type's name for people (reports): <c>trust go-live</c> for <c>trust_go_live</c>; a
    /// type this program does not know is shown with its underscores as spaces.
    /// </summary>
    public static string DisplayName(string type) => type switch
    {
        "it_system" => "IT system failure",
        "trust_go_live" => "trust go-live",
        "return_in_house" => "return in-house",
        "partner_start" => "improvement partner starts",
        "improvement_funding" => "improvement funding",
        "inspection_pause" => "inspections paused",
        "director_change" => "new director",
        "direction_lifted" => "intervention lifted",
        _ => type.Replace('_', ' '),
    };

    public IEnumerable<string> AllowedKeys => CommonKeys.Concat(Keys.Select(k => k.Name));
}

/// <summary>Turns one event of the scenario file into the messages it sends.</summary>
internal static class EventBuilder
{
    public static IEnumerable<(Address To, IMessage Message)> Build(
        EventType type, Map map, Month month, IReadOnlySet<string> councils, IReadOnlySet<string> partners, IReadOnlyList<TrustSetup> trusts)
    {
        var r = map.Reader;
        Address? TrustId()
        {
            var id = map.Text("trust");
            if (id is null) return null;
            if (trusts.FirstOrDefault(t => t.Id == id) is { } t) return t.Address;
            var known = trusts.Select(x => x.Id).ToHashSet();
            r.Error(map.Get("trust"), map.KeyPath("trust"), $"no trust '{id}' is defined under trusts{Suggestions.DidYouMean(id, known)}");
            return null;
        }
        string? CouncilId(bool required = true)
        {
            var id = map.Text("council", required);
            if (id is not null && !councils.Contains(id))
            {
                r.Error(map.Get("council"), map.KeyPath("council"), $"no council '{id}' is defined{Suggestions.DidYouMean(id, councils)}");
                return null;
            }
            return id;
        }

        switch (type.Name)
        {
            case "demand_shock":
            {
                var targets = Targets(map, councils, r);
                var shock = new DemandShock(
                    month,
                    map.Number("referrals", 0.1, 10, "multiplier") ?? 1,
                    map.Number("protection", 0.1, 10, "multiplier") ?? 1,
                    map.Number("care", 0.1, 10, "multiplier") ?? 1,
                    (int)(map.Integer("ramp_months", 0, 240) ?? 12));
                return targets.Select(c => (Address.Council(c), (IMessage)new DemandShockStarted(shock))).ToList();
            }
            case "intervention":
            {
                var c = CouncilId();
                var level = map.Choice("level", ["improvement_notice", "statutory_direction"]) ?? "statutory_direction";
                var directive = level == "improvement_notice" ? Directive.ImprovementNotice : Directive.StatutoryDirection;
                return c is null ? [] : [(Address.Department, new DirectiveScripted(c, directive, null))];
            }
            case "commissioner":
                return CouncilId() is { } cc ? [(Address.Department, new DirectiveScripted(cc, Directive.Commissioner, null))] : [];
            case "trust_order":
            {
                var c = CouncilId();
                var goLive = map.Month("go_live");
                if (goLive is { } g && g <= month) r.Error(map.Get("go_live"), map.KeyPath("go_live"), $"{g} is not after the order ({month}); expected a later month");
                return c is null ? [] : [(Address.Department, new DirectiveScripted(c, Directive.TrustOrder, goLive))];
            }
            case "direction_lifted":
                return CouncilId() is { } cd ? [(Address.Department, new DirectiveScripted(cd, Directive.DirectionLifted, null))] : [];
            case "director_change":
            {
                var c = CouncilId();
                var quality = map.Number("quality", 0, 1);
                var interim = map.Boolean("interim") ?? false;
                return c is null ? [] : [(Address.Council(c), new DirectorAppointed(quality, interim))];
            }
            case "budget_change":
            {
                var c = CouncilId();
                var amount = map.Number("amount", -10_000, 10_000, "GBP m per year", required: true);
                return c is null || amount is null ? [] : [(Address.Council(c), new BudgetChanged(amount.Value))];
            }
            case "improvement_funding":
            {
                var c = CouncilId();
                var amount = map.Number("amount", 0, 10_000, "GBP m", required: true);
                var months = map.Integer("months", 1, 240, required: true);
                return c is null || amount is null || months is null
                    ? []
                    : [(Address.Council(c), new ImprovementFunded(amount.Value / months.Value * 12, (int)months.Value))];
            }
            case "partner_start":
            {
                var partner = map.Text("partner", required: true);
                if (partner is not null && !partners.Contains(partner))
                {
                    r.Error(map.Get("partner"), map.KeyPath("partner"), $"no partner '{partner}' is defined under partners{Suggestions.DidYouMean(partner, partners)}");
                    partner = null;
                }
                var c = CouncilId();
                var months = map.Integer("months", 1, 240, required: true);
                var fee = map.Number("fee", 0, 10_000, "GBP m", required: true);
                var message = new PartnerEngaged(c ?? "", (int)(months ?? 1), fee ?? 0,
                    map.Number("leadership_support", 0, 0.5),
                    map.Number("practice_support", 0, 1),
                    map.Number("recruitment_boost", 0, 2, "multiplier"));
                return partner is null || c is null || months is null || fee is null ? [] : [(Address.Partner(partner), message)];
            }
            case "trust_go_live":
            {
                var c = CouncilId();
                var seconded = map.Boolean("seconded") ?? true;
                var cost = map.Number("setup_cost", 0, 1_000, "GBP m");
                var funding = map.Number("setup_funding", 0, 1_000, "GBP m") ?? 0;
                var trust = TrustId();
                var owned = map.Boolean("council_owned") ?? false;
                return c is null ? [] : [(Address.Council(c), new TrustGoLive(seconded, cost, funding, trust, owned))];
            }
            case "labour_market":
            {
                var targets = Targets(map, councils, r);
                var recruitment = map.Number("recruitment", 0.1, 10, "multiplier", required: true);
                var shift = new LabourMarketShift(month, recruitment ?? 1, (int)(map.Integer("ramp_months", 0, 240) ?? 12));
                return recruitment is null ? [] : targets.Select(c => (Address.Council(c), (IMessage)new LabourMarketChanged(shift))).ToList();
            }
            case "council_ownership":
                return CouncilId() is { } co ? [(Address.Council(co), new TrustOwnershipChanged())] : [];
            case "scrutiny_change":
            {
                var c = CouncilId();
                var strength = map.Number("strength", 0, 1, required: true);
                var lag = map.Number("lag_months", 0, 36, "months", required: true);
                return c is null || strength is null || lag is null ? [] : [(Address.Council(c), new ScrutinyStrengthened(strength.Value, lag.Value))];
            }
            case "it_system":
            {
                var c = CouncilId();
                var severity = map.Number("severity", 0, 1, required: true);
                return c is null || severity is null ? [] : [(Address.Council(c), new ItSystemFailed(severity.Value))];
            }
            case "return_in_house":
            {
                var cr = CouncilId();
                TrustId();
                return cr is null ? [] : [(Address.Council(cr), new ReturnInHouse())];
            }
            case "inspection_pause":
            {
                var until = map.Month("until", required: true);
                if (until is { } u && u < month) r.Error(map.Get("until"), map.KeyPath("until"), $"{u} is before the pause starts ({month})");
                return until is null ? [] : [(Address.Inspector, new InspectionsPaused(until.Value))];
            }
            case "milestone":
            {
                var c = CouncilId(required: false);
                var detail = map.Text("detail", required: true) ?? "";
                var id = map.Scalar("id") ?? "milestone";
                return [(c is null ? Address.Department : Address.Council(c), new Milestone(id, detail))];
            }
            default:
                throw new InvalidOperationException($"event type {type.Name} has no builder");
        }
    }

    /// <summary>The councils an event names under <c>councils</c>, or all of them.</summary>
    private static List<string> Targets(Map map, IReadOnlySet<string> councils, Reader r)
    {
        var targets = new List<string>();
        if (map.Get("councils") is { } list)
        {
            foreach (var (node, key) in r.Items(list, map.KeyPath("councils")))
            {
                var id = r.Text(node, key);
                if (id is null) continue;
                if (councils.Contains(id)) targets.Add(id);
                else r.Error(node, key, $"no council '{id}' is defined{Suggestions.DidYouMean(id, councils)}");
            }
        }
        else targets.AddRange(councils.Order(StringComparer.Ordinal));
        return targets;
    }
}
