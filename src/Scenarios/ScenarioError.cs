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

/// <summary>Thrown only inside the loader; callers get the errors as a list.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(errors.Count > 0 ? errors[0].ToString() : "invalid scenario")
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
