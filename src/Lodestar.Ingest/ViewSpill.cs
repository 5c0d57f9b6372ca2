using System.IO.Compression;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// One view's spilled rows during an ingest, and the merge that writes its table. Workers spill their builders here
/// as sorted runs (files of small row groups in <paramref name="folder"/>); at the end the runs are merged into input
/// order and streamed into the table file one row group at a time, so no step holds the whole table.
/// </summary>
internal sealed class ViewSpill(string folder, string view, IReadOnlyList<(string Name, ColumnType Type)> schema, int workers)
{
    /// <summary>Rows per row group in a run file: a merge holds one group per run (a few MB at most).</summary>
    internal const int RunGroupRows = 16_384;

    /// <summary>At most this many runs are merged at once; more are merged in passes, so the merge's memory stays bounded.</summary>
    internal const int MaxFanIn = 32;

    private readonly List<SortedRun> runs = [];
    private readonly int[] sequences = new int[workers];
    private readonly IReadOnlyList<(string Name, ColumnType Type)> runSchema = [.. schema, (SortedRun.KeyColumn, ColumnType.Int64)];
    private int files;

    public int SpilledRuns
    {
        get
        {
            lock (runs)
            {
                return runs.Count;
            }
        }
    }

    /// <summary>Writes the sink's rows as a sorted run and empties it. Called by the sink's own worker.</summary>
    public void Spill(int worker, ViewTableSink sink)
    {
        var (rows, keys) = sink.Take();
        if (rows.RowCount == 0)
        {
            return;
        }
        var order = InputOrder(keys);
        var path = NewRunPath();
        using (var stream = new BufferedStream(File.Create(path), 1 << 16))
        using (var writer = new TableFileWriter(stream, view, runSchema, CompressionLevel.Fastest))
        {
            for (var start = 0; start < order.Length; start += RunGroupRows)
            {
                writer.WriteRowGroup(WithKeys(rows, keys, order[start..Math.Min(order.Length, start + RunGroupRows)]));
            }
            writer.Complete();
        }
        var run = new SortedRun(worker, sequences[worker]++, path, null);
        lock (runs)
        {
            runs.Add(run);
        }
    }

    /// <summary>What a sink still holds at the end, as an in-memory run that sorts after the worker's spilled runs.</summary>
    public static SortedRun Remainder(int worker, ViewTableSink sink)
    {
        var (rows, keys) = sink.Take();
        // It stays in memory and the merge re-interns its strings, so its dictionaries need no compaction, and rows
        // already in input order (the usual case) need no copy at all.
        return new SortedRun(worker, int.MaxValue, null, WithKeys(rows, keys, InputOrder(keys), compact: false));
    }

    /// <summary>
    /// Merges the spilled runs and <paramref name="remainders"/> into input order and writes the table to
    /// <paramref name="path"/>, one row group per <paramref name="groupBytes"/> of builders, each passed through
    /// <paramref name="transform"/> (the patient table gains its county there). Returns the rows written.
    /// </summary>
    public long WriteTable(string path, IEnumerable<SortedRun> remainders, long groupBytes, Func<Table, Table> transform)
    {
        List<SortedRun> all;
        lock (runs)
        {
            all = [.. runs, .. remainders];
            runs.Clear();
        }
        while (all.Count > MaxFanIn)
        {
            all = MergePass(all, groupBytes);
        }
        var outputSchema = transform(new TableBuilder(view, schema).Build()).Columns.Select(c => (c.Name, c.Type)).ToList();
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = new TableFileWriter(stream, view, outputSchema);
        RunMerger.Merge(all, new RowGroupBuffer(view, schema, groupBytes, group => writer.WriteRowGroup(transform(group))));
        writer.Complete();
        Delete(all);
        return writer.Rows;
    }

    /// <summary>Merges consecutive batches of runs (in worker, sequence order, so ties keep their order) into fewer, longer runs.</summary>
    private List<SortedRun> MergePass(List<SortedRun> input, long groupBytes)
    {
        var ordered = input.OrderBy(r => r.Worker).ThenBy(r => r.Sequence).ToList();
        var output = new List<SortedRun>();
        for (var start = 0; start < ordered.Count; start += MaxFanIn)
        {
            var batch = ordered.GetRange(start, Math.Min(MaxFanIn, ordered.Count - start));
            var path = NewRunPath();
            using (var stream = new BufferedStream(File.Create(path), 1 << 16))
            using (var writer = new TableFileWriter(stream, view, runSchema, CompressionLevel.Fastest))
            {
                // Small groups again, so the next pass also holds one small group per run.
                RunMerger.Merge(batch, new RowGroupBuffer(view, runSchema, groupBytes, group => WriteInGroups(writer, group)));
                writer.Complete();
            }
            Delete(batch);
            output.Add(new SortedRun(0, output.Count, path, null));
        }
        return output;
    }

    private static void WriteInGroups(TableFileWriter writer, Table group)
    {
        if (group.RowCount <= RunGroupRows)
        {
            writer.WriteRowGroup(group);
            return;
        }
        for (var start = 0; start < group.RowCount; start += RunGroupRows)
        {
            var rows = Enumerable.Range(start, Math.Min(RunGroupRows, group.RowCount - start)).ToArray();
            writer.WriteRowGroup(TableGather.Gather(group, rows, compactDictionaries: true));
        }
    }

    private static void Delete(IEnumerable<SortedRun> done)
    {
        foreach (var run in done)
        {
            if (run.Path is { } p)
            {
                File.Delete(p);
            }
        }
    }

    private string NewRunPath() => Path.Combine(folder, $"{view}.{Interlocked.Increment(ref files)}.run");

    /// <summary>
    /// The row order of the input (file, then line). Ties (several rows from one resource, or resources on one line
    /// of a Bundle) keep their append order, which is their order within the resource: one resource is always
    /// handled by one worker. Keys usually arrive sorted already (a worker takes a file's chunks in order).
    /// </summary>
    private static int[] InputOrder(long[] keys)
    {
        var order = new int[keys.Length];
        var sorted = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }
        if (!sorted)
        {
            Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        }
        return order;
    }

    private static bool IsIdentity(int[] order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            if (order[i] != i)
            {
                return false;
            }
        }
        return true;
    }

    private static Table WithKeys(Table rows, long[] keys, int[] order, bool compact = true)
    {
        var gathered = !compact && IsIdentity(order) ? rows : TableGather.Gather(rows, order, compact);
        var sortedKeys = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sortedKeys[i] = keys[order[i]];
        }
        return new Table(rows.Name, [.. gathered.Columns, new Int64Column(SortedRun.KeyColumn, sortedKeys, null)]);
    }
}
