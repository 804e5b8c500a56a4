namespace Simulation.Silo.Output;

/// <summary>
/// A run writes into a hidden folder beside its destination and moves it into place only when it
/// succeeds, so a failed or interrupted run never leaves a half-written output folder. While it
/// writes, the run holds an exclusive lock on a file beside the staging folder; a process killed
/// outright (SIGKILL, power loss) cannot remove its staging folder, but its lock goes with it, so
/// the next run into the same destination finds the folder unowned and removes it.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private const string StagingMark = ".partial-";
    private const string LockSuffix = ".lock";
    private bool _committed;
    private FileStream? _lock;

    private OutputFolder(string destination, string staging, FileStream ownership, IReadOnlyList<string> removed)
    {
        Destination = destination;
        Staging = staging;
        _lock = ownership;
        RemovedStale = removed;
    }

    /// <summary>Staging folders of earlier runs into this destination that no live process owned, removed when this one was created.</summary>
    public IReadOnlyList<string> RemovedStale { get; }

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
        var prefix = $".{Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar))}{StagingMark}";
        var removed = RemoveStale(parent, prefix);
        var staging = Path.Combine(parent, $"{prefix}{Guid.NewGuid():N}");
        // The lock first, then the folder: a staging folder without a held lock is never live.
        var ownership = new FileStream(staging + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(staging);
        return new OutputFolder(full, staging, ownership, removed);
    }

    /// <summary>
    /// Removes the staging folders of <paramref name="prefix"/> in <paramref name="parent"/> whose
    /// lock no live process holds, and returns their names. A folder whose lock is held belongs to a
    /// run still writing, and is left alone.
    /// </summary>
    private static List<string> RemoveStale(string parent, string prefix)
    {
        var removed = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var lockFile = folder + LockSuffix;
            try
            {
                if (File.Exists(lockFile))
                {
                    // Opened exclusively only if its owner is gone (the lock dies with the process).
                    using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }
                Directory.Delete(folder, recursive: true);
                File.Delete(lockFile);
                removed.Add(Path.GetFileName(folder));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held by a live run, or not ours to remove: left as it is.
            }
        }
        return removed;
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
        ReleaseLock();
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
                // Best effort: a leftover hidden .partial folder is harmless and named as such, and
                // the next run into this destination removes it.
            }
        }
        ReleaseLock();
    }

    private void ReleaseLock()
    {
        if (_lock is null) return;
        _lock.Dispose();
        _lock = null;
        try
        {
            File.Delete(Staging + LockSuffix);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class OutputFolderException(string message) : Exception(message);
