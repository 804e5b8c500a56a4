using System.Runtime.InteropServices;
using System.Text;

namespace Simulation.Scenarios;

/// <summary>
/// How scenario files and the files they name are found and read: only regular files (a device, a
/// pipe, a socket or a folder is refused before it is opened, so nothing can hang or stream without
/// end), never more than the size limit (counted in bytes actually read, not the length the file
/// system reports, which is 0 for devices), and only inside the naming file's folder.
/// </summary>
public static partial class ScenarioFiles
{
    /// <summary>What kind of thing a path names.</summary>
    public enum Kind
    {
        Missing,
        File,
        Folder,
        /// <summary>A character or block device, a named pipe or a socket.</summary>
        Special,
    }

    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static Kind KindOf(string path)
    {
        if (Directory.Exists(path)) return Kind.Folder;
        if (!File.Exists(path)) return Kind.Missing;
        return UnixFileType(path) is { } type && type != RegularFile ? Kind.Special : Kind.File;
    }

    /// <summary>Why <paramref name="path"/> cannot be read as a scenario's file, or null if it can.</summary>
    public static string? Problem(string path) => KindOf(path) switch
    {
        Kind.Missing => "no such file",
        Kind.Folder => "is a folder, not a file",
        Kind.Special => "is a device, pipe or socket, not a file",
        _ => null,
    };

    /// <summary>
    /// The bytes of a regular file of at most <paramref name="limit"/> bytes, or the reason it cannot
    /// be read (<see cref="Problem"/>, too large, or the system's error). At most limit + 1 bytes are
    /// ever read.
    /// </summary>
    public static (byte[]? Bytes, string? Problem) Read(string path, long limit)
    {
        if (Problem(path) is { } problem) return (null, problem);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - total))) > 0)
            {
                buffer.Write(chunk, 0, n);
                total += n;
                if (total > limit) return (null, $"is larger than {limit:N0} bytes, the limit for a scenario's files");
            }
            return (buffer.ToArray(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Where an invalid UTF-8 sequence starts in <paramref name="bytes"/>, as a 1-based line and
    /// column (in characters), or null if the bytes are valid UTF-8 text.
    /// </summary>
    public static (int Line, int Column)? FirstInvalidUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Clamp(e.Index, 0, bytes.Length);
            var lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, at - 1)) + 1;
            if (at == 0) lineStart = 0;
            var line = 1;
            for (var i = 0; i < lineStart; i++)
            {
                if (bytes[i] == '\n') line++;
            }
            var column = Encoding.UTF8.GetCharCount(bytes, lineStart, at - lineStart) + 1;
            return (line, column);
        }
    }

    /// <summary>
    /// The folder a file named by <paramref name="namingFile"/> must lie in: the naming file's own
    /// folder, or, for a file in a repository's <c>scenarios/</c> folder (next to
    /// <c>Simulation.sln</c>), that whole folder, so shipped scenarios may share its calibration and
    /// data subfolders.
    /// </summary>
    public static string AllowedRoot(string namingFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(namingFile)) ?? ".";
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (dir.Name == "scenarios" && dir.Parent is { } repo && File.Exists(Path.Combine(repo.FullName, "Simulation.sln"))) return dir.FullName;
        }
        return folder;
    }

    /// <summary>
    /// Whether <paramref name="full"/> lies in <paramref name="root"/> or below it, symbolic links
    /// followed (a link inside that points outside is outside).
    /// </summary>
    public static bool Inside(string root, string full)
    {
        if (!Below(root, full)) return false;
        try
        {
            var target = File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName : null;
            return target is null || Below(root, target);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool Below(string root, string full)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(full));
        return !Path.IsPathRooted(relative) && relative != ".."
            && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private const int RegularFile = 0x8000;

    /// <summary>
    /// The file type bits (S_IFMT) of <c>stat</c> on Linux, or null where they cannot be read (another
    /// system, or an error): then only the bounded read protects, as on Windows, which has no such files.
    /// </summary>
    private static int? UnixFileType(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        // Offset of st_mode in struct stat: x86-64 and arm64 (the generic layout) differ.
        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0) return null;
        var buffer = new byte[256];
        try
        {
            if (Native.Stat(path, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        return BitConverter.ToInt32(buffer, offset) & 0xF000;
    }

    private static class Native
    {
#pragma warning disable SYSLIB1054, CA2101 // LibraryImport would need unsafe code for one call; the path is marshalled as UTF-8 on Unix either way.
        [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        internal static extern int Stat(string path, byte[] buffer);
#pragma warning restore SYSLIB1054, CA2101
    }
}
