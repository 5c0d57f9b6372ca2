using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Writes workspace tables to the cluster. Rows go to the shard that <see cref="ShardRouter"/> picks for
/// their patient key, straight into that shard's local table (not through the Distributed table, whose
/// inserts are queued asynchronously and would hide failures). Every local table is partitioned by batch
/// id, and each (table, shard) write first drops that batch's partition and then inserts it: re-loading a
/// batch, or retrying after a failed or half-done insert, leaves exactly one copy. Different batch ids add up.
/// </summary>
internal sealed class WorkspaceLoader(ClickHouseCluster cluster)
{
    /// <summary>Attempts per (table, shard); each one starts by dropping the partition.</summary>
    public const int Attempts = 3;

    public async Task LoadAsync(IEnumerable<Table> tables, string batch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batch);
        var list = tables.ToList();
        foreach (var shard in cluster.Shards)
        {
            await shard.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSchema.Database}", cancellationToken).ConfigureAwait(false);
            foreach (var table in list)
            {
                await shard.ExecuteAsync(ClickHouseSchema.CreateLocal(table), cancellationToken).ConfigureAwait(false);
                await shard.ExecuteAsync(ClickHouseSchema.CreateDistributed(table.Name), cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var table in list)
        {
            var rows = Route(table, cluster.Shards.Count);
            var columns = ClickHouseSchema.Columns(table).Select(c => c.Name).ToList();
            for (var s = 0; s < cluster.Shards.Count; s++)
            {
                var body = RowBinaryWriter.Encode(table, rows[s], batch);
                await ReplaceAsync(cluster.Shards[s], table.Name, columns, body, batch, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static async Task ReplaceAsync(ClickHouseClient shard, string table, IReadOnlyList<string> columns, byte[] body, string batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await shard.ExecuteAsync($"ALTER TABLE {ClickHouseSchema.Local(table)} DROP PARTITION {SqlLiteral.String(batch)}", cancellationToken).ConfigureAwait(false);
                if (body.Length > 0)
                {
                    await shard.InsertRowBinaryAsync(ClickHouseSchema.Local(table), columns, body, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (ClickHouseException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static List<int>[] Route(Table table, int shards)
    {
        var rows = Enumerable.Range(0, shards).Select(_ => new List<int>()).ToArray();
        var keys = table.Has(S.PatientKey) ? table.Get<StringColumn>(S.PatientKey) : null;
        for (var r = 0; r < table.RowCount; r++)
        {
            rows[ShardRouter.ShardOf(keys?[r], shards)].Add(r);
        }
        return rows;
    }
}
