using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// Writes a <see cref="TableFile"/> one row group at a time, so a table larger than memory can be written by a
/// producer that keeps only the current group. <see cref="Complete"/> ends the file; a writer disposed without it
/// leaves a file that readers refuse as truncated.
/// </summary>
public sealed class TableFileWriter : IDisposable
{
    private readonly IReadOnlyList<(string Name, ColumnType Type)> schema;
    private readonly BinaryWriter writer;
    private bool completed;
    private bool disposed;

    public TableFileWriter(Stream stream, string name, IReadOnlyList<(string Name, ColumnType Type)> schema, CompressionLevel compression = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        this.schema = schema;
        Name = name;
        stream.Write(TableFile.Magic);
        stream.WriteByte(TableFile.Version);
        // Buffered for the same reason as the reader: the deflater takes a lock per call, and strings arrive one by one.
        writer = new BinaryWriter(new BufferedStream(new DeflateStream(stream, compression, leaveOpen: true), 1 << 16), Encoding.UTF8);
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
        writer.Write(group.RowCount);
        foreach (var column in group.Columns)
        {
            TableFile.WriteColumn(writer, column);
        }
        Rows += group.RowCount;
        RowGroups++;
    }

    /// <summary>Writes the end marker and flushes the compressed stream.</summary>
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
