using Lodestar.ClickHouse.Tests;

namespace Lodestar.Cli.Tests;

/// <summary>`--engine clickhouse` end to end: the demo's FHIR ingested into two shards gives the embedded engine's results and care gaps.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseEngineTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Ingest_and_measure_on_ClickHouse_give_the_embedded_results_and_care_gaps()
    {
        using var servers = new ClickHouseServers();
        var ws = Path.Combine(demo.Root, "ws-clickhouse");
        var (code, stdout, stderr) = await ExitCodeTests.Run("ingest", Path.Combine(demo.Output, "fhir"), "--workspace", ws,
            "--engine", "clickhouse", "--clickhouse", servers.Urls);
        Assert.True(code == 0, stderr);
        Assert.Contains("Loaded into ClickHouse", stdout, StringComparison.Ordinal);
        // Ingesting the same batch again replaces it rather than doubling the data.
        (code, _, stderr) = await ExitCodeTests.Run("ingest", Path.Combine(demo.Output, "fhir"), "--workspace", ws,
            "--engine", "clickhouse", "--clickhouse", servers.Urls);
        Assert.True(code == 0, stderr);

        var embedded = Path.Combine(demo.Root, "out-embedded");
        var cluster = Path.Combine(demo.Root, "out-clickhouse");
        (code, _, stderr) = await ExitCodeTests.Run("measure", "--workspace", ws, "--out", embedded, "--patients", "--period", "2024..2025");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await ExitCodeTests.Run("measure", "--engine", "clickhouse", "--clickhouse", servers.Urls, "--out", cluster, "--patients", "--period", "2024..2025");
        Assert.True(code == 0, stderr);
        // The whole catalog on ClickHouse leaves the continuous measure out and says so; asked for by name, it is a user error.
        Assert.Contains("Not evaluated on clickhouse (continuous measures are not supported there; use --engine embedded): inpatient-length-of-stay", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await ExitCodeTests.Run("measure", "--engine", "clickhouse", "--clickhouse", servers.Urls, "--out", Path.Combine(demo.Root, "out-los"),
            "--measure", "inpatient-length-of-stay");
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("--measure inpatient-length-of-stay: continuous measures are not supported on clickhouse; run them with --engine embedded", stderr, StringComparison.Ordinal);

        Assert.Equal(File.ReadAllLines(Path.Combine(embedded, "results.csv")).Where(l => !l.StartsWith("inpatient-length-of-stay,", StringComparison.Ordinal)),
            File.ReadAllLines(Path.Combine(cluster, "results.csv")));
        var gapFiles = Directory.GetFiles(Path.Combine(embedded, "care-gaps")).Select(Path.GetFileName).Where(f => !f!.StartsWith("inpatient-length-of-stay", StringComparison.Ordinal)).Order().ToList();
        Assert.NotEmpty(gapFiles);
        Assert.Equal(gapFiles, Directory.GetFiles(Path.Combine(cluster, "care-gaps")).Select(Path.GetFileName).Order().ToList());
        foreach (var f in gapFiles)
        {
            Assert.Equal(File.ReadAllLines(Path.Combine(embedded, "care-gaps", f!)).Order(StringComparer.Ordinal),
                File.ReadAllLines(Path.Combine(cluster, "care-gaps", f!)).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("--engine", "duckdb", "use 'embedded' or 'clickhouse'")]
    [InlineData("--engine", "clickhouse", "needs --clickhouse")]
    [InlineData("--clickhouse", "http://127.0.0.1:1", "only used with --engine clickhouse")]
    public async Task Engine_mistakes_are_user_errors(string option, string value, string message)
    {
        var (code, _, stderr) = await ExitCodeTests.Run("measure", "--out", Path.Combine(demo.Root, "bad-engine"), option, value);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_is_not_there_is_a_user_error_naming_it()
    {
        var (code, _, stderr) = await ExitCodeTests.Run("measure", "--engine", "clickhouse", "--clickhouse", "http://127.0.0.1:1", "--out", Path.Combine(demo.Root, "no-cluster"));
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("http://127.0.0.1:1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
