using Simulation.Silo.Output;

namespace Simulation.Silo.Cli;

/// <summary>The <c>--out</c> folder every writing command opens the same way.</summary>
public static class OutOption
{
    /// <summary>
    /// The staging folder for <paramref name="destination"/> (<see cref="OutputFolder.Create"/>), or
    /// null after printing one line <c>--out: ...</c> on standard error: the caller exits with
    /// <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public static OutputFolder? Open(string destination, bool force)
    {
        try
        {
            var folder = OutputFolder.Create(destination, force);
            if (folder.RemovedStale.Count > 0)
            {
                Console.Error.WriteLine($"--out: removed {folder.RemovedStale.Count} staging folder(s) left by interrupted runs into {destination}: {string.Join(", ", folder.RemovedStale)}");
            }
            return folder;
        }
        catch (Exception e) when (e is OutputFolderException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out: {e.Message}");
            return null;
        }
    }
}
