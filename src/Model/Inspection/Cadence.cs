using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.Inspection;

/// <summary>
/// When the next inspection falls, for scenarios that leave inspections to the rules rather than
/// fixing their dates: yearly assessments each December until 2012, then inspections about every
/// three years, sooner (two to three years) after an inadequate judgement, never before the
/// single inspection framework starts, and never during a pause.
/// </summary>
public static class Cadence
{
    private static readonly Month LastAnnualAssessment = Month.Of(2012, 12);

    public static Month Next(Month last, Grade grade, InspectionParameters p, CounterRandom rng)
    {
        var nextDecember = Month.Of(last.CalendarMonth == 12 ? last.Year + 1 : last.Year, 12);
        if (nextDecember <= LastAnnualAssessment) return nextDecember;

        var (min, max) = grade == Grade.Inadequate
            ? (p.InadequateMinMonths, p.InadequateMaxMonths)
            : (p.CycleMinMonths, p.CycleMaxMonths);
        var months = (int)Math.Round(Draw.Uniform(rng, Math.Min(min, max), Math.Max(min, max)));
        var due = last + Math.Max(1, months);
        return due < Frameworks.SingleInspectionStart ? Frameworks.SingleInspectionStart : due;
    }

    /// <summary>The first inspection of a run that starts at <paramref name="start"/> with no history.</summary>
    public static Month First(Month start, InspectionParameters p)
    {
        var december = Month.Of(start.Year, 12);
        return december <= LastAnnualAssessment ? december : start + (int)Math.Round(p.FirstCadenceMonths);
    }

    /// <summary>
    /// An inspection due inside a pause is put back by the pause's length: the inspectorate works
    /// through its schedule in order once inspections resume.
    /// </summary>
    public static Month AfterPause(Month due, Month pauseStart, Month pauseEnd) =>
        due >= pauseStart && due <= pauseEnd ? due + (pauseEnd.MonthsSince(pauseStart) + 1) : due;
}
