using Lodestar.Testing;

namespace Lodestar.Cli.Tests;

public sealed class ScorecardCommandTests(DemoFixture demo) : IClassFixture<DemoFixture>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-cli-scorecard", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Workspace => Path.Combine(demo.Output, "workspace");

    [Fact]
    public async Task Synth_mission_then_scorecard_on_a_workspace_writes_html_json_and_csv()
    {
        var inputs = Path.Combine(folder, "ms");
        var (code, stdout, stderr) = await ExitCodeTests.Run("synth-mission", "--state", "MS", "--seed", "2", "--out", inputs);
        Assert.True(code == 0, stderr);
        Assert.Contains("ground-truth.json", stdout, StringComparison.Ordinal);
        var output = Path.Combine(folder, "card");
        (code, stdout, stderr) = await ExitCodeTests.Run("scorecard", "--mission", Path.Combine(RepoPaths.Root, "missions", "ummc.yaml"),
            "--workspace", Workspace, "--inputs", inputs, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("Scorecard for University of Mississippi Medical Center: 30 measures", stdout, StringComparison.Ordinal);
        Assert.Contains(" 0 no data", stdout, StringComparison.Ordinal);  // the clinical measures too, from the workspace
        foreach (var file in new[] { "scorecard.html", "scorecard.json", "scorecard.csv", "reach-by-county.csv" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }
        var html = File.ReadAllText(Path.Combine(output, "scorecard.html"));
        Assert.Contains("the workspace at " + Workspace + ", 2021–2025", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clinical_years_follow_period()
    {
        var inputs = Path.Combine(folder, "ms");
        var (code, _, stderr) = await ExitCodeTests.Run("synth-mission", "--state", "MS", "--seed", "2", "--out", inputs);
        Assert.True(code == 0, stderr);
        var output = Path.Combine(folder, "card");
        (code, _, stderr) = await ExitCodeTests.Run("scorecard", "--mission", "ummc", "--workspace", Workspace, "--inputs", inputs, "--period", "2025", "--out", output);
        Assert.True(code == 0, stderr);
        var clinical = File.ReadAllLines(Path.Combine(output, "scorecard.csv")).Where(l => l.Contains(",clinical:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, clinical.Length);
        // One year: a latest value but no trend.
        Assert.All(clinical, l => Assert.Contains(",2025,", l, StringComparison.Ordinal));
        Assert.All(clinical, l => Assert.Contains(",NotEstimable,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task State_rank_prints_a_row_per_cause()
    {
        var (code, stdout, stderr) = await ExitCodeTests.Run("state-rank", "--state", "NM", "--cause", "All causes");
        Assert.True(code == 0, stderr);
        Assert.Contains("All causes", stdout, StringComparison.Ordinal);
        Assert.Contains("754.7", stdout, StringComparison.Ordinal);  // NM 2017 age-adjusted all-cause rate (NCHS)
        Assert.Contains("of 51", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_rank_with_chr_ranks_equity_between_groups_and_says_why_there_is_no_trend()
    {
        var (code, stdout, stderr) = await ExitCodeTests.Run("state-rank", "--state", "NM", "--cause", "All causes", "--chr", Path.Combine(RepoPaths.Shared, "data", "chr"));
        Assert.True(code == 0, stderr);
        var life = stdout.Split('\n').Single(l => l.StartsWith("Life expectancy", StringComparison.Ordinal));
        Assert.Contains("aian 69.3", life, StringComparison.Ordinal);
        Assert.Contains("2.78", life, StringComparison.Ordinal);     // √7.7416 (worked from CHR 2022 and SVI 2022)
        Assert.Contains("17 of 51", life, StringComparison.Ordinal);
        Assert.Contains("Change in equity over time is not ranked", stdout, StringComparison.Ordinal);
        (code, stdout, _) = await ExitCodeTests.Run("state-rank", "--state", "NM", "--cause", "All causes");
        Assert.Equal(0, code);
        Assert.Contains("no race/ethnicity breakdown", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state-rank", "--chr", "/no/such/chr", "chr2022_additional_measures.csv")]
    [InlineData("scorecard", "--mission", "/no/such/mission.yaml", "--mission")]
    [InlineData("scorecard", "--inputs", "/no/such/inputs", "--inputs")]
    [InlineData("scorecard", "--workspace", "/no/such/workspace", "/no/such/workspace")]
    [InlineData("scorecard", "--period", "2025..2021", "--period")]
    [InlineData("synth-mission", "--state", "XX", "--state")]
    [InlineData("state-rank", "--cause", "Boredom", "Boredom")]
    public async Task User_mistakes_exit_1_with_one_line(string verb, string option, string value, string mentions)
    {
        Directory.CreateDirectory(folder);
        var args = verb switch
        {
            "scorecard" => new List<string> { "scorecard", "--mission", Path.Combine(RepoPaths.Root, "missions", "ummc.yaml"), "--workspace", Workspace, "--inputs", folder, "--out", Path.Combine(folder, "bad") },
            "synth-mission" => ["synth-mission", "--state", "MS", "--out", Path.Combine(folder, "bad")],
            _ => ["state-rank", "--state", "NM"],
        };
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
}
