using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Model.Governance;

/// <summary>The Department's oversight of one council: what it has done and counts.</summary>
public sealed record Oversight(InterventionLevel Level, int Inadequate, bool PartnerEngaged, bool TrustOrdered, Month? LiftDue)
{
    public static Oversight None { get; } = new(InterventionLevel.None, 0, false, false, null);
}

/// <summary>One decision of the Department about a council; a trust order may carry its go-live month.</summary>
public readonly record struct Decision(Directive Directive, Month? GoLive = null);

/// <summary>
/// The Department's escalation, as the statutory guidance reads (NATIONAL.md): after an inadequate
/// judgement it issues an improvement notice; if failure persists (<c>direction_after</c>
/// inadequate judgements since the last intervention was lifted) a statutory direction and a
/// commissioner; after <c>partner_after</c> an improvement partner; after <c>trust_after</c> an
/// order to move the service to a trust, live <c>trust_setup_months</c> later. Once the service is
/// judged good or better, the intervention is lifted <c>lift_delay_months</c> later, unless another
/// inadequate judgement comes first.
/// </summary>
public static class Escalation
{
    /// <summary>
    /// The Department's decisions after a judgement of <paramref name="overall"/> in
    /// <paramref name="month"/>, in the order it takes them, and its oversight once the judgement is
    /// counted (each decision then takes effect through <see cref="Apply"/>).
    /// <paramref name="partnerAvailable"/>: whether the scenario has a partner to engage;
    /// <paramref name="mayOrderTrust"/>: false while a run is conditioned on a record that lists
    /// every trust order (the count goes on, so a later inadequate judgement can order one).
    /// </summary>
    public static (Oversight Counted, IReadOnlyList<Decision> Decisions) Respond(
        Oversight o, Grade overall, Month month, DepartmentParameters d, bool partnerAvailable, bool mayOrderTrust = true)
    {
        var decisions = new List<Decision>();
        if (overall == Grade.Inadequate)
        {
            o = o with { Inadequate = o.Inadequate + 1, LiftDue = null };
            if (o.Inadequate >= d.DirectionAfter && o.Level < InterventionLevel.StatutoryDirection)
            {
                decisions.Add(new Decision(Directive.StatutoryDirection));
                decisions.Add(new Decision(Directive.Commissioner));
            }
            else if (o.Level == InterventionLevel.None)
            {
                decisions.Add(new Decision(Directive.ImprovementNotice));
            }
            if (o.Inadequate >= d.PartnerAfter && !o.PartnerEngaged && partnerAvailable)
            {
                decisions.Add(new Decision(Directive.PartnerRequired));
            }
            if (o.Inadequate >= d.TrustAfter && !o.TrustOrdered && mayOrderTrust)
            {
                decisions.Add(new Decision(Directive.TrustOrder, month + (int)Math.Round(d.TrustSetupMonths)));
            }
        }
        else if (overall >= Grade.Good && o.Level > InterventionLevel.None && o.LiftDue is null)
        {
            o = o with { LiftDue = month + (int)Math.Round(d.LiftDelayMonths) };
        }
        return (o, decisions);
    }

    /// <summary>Whether an intervention is due to be lifted in <paramref name="month"/>.</summary>
    public static bool LiftDue(Oversight o, Month month) => o.LiftDue is { } due && due <= month;

    /// <summary>The oversight after a directive, whether the rules or a scripted date gave it.</summary>
    public static Oversight Apply(Oversight o, Directive directive) => directive switch
    {
        Directive.ImprovementNotice => o with { Level = InterventionLevel.ImprovementNotice },
        Directive.StatutoryDirection => o with { Level = InterventionLevel.StatutoryDirection },
        Directive.TrustOrder => o with { TrustOrdered = true },
        Directive.PartnerRequired => o with { PartnerEngaged = true },
        Directive.DirectionLifted => o with { Level = InterventionLevel.None, Inadequate = 0, LiftDue = null },
        _ => o,
    };
}
