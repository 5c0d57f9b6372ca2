using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>Walks a <see cref="SortedRun"/> one row group at a time, so a merge holds one group per run.</summary>
internal sealed class RunCursor : IDisposable
{
    private readonly Stream? stream;
    private readonly TableFileReader? reader;

    public RunCursor(SortedRun run)
    {
        Run = run;
        if (run.Rows is { } rows)
        {
            Load(rows);
        }
        else
        {
            stream = new BufferedStream(File.OpenRead(run.Path!), 1 << 16);
            reader = TableFileReader.Open(stream, run.Path!);
            Next();
        }
    }

    public SortedRun Run { get; }

    /// <summary>The current row group, view columns first and the key column last.</summary>
    public Table Group { get; private set; } = null!;

    public long[] Keys { get; private set; } = [];

    public int Position { get; set; }

    public bool Done { get; private set; }

    public long Key => Keys[Position];

    /// <summary>Moves to the next non-empty group, or sets <see cref="Done"/>.</summary>
    public void Next()
    {
        while (reader?.ReadRowGroup() is { } group)
        {
            if (group.RowCount > 0)
            {
                Load(group);
                return;
            }
        }
        Done = true;
    }

    private void Load(Table group)
    {
        Group = group;
        Keys = group.Get<Int64Column>(SortedRun.KeyColumn).Values;
        Position = 0;
        Done = group.RowCount == 0;
    }

    public void Dispose()
    {
        reader?.Dispose();
        stream?.Dispose();
    }
}
