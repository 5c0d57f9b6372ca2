using System.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse.Tests;

/// <summary>Faults on a real two-shard cluster: a shard down is an error naming it, never a partial answer; loads never duplicate.</summary>
[Collection("clickhouse")]
public sealed class FaultTests
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
    public async Task A_shard_that_is_down_is_named_and_no_partial_result_is_returned()
    {
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(ConformanceCorpus.Build().Build().Tables.Values, "b1");
        var executor = await ClickHouseMeasureExecutor.OpenAsync(cluster, Catalog);
        using (var second = Process.GetProcessById(servers.Pid(1)))
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
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
