using Simulation.Model.Time;

namespace Simulation.Model.Inspection;

/// <summary>
/// A published inspection result. Sub-judgements are null where the framework does not grade
/// them (the annual assessment, for example, gives only an overall grade).
/// </summary>
public sealed record Judgement(
    string Area,
    Month Month,
    Framework Framework,
    Grade Overall,
    Grade? HelpAndProtection,
    Grade? ChildrenInCare,
    Grade? Leadership);
