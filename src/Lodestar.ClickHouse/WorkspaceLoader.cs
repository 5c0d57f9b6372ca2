using System.Buffers;
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

    /// <summary>
    /// Rows per INSERT request. A (table, shard) is written as several requests so the client holds one
    /// chunk's encoding at a time (about 25–50 MB), not the whole table's: at a million patients an event
    /// table is tens of millions of rows.
    /// </summary>
    public const int ChunkRows = 262_144;

    /// <summary>
    /// Loads the tables one at a time: each is created on every shard, routed and written before the next
    /// is taken from <paramref name="tables"/>, so a lazy sequence (<see cref="ReadWorkspace"/>) keeps only
    /// one table in memory. The shards of one table are written concurrently (each its own drop-then-insert).
    /// </summary>
    /// <returns>Rows loaded per table.</returns>
    public async Task<IReadOnlyDictionary<string, long>> LoadAsync(IEnumerable<Table> tables, string batch, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, long>(StringComparer.Ordinal);
        ArgumentException.ThrowIfNullOrEmpty(batch);
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var shard in cluster.Shards)
        {
            await shard.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSchema.Database}", cancellationToken).ConfigureAwait(false);
        }
        foreach (var table in tables)
        {
            foreach (var shard in cluster.Shards)
            {
                await shard.ExecuteAsync(ClickHouseSchema.CreateLocal(table), cancellationToken).ConfigureAwait(false);
                await shard.ExecuteAsync(ClickHouseSchema.CreateDistributed(table.Name), cancellationToken).ConfigureAwait(false);
            }
            var rows = Route(table, cluster.Shards.Count);
            var columns = ClickHouseSchema.Columns(table).Select(c => c.Name).ToList();
            await Task.WhenAll(cluster.Shards.Select((shard, s) =>
                Task.Run(() => ReplaceAsync(shard, table.Name, columns, Chunks(table, rows[s], batch), batch, cancellationToken), cancellationToken))).ConfigureAwait(false);
            loaded[table.Name] = table.RowCount;
        }
        return loaded;
    }

    /// <summary>
    /// A workspace folder's tables read one at a time, in name order, each only when the loader asks for the
    /// next: client memory is bounded by the largest table, not the workspace (9.8 GB at a million patients).
    /// Only the columns measures read are loaded (<see cref="S.IsReadByMeasures"/>, the list the embedded
    /// engine opens a workspace with): an event's own id, resource key, references and displays are read by
    /// nothing on the cluster and are most of the largest tables' memory.
    /// </summary>
    public static IEnumerable<Table> ReadWorkspace(string path)
    {
        if (!File.Exists(Path.Combine(path, Workspace.ManifestFile)))
        {
            throw new Diagnostics.UserErrorException($"{path}: not a Lodestar workspace (no {Workspace.ManifestFile}); create one with 'lodestar ingest'.");
        }
        // The workspace's own file naming (one "<table>.table" per table); Workspace.Open reads them all at once.
        foreach (var file in Directory.GetFiles(path, "*.table").Order(StringComparer.Ordinal))
        {
            Table table;
            using (var stream = new BufferedStream(File.OpenRead(file), 1 << 20))
            {
                table = TableFile.Read(stream, file, S.IsReadByMeasures);
            }
            yield return table;
        }
    }

    /// <summary>
    /// The RowBinary bodies of one (table, shard), encoded lazily one chunk at a time into one reused buffer
    /// (each body is sent before the next is encoded); enumerable again for a retry.
    /// </summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(Table table, List<int> rows, string batch)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        for (var start = 0; start < rows.Count; start += ChunkRows)
        {
            buffer.ResetWrittenCount();
            RowBinaryWriter.Encode(table, rows.GetRange(start, Math.Min(ChunkRows, rows.Count - start)), batch, buffer);
            yield return buffer.WrittenMemory;
        }
    }

    internal static Task ReplaceAsync(ClickHouseClient shard, string table, IReadOnlyList<string> columns, byte[] body, string batch, CancellationToken cancellationToken) =>
        ReplaceAsync(shard, table, columns, body.Length > 0 ? new[] { body } : Array.Empty<byte[]>(), batch, cancellationToken);

    internal static Task ReplaceAsync(ClickHouseClient shard, string table, IReadOnlyList<string> columns, IEnumerable<byte[]> chunks, string batch, CancellationToken cancellationToken) =>
        ReplaceAsync(shard, table, columns, chunks.Select(c => (ReadOnlyMemory<byte>)c), batch, cancellationToken);

    /// <summary>
    /// Drops the batch's partition, then inserts every chunk. Any failure starts the whole (table, shard)
    /// over from the drop, so chunks written before the failure are never left doubled or half-there.
    /// </summary>
    internal static async Task ReplaceAsync(ClickHouseClient shard, string table, IReadOnlyList<string> columns, IEnumerable<ReadOnlyMemory<byte>> chunks, string batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await shard.ExecuteAsync($"ALTER TABLE {ClickHouseSchema.Local(table)} DROP PARTITION {SqlLiteral.String(batch)}", cancellationToken).ConfigureAwait(false);
                foreach (var body in chunks)
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
