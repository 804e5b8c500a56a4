using System.Globalization;
using System.Security.Cryptography;
using Simulation.Silo.Calibration;
using Simulation.Silo.Running;
using Simulation.Tests.Calibration;
using Simulation.Tests.Support;

namespace Simulation.Tests.Golden;

/// <summary>
/// A golden digest of a small Doncaster calibration (<see cref="CalibratorTests.Tiny"/>): its
/// parameters file and its objective to the last bit. The shipped scenarios' tables do not show a
/// change in how the search draws, orders or records its evaluations (batches, ties, the simplex),
/// nor in the patterns' losses; this does. Kept in <c>calibration-digests.txt</c> beside this file;
/// rewrite it with <c>UPDATE_GOLDEN=1</c> only for a deliberate change, explained in the commit.
/// </summary>
public sealed class CalibrationGoldenTests
{
    private const string Key = "calibrate doncaster.yaml tiny";

    private static string DigestFile => Repository.File("tests", "Simulation.Tests", "Golden", "calibration-digests.txt");

    [Fact]
    public void A_small_calibration_matches_its_golden_digest()
    {
        var result = new Calibrator(CalibratorTests.Tiny, Evaluator.Local(2)).Run(_ => { });
        var text = Calibrator.ParametersFile(result, CalibratorTests.Tiny)
            + string.Create(CultureInfo.InvariantCulture, $"objective {result.Objective:R}\nevaluations {result.Evaluations}\n");
        var actual = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllLines(DigestFile,
            [
                "# SHA-256 of a small Doncaster calibration (CalibratorTests.Tiny): its parameters file, then 'objective R' and 'evaluations N' lines.",
                "# Written by CalibrationGoldenTests with UPDATE_GOLDEN=1.",
                $"{Key} {actual}",
            ]);
            return;
        }
        var expected = GoldenTableTests.Read(DigestFile).GetValueOrDefault(Key);
        Assert.True(expected == actual,
            $"the small calibration's result changed (digest {actual}, recorded {expected ?? "none"}); if deliberate, rerun with UPDATE_GOLDEN=1 and explain why in the commit. Its parameters file:\n{text}");
    }
}
