namespace Lodestar.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-cli-synth", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Synth_writes_the_bulk_export_files_and_ground_truth()
    {
        var output = Path.Combine(folder, "ms");
        var (code, stdout, stderr) = await ExitCodeTests.Run("synth", "--state", "MS", "--people", "200", "--years", "2024..2025", "--seed", "3", "--out", output);
        Assert.True(code == 0, stderr);
        foreach (var file in new[] { "Patient", "Encounter", "Condition", "Observation", "Procedure", "Immunization", "MedicationRequest", "Coverage" })
        {
            Assert.True(File.Exists(Path.Combine(output, file + ".ndjson")), file);
        }
        Assert.True(File.Exists(Path.Combine(output, "ground-truth.json")));
        Assert.Equal(200, File.ReadLines(Path.Combine(output, "Patient.ndjson")).Count());
        Assert.Contains("Wrote 200 people", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_with_the_same_seed_replaces_the_folder_with_identical_bytes()
    {
        var output = Path.Combine(folder, "nm");
        string[] args = ["synth", "--state", "nm", "--people", "150", "--years", "2025", "--seed", "9", "--out", output];
        Assert.Equal(0, (await ExitCodeTests.Run(args)).Code);
        var first = await File.ReadAllBytesAsync(Path.Combine(output, "Observation.ndjson"));
        Assert.Equal(0, (await ExitCodeTests.Run(args)).Code);
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(output, "Observation.ndjson")));
    }

    [Theory]
    [InlineData("--state", "XX", "--state")]          // unknown state
    [InlineData("--years", "2025..2021", "--years")]  // reversed range
    [InlineData("--years", "last year", "--years")]   // not a range
    [InlineData("--scenario", "/no/such/scenario.yaml", "--scenario")]
    [InlineData("--as-of", "31/12/2025", "--as-of")]
    public async Task User_mistakes_exit_1_with_one_line(string option, string value, string mentions)
    {
        var args = new List<string> { "synth", "--state", "MS", "--people", "10", "--out", Path.Combine(folder, "bad") };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        var (code, _, stderr) = await ExitCodeTests.Run([.. args]);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(mentions, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(folder, "bad")));
    }

    [Fact]
    public async Task A_bad_scenario_file_is_a_user_error_naming_the_file()
    {
        Directory.CreateDirectory(folder);
        var scenario = Path.Combine(folder, "bad.yaml");
        await File.WriteAllTextAsync(scenario, "effects: [{id: a, outcome: happiness, difference: 0.1}]\n");
        var (code, _, stderr) = await ExitCodeTests.Run("synth", "--state", "MS", "--people", "10", "--scenario", scenario, "--out", Path.Combine(folder, "o"));
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("bad.yaml", stderr, StringComparison.Ordinal);
        Assert.Contains("happiness", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_example_runs()
    {
        var command = LodestarCli.BuildRoot().Subcommands.Single(c => c.Name == "synth");
        var example = command.Description!.Split('\n').Single(l => l.TrimStart().StartsWith("lodestar synth", StringComparison.Ordinal)).Trim();
        var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        args[args.IndexOf("--people") + 1] = "20"; // same verb and options, smaller run
        args[args.IndexOf("--out") + 1] = Path.Combine(folder, "example");
        Assert.Equal(0, (await ExitCodeTests.Run([.. args])).Code);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
