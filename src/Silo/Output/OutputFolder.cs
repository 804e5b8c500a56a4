namespace Simulation.Silo.Output;

/// <summary>
/// A run writes into a hidden folder beside its destination and moves it into place only when it
/// succeeds, so a failed or interrupted run never leaves a half-written output folder.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string destination, string staging)
    {
        Destination = destination;
        Staging = staging;
    }

    public string Destination { get; }

    /// <summary>Where the run writes until it is committed.</summary>
    public string Staging { get; }

    /// <summary>
    /// Checks the destination can be used and creates the staging folder. Returns an error message
    /// instead when the destination exists and <paramref name="replace"/> is false.
    /// </summary>
    public static OutputFolder Create(string destination, bool replace)
    {
        if (string.IsNullOrWhiteSpace(destination)) throw new OutputFolderException("the folder is empty; expected a path such as out/NAME");
        var full = Path.GetFullPath(destination);
        if (File.Exists(full)) throw new OutputFolderException($"{destination} is a file; expected a folder for the results");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !replace)
            throw new OutputFolderException($"{destination} already exists and is not empty; pass --force to replace it");
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar))}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new OutputFolder(full, staging);
    }

    /// <summary>Moves the finished results into place, replacing any previous results.</summary>
    public void Commit()
    {
        string? old = null;
        if (Directory.Exists(Destination))
        {
            old = Destination.TrimEnd(Path.DirectorySeparatorChar) + $".old-{Guid.NewGuid():N}";
            Directory.Move(Destination, old);
        }
        Directory.Move(Staging, Destination);
        _committed = true;
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            try
            {
                Directory.Delete(Staging, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover hidden .partial folder is harmless and named as such.
            }
        }
    }
}

public sealed class OutputFolderException(string message) : Exception(message);
