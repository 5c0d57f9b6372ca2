using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// K-way merge of sorted runs into input order: by key, then by (worker, sequence) for rows sharing a key, which
/// only one worker's consecutive runs can hold. Rows are copied in ranges: with one file per resource type and
/// ~1 MiB reader chunks, a run usually leads for thousands of rows before another takes over.
/// </summary>
internal static class RunMerger
{
    public static void Merge(IReadOnlyList<SortedRun> runs, RowGroupBuffer output)
    {
        var cursors = new List<RunCursor>(runs.Count);
        try
        {
            var queue = new PriorityQueue<RunCursor, (long Key, int Worker, int Sequence)>(runs.Count);
            foreach (var run in runs)
            {
                var cursor = new RunCursor(run);
                cursors.Add(cursor);
                if (!cursor.Done)
                {
                    queue.Enqueue(cursor, Priority(cursor));
                }
            }
            while (queue.TryDequeue(out var cursor, out _))
            {
                var hasNext = queue.TryPeek(out _, out var next);
                var start = cursor.Position;
                var end = start + 1;
                var keys = cursor.Keys;
                while (end < keys.Length && (!hasNext || Before((keys[end], cursor.Run.Worker, cursor.Run.Sequence), next)))
                {
                    end++;
                }
                output.Append(cursor.Group, start, end - start);
                cursor.Position = end;
                if (end == keys.Length)
                {
                    cursor.Next();
                }
                if (!cursor.Done)
                {
                    queue.Enqueue(cursor, Priority(cursor));
                }
            }
            output.Flush();
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }

    private static (long, int, int) Priority(RunCursor cursor) => (cursor.Key, cursor.Run.Worker, cursor.Run.Sequence);

    private static bool Before((long Key, int Worker, int Sequence) a, (long Key, int Worker, int Sequence) b) =>
        a.Key != b.Key ? a.Key < b.Key : a.Worker != b.Worker ? a.Worker < b.Worker : a.Sequence < b.Sequence;
}
