namespace Simulation.Silo.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run itself failed (the cluster went away, the disk filled up).</summary>
    public const int RunFailed = 1;

    /// <summary>The input was wrong: a scenario file, an option, an existing output folder.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Interrupted = 130;
}
