using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Xunit.Abstractions;

namespace Lodestar.ClickHouse.Tests;

/// <summary>Faults on a real two-shard cluster: a shard down is an error naming it, never a partial answer; loads never duplicate.</summary>
[Collection("clickhouse")]
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly MeasureCatalog Catalog = MeasureCatalog.Load();

    private static async Task<long> CountAsync(ClickHouseCluster cluster, string table) =>
        long.Parse((await cluster.Entry.QueryAsync($"SELECT count() FROM lodestar.{table}_all")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Loading_the_same_batch_twice_keeps_one_copy_and_another_batch_adds()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        var tables = ConformanceCorpus.Build().Build().Tables.Values.ToList();
        await cluster.LoadAsync(tables, "b1");
        await cluster.LoadAsync(tables, "b1");
        Assert.Equal(ConformanceCorpus.All.Count, await CountAsync(cluster, "patient"));
        await cluster.LoadAsync(tables, "b2");
        Assert.Equal(2 * ConformanceCorpus.All.Count, await CountAsync(cluster, "patient"));
    }

    [Fact]
    public async Task An_insert_retried_after_a_partial_failure_does_not_duplicate_rows()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        var tables = ConformanceCorpus.Build().Build().Tables.Values.ToList();
        await cluster.LoadAsync(tables, "b1");
        var shard = cluster.Shards[0];
        var before = long.Parse((await shard.QueryAsync("SELECT count() FROM lodestar.patient")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // A first attempt that wrote its rows and then "failed" (the client never saw the answer): the rows are there twice...
        var patient = tables.Single(t => t.Name == "patient");
        var columns = ClickHouseSchema.Columns(patient).Select(c => c.Name).ToList();
        var rows = Enumerable.Range(0, patient.RowCount).Where(r => ShardRouter.ShardOf(patient.Get<Lodestar.Tables.StringColumn>("patient_key")[r], 2) == 0).ToList();
        var body = RowBinaryWriter.Encode(patient, rows, "b1");
        await shard.InsertRowBinaryAsync(ClickHouseSchema.Local("patient"), columns, body);
        Assert.Equal(2 * before, long.Parse((await shard.QueryAsync("SELECT count() FROM lodestar.patient")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        // ...until the retry, which replaces the batch's partition: exactly one copy.
        await WorkspaceLoader.ReplaceAsync(shard, "patient", columns, body, "b1", CancellationToken.None);
        Assert.Equal(before, long.Parse((await shard.QueryAsync("SELECT count() FROM lodestar.patient")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_chunked_load_that_fails_after_its_first_chunk_is_retried_from_the_drop_and_keeps_one_copy()
    {
        using var servers = new ClickHouseServers(1);
        using var cluster = await servers.ConnectAsync();
        var tables = ConformanceCorpus.Build().Build().Tables.Values.ToList();
        await cluster.LoadAsync(tables, "b1");
        var patient = tables.Single(t => t.Name == "patient");
        var columns = ClickHouseSchema.Columns(patient).Select(c => c.Name).ToList();
        var half = patient.RowCount / 2;
        var first = RowBinaryWriter.Encode(patient, Enumerable.Range(0, half).ToList(), "b1");
        var second = RowBinaryWriter.Encode(patient, Enumerable.Range(half, patient.RowCount - half).ToList(), "b1");
        var passes = 0;
        IEnumerable<byte[]> Chunks()
        {
            passes++;
            yield return first;
            // First pass: the second request breaks off mid-row (the server refuses it) after the first chunk landed.
            yield return passes == 1 ? second[..(second.Length / 2)] : second;
        }

        await WorkspaceLoader.ReplaceAsync(cluster.Shards[0], "patient", columns, Chunks(), "b1", CancellationToken.None);

        Assert.Equal(2, passes);
        Assert.Equal(patient.RowCount, await CountAsync(cluster, "patient"));
        Assert.Equal(patient.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await cluster.Entry.QueryAsync("SELECT uniqExact(patient_key) FROM lodestar.patient")).Trim());
    }

    [Fact]
    public async Task A_shard_killed_while_a_measure_query_runs_is_named_after_the_documented_retries()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(ConformanceCorpus.Build().Build().Tables.Values, "b1");
        var executor = await ClickHouseMeasureExecutor.OpenAsync(cluster, Catalog);
        // Make the second shard slow, so the kill lands while the query is running there: its patient table
        // becomes a view that sleeps on every row (about two seconds in all; 18.16 allows 3 s per block).
        var second = cluster.Shards[1];
        var rows = long.Parse((await second.QueryAsync("SELECT count() FROM lodestar.patient")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(rows > 0, "the corpus puts patients on both shards");
        await second.ExecuteAsync("RENAME TABLE lodestar.patient TO lodestar.patient_data");
        await second.ExecuteAsync(FormattableString.Invariant($"CREATE VIEW lodestar.patient AS SELECT * FROM lodestar.patient_data WHERE sleepEachRow({Math.Min(2.0 / rows, 1.0):0.###}) = 0"));
        var clock = new CountingClock();
        cluster.Time = clock;

        var run = Task.Run(() => executor.Engine().Evaluate([Catalog.Get(ConformanceCorpus.Bp)], [Period.Year(2025)]));
        // The kill point: the entry shard's subquery is running on the second shard.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await second.QueryAsync("SELECT count() FROM system.processes WHERE is_initial_query = 0 AND query LIKE '%lodestar.patient%'")).Trim() == "0")
        {
            Assert.False(run.IsCompleted, "the measure finished before its query was seen on the second shard");
            Assert.True(DateTime.UtcNow < deadline, "the measure query never reached the second shard");
            await Task.Delay(10);
        }
        servers.Kill(1);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => run);
        output.WriteLine(error.Message);
        // Named: which shard (by its --clickhouse address), which server reported it, and the policy applied.
        Assert.Equal(1, error.LostShard);
        Assert.Equal(cluster.Servers[0], error.Server);
        Assert.Contains($"Shard 2 of 2 ({cluster.Servers[1]}) is unreachable from the entry shard.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Gave up after {ReadRetryPolicy.Attempts} attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/scale-out.md", error.Message, StringComparison.Ordinal);
        // The documented backoff was waited (0.5 s, then 1 s) before giving up.
        Assert.Equal([ReadRetryPolicy.Backoff(1), ReadRetryPolicy.Backoff(2)], clock.Waits);
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], clock.Waits);
    }

    [Fact]
    public async Task A_measure_read_that_lost_a_shard_succeeds_on_retry_once_the_shard_is_back()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(ConformanceCorpus.Build().Build().Tables.Values, "b1");
        var executor = await ClickHouseMeasureExecutor.OpenAsync(cluster, Catalog);
        // ClickHouse has no measure-observation SQL: continuous measures run on the embedded engine only.
        var measures = Catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
        var before = Answers.Of(executor.Engine().Evaluate(measures, [Period.Year(2025)]), executor.Context, executor.CareGaps());

        servers.Kill(1);
        // The first backoff is where the shard comes back: deterministic, no race with the server's start-up.
        var clock = new CountingClock(onFirstWait: () => servers.Restart(1));
        cluster.Time = clock;
        var after = Answers.Of(executor.Engine().Evaluate(measures, [Period.Year(2025)]), executor.Context, executor.CareGaps());

        Assert.Equal([ReadRetryPolicy.Backoff(1)], clock.Waits);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_error_that_is_not_a_lost_connection_is_reported_at_once_without_retrying()
    {
        using var servers = new ClickHouseServers(1);
        using var cluster = await servers.ConnectAsync();
        var clock = new CountingClock();
        cluster.Time = clock;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => cluster.ReadAsync(cluster.Entry, "SELECT no_such_column FROM system.one", settings));

        Assert.Empty(clock.Waits);
        Assert.Equal(47, error.Code); // UNKNOWN_IDENTIFIER
        Assert.Null(error.LostShard);
        Assert.Contains("Not retried: not a lost connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_that_is_down_is_named_and_no_partial_result_is_returned()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(ConformanceCorpus.Build().Build().Tables.Values, "b1");
        var executor = await ClickHouseMeasureExecutor.OpenAsync(cluster, Catalog);
        servers.Kill(1);
        var tcpPort = cluster.Servers[0].Port + 1001;
        // Mid-run: the query through the first shard's Distributed table fails and names the lost shard.
        var midRun = Assert.ThrowsAny<ClickHouseException>(() => executor.Engine().Evaluate([Catalog.Get(ConformanceCorpus.Bp)], [Period.Year(2025)]));
        Assert.Contains(cluster.Servers[0].ToString().TrimEnd('/'), midRun.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{tcpPort}", midRun.Message, StringComparison.Ordinal);
        // A new run: the down shard is named by its HTTP address before anything is counted.
        var atOpen = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseMeasureExecutor.OpenAsync(cluster, Catalog));
        Assert.Equal(cluster.Servers[1], atOpen.Server);
        Assert.Contains("unreachable", atOpen.Message, StringComparison.Ordinal);
    }
}
