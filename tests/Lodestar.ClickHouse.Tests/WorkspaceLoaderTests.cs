using Lodestar.Diagnostics;
using Lodestar.Tables;

namespace Lodestar.ClickHouse.Tests;

/// <summary>Loading a workspace folder table by table, on a real two-shard cluster.</summary>
[Collection("clickhouse")]
public sealed class WorkspaceLoaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-loader-" + Guid.NewGuid().ToString("N"));

    private static async Task<long> CountAsync(ClickHouseCluster cluster, string table) =>
        long.Parse((await cluster.Entry.QueryAsync($"SELECT count() FROM lodestar.{table}_all")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_workspace_folder_loads_every_table_once_and_reloading_it_keeps_one_copy()
    {
        var workspace = ConformanceCorpus.Build().Build();
        Workspace.Save(folder, workspace.Tables.Values, workspace.Manifest);
        using var servers = new ClickHouseServers();
        using var cluster = await servers.ConnectAsync();

        var loaded = await cluster.LoadWorkspaceAsync(folder, "b1");
        await cluster.LoadWorkspaceAsync(folder, "b1");

        Assert.Equal(workspace.Tables.Keys.Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        foreach (var table in workspace.Tables.Values)
        {
            Assert.Equal(table.RowCount, loaded[table.Name]);
            Assert.Equal(table.RowCount, await CountAsync(cluster, table.Name));
        }
        // Only the columns measures read (ClinicalSchema's list): the patient's id and key, an event's patient key, not its own id or resource key.
        var columns = await cluster.Entry.QueryAsync("SELECT table, name FROM system.columns WHERE database = 'lodestar' AND name IN ('id', 'encounter_key', 'patient_key') AND table IN ('patient', 'encounter') ORDER BY table, name FORMAT TSV");
        Assert.Equal("encounter\tpatient_key\npatient\tid\npatient\tpatient_key\n", columns);
    }

    [Fact]
    public void Tables_are_read_one_at_a_time_as_the_loader_asks_for_them()
    {
        var workspace = ConformanceCorpus.Build().Build();
        Workspace.Save(folder, workspace.Tables.Values, workspace.Manifest);
        using var tables = WorkspaceLoader.ReadWorkspace(folder).GetEnumerator();

        Assert.True(tables.MoveNext());
        var first = tables.Current.Name;
        // The next table's file is only opened when asked for: removing it now fails the next step, not the first.
        var second = Directory.GetFiles(folder, "*.table").Order(StringComparer.Ordinal).ElementAt(1);
        File.Delete(second);
        Assert.Throws<FileNotFoundException>(() => tables.MoveNext());
        Assert.Equal(workspace.Tables.Keys.Order(StringComparer.Ordinal).First(), first);
    }

    [Fact]
    public void A_folder_that_is_not_a_workspace_is_named_in_the_error()
    {
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<UserErrorException>(() => WorkspaceLoader.ReadWorkspace(folder).ToList());
        Assert.Contains(folder, e.Message, StringComparison.Ordinal);
        Assert.Contains("not a Lodestar workspace", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
