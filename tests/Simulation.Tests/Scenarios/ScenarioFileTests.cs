using System.Diagnostics;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Files a scenario names stay inside its folder; only regular files are read, never past the size
/// limit; errors point at the key's line (issue 20, items 2, 3 and 7).
/// </summary>
public sealed class ScenarioFileTests
{
    private static ScenarioError Refused(string path)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        return Assert.Single(e.Errors);
    }

    [Theory]
    [InlineData("extends")]
    [InlineData("parameters_from")]
    [InlineData("documented_judgements")]
    [InlineData("posterior")]
    public void A_file_outside_the_scenarios_folder_is_refused_on_the_keys_line_without_being_read(string key)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("study"));
        File.WriteAllText(temp.Combine("secret.yaml"), "seed: SECRET-hunter2\n");
        File.WriteAllText(temp.Combine("study", "s.yaml"), $"name: s\n{key}: ../secret.yaml\n");
        var error = Refused(temp.Combine("study", "s.yaml"));
        Assert.Equal((2, key.Length + 3, key), (error.Line, error.Column, error.Key));
        Assert.Contains("'../secret.yaml' is outside this file's folder", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_inside_the_folder_that_points_outside_is_outside()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("study"));
        File.WriteAllText(temp.Combine("secret.yaml"), "seed: SECRET-hunter2\n");
        File.CreateSymbolicLink(temp.Combine("study", "parent.yaml"), temp.Combine("secret.yaml"));
        File.WriteAllText(temp.Combine("study", "s.yaml"), "name: s\nextends: parent.yaml\n");
        var error = Refused(temp.Combine("study", "s.yaml"));
        Assert.Contains("is outside this file's folder", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_pipes_and_folders_are_refused_before_they_are_opened()
    {
        Assert.Equal("is a device, pipe or socket, not a file", Refused("/dev/zero").Message);

        using var temp = new TempFolder();
        var fifo = temp.Combine("pipe.yaml");
        Process.Start("mkfifo", fifo)!.WaitForExit();
        // Opening a pipe for reading would wait for a writer for ever.
        Assert.Equal("is a device, pipe or socket, not a file", Refused(fifo).Message);

        File.WriteAllText(temp.Combine("s.yaml"), "name: s\nextends: pipe.yaml\n");
        var error = Refused(temp.Combine("s.yaml"));
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Contains("is a device, pipe or socket", error.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(temp.Combine("sub"));
        File.WriteAllText(temp.Combine("d.yaml"), "name: s\nparameters_from: sub\n");
        Assert.Contains("'sub' is a folder", Refused(temp.Combine("d.yaml")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_stops_past_the_limit_whatever_length_the_file_system_reports()
    {
        using var temp = new TempFolder();
        var big = temp.Combine("big.csv");
        File.WriteAllBytes(big, new byte[1000]);
        var (bytes, problem) = ScenarioFiles.Read(big, 999);
        Assert.Null(bytes);
        Assert.Contains("larger than 999 bytes", problem, StringComparison.Ordinal);
        Assert.Equal(1000, ScenarioFiles.Read(big, 1000).Bytes!.Length);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_located_at_its_first_bad_byte()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("s.yaml"), [.. "name: s\ndescription: \"caf"u8, 0xE9, .. " ok\"\n"u8]);
        var error = Refused(temp.Combine("s.yaml"));
        Assert.Equal((2, 18), (error.Line, error.Column));
        Assert.Contains("is not UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extends_loop_is_located_on_the_extends_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.yaml"), "name: a\nextends: b.yaml\n");
        File.WriteAllText(temp.Combine("b.yaml"), "name: b\n\nextends: a.yaml\n");
        var error = Refused(temp.Combine("a.yaml"));
        Assert.Equal(("b.yaml", 3, 10, "extends"), (Path.GetFileName(error.File), error.Line, error.Column, error.Key));
        Assert.Contains("the extends chain loops: a.yaml -> b.yaml -> a.yaml", error.Message, StringComparison.Ordinal);
    }
}
