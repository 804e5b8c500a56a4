namespace Simulation.Scenarios;

/// <summary>A problem found in a scenario file, located to the line, column and key.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Key, string Message)
{
    /// <summary><c>FILE:LINE:COLUMN: key.path: what is wrong; what is expected</c></summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return string.IsNullOrEmpty(Key) ? $"{location}: {Message}" : $"{location}: {Key}: {Message}";
    }
}

/// <summary>
/// Thrown only inside the loader; callers get the errors as a list: the first
/// <see cref="MaxErrors"/>, then one line, at the next error's place, saying how many more there are
/// (a file of a hundred thousand unknown keys gets a screenful, not a hundred thousand lines).
/// </summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(errors.Count > 0 ? errors[0].ToString() : "invalid scenario")
{
    public const int MaxErrors = 100;

    public IReadOnlyList<ScenarioError> Errors { get; } = errors.Count <= MaxErrors
        ? errors
        : [.. errors.Take(MaxErrors), errors[MaxErrors] with { Key = "", Message = $"and {errors.Count - MaxErrors:N0} more errors from here on, not shown; fix these first" }];
}
