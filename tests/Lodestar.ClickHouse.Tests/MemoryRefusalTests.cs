using System.Globalization;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// A population loaded at the default limit, then the servers' per-query memory limit lowered below what the largest
/// counting statements need whole, yet above what the schema reads and a fine enough bucket need. The executor is
/// opened with a sizing that knows no limit (as when a server does not say), so every statement starts whole and the
/// servers' refusals alone must split them.
/// </summary>
[Collection("clickhouse")]
public sealed class MemoryRefusalTests(ClickHouseServers servers) : IClassFixture<ClickHouseServers>
{
    /// <summary>Bytes per query per server (LODESTAR_SMALL_MEMORY overrides, to find the margin on another server version).</summary>
    private static long Limit => long.TryParse(Environment.GetEnvironmentVariable("LODESTAR_SMALL_MEMORY"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 47_000_000;

    /// <summary>Enough patients that the per-patient part of a statement outweighs the servers' fixed ~35 MB per query (measured with log_queries on 18.16: 40–54 MB whole at 40,000 patients per shard).</summary>
    private const int Size = 80_000;

    [Fact]
    public async Task Statements_refused_for_memory_run_again_in_finer_buckets_with_identical_answers()
    {
        var catalog = MeasureCatalog.Load();
        var workspace = RandomPopulation.Build(Size, seed: 20261122, catalog);
        var measures = catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
        Period[] periods = [Period.Year(2025)];
        var embedded = new EvaluationContext(workspace, catalog);
        var expected = Answers.CountsOf(new MeasureEngine(embedded).Evaluate(measures, periods));

        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(workspace.Tables.Values, "small-memory");
        servers.SetMaxMemory(Limit);
        Assert.Equal(Limit, (await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog)).Sizing.MaxMemoryBytes);
        var notices = new List<string>();
        var remote = await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog, areas: null, new StatementSizing(Size / 2, 0), notices.Add);

        var actual = Answers.CountsOf(remote.Engine().Evaluate(measures, periods));

        Assert.True(remote.Refinement > 1, "no statement was refused for memory: the limit no longer tests the refusal path");
        // One notice each time counting goes finer, the last naming the refinement reached; no patient data in them.
        Assert.NotEmpty(notices);
        Assert.Matches(@"^ClickHouse at http://127\.0\.0\.1:\d+/ refused a counting statement for memory \(code 241\): that part of it is counted again in \d+ patient buckets, and later statements \d+× finer than estimated", notices[0]);
        Assert.EndsWith($"later statements {remote.Refinement}× finer than estimated (docs/scale-out.md, 'Sizing').", notices[^1], StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }
}
