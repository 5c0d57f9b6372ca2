using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// Writes a <see cref="TableFile"/> one row group at a time, so a table larger than memory can be written by a
/// producer that keeps only the current group. Each column of a group is deflated into its own block (in parallel
/// for large groups). <see cref="Complete"/> ends the file; a writer disposed without it leaves a file that readers
/// refuse as truncated.
/// </summary>
public sealed class TableFileWriter : IDisposable
{
    /// <summary>Below this many rows a group's columns are compressed on the calling thread: the blocks are too small to share.</summary>
    private const int ParallelRows = 65_536;

    private readonly IReadOnlyList<(string Name, ColumnType Type)> schema;
    private readonly CompressionLevel compression;
    private readonly BinaryWriter writer;
    private bool completed;
    private bool disposed;

    public TableFileWriter(Stream stream, string name, IReadOnlyList<(string Name, ColumnType Type)> schema, CompressionLevel compression = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        this.schema = schema;
        this.compression = compression;
        Name = name;
        writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(TableFile.Magic);
        writer.Write(TableFile.Version);
        writer.Write(name);
        writer.Write(schema.Count);
        foreach (var (column, type) in schema)
        {
            writer.Write(column);
            writer.Write((byte)type);
        }
    }

    public string Name { get; }

    public long Rows { get; private set; }

    public int RowGroups { get; private set; }

    /// <summary>Appends a row group whose columns match the schema in name, type and order.</summary>
    public void WriteRowGroup(Table group)
    {
        ArgumentNullException.ThrowIfNull(group);
        ObjectDisposedException.ThrowIf(completed, this);
        if (group.Columns.Count != schema.Count)
        {
            throw new ArgumentException($"Table {Name}: a row group has {group.Columns.Count} columns, expected {schema.Count}.", nameof(group));
        }
        for (var c = 0; c < schema.Count; c++)
        {
            var column = group.Columns[c];
            if (column.Name != schema[c].Name || column.Type != schema[c].Type)
            {
                throw new ArgumentException($"Table {Name}: row group column {c} is {column.Name} {column.Type}, expected {schema[c].Name} {schema[c].Type}.", nameof(group));
            }
        }
        var blocks = new MemoryStream[schema.Count];
        if (group.RowCount >= ParallelRows)
        {
            Parallel.For(0, blocks.Length, c => blocks[c] = Compress(group.Columns[c]));
        }
        else
        {
            for (var c = 0; c < blocks.Length; c++)
            {
                blocks[c] = Compress(group.Columns[c]);
            }
        }
        writer.Write(group.RowCount);
        foreach (var block in blocks)
        {
            writer.Write(block.Length);
            writer.Write(block.GetBuffer(), 0, (int)block.Length);
        }
        Rows += group.RowCount;
        RowGroups++;
    }

    private MemoryStream Compress(Column column)
    {
        var block = new MemoryStream();
        // Buffered because the deflater takes a lock per call and strings arrive one by one.
        using (var payload = new BinaryWriter(new BufferedStream(new DeflateStream(block, compression, leaveOpen: true), 1 << 16), Encoding.UTF8))
        {
            TableFile.WriteColumn(payload, column);
        }
        return block;
    }

    /// <summary>Writes the end marker and flushes.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(completed, this);
        writer.Write(-1);
        completed = true;
        Dispose();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        completed = true;
        writer.Dispose();
    }
}
