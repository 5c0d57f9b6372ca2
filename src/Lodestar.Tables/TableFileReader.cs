using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// Reads a <see cref="TableFile"/> one row group at a time (an ingest merging its spilled groups holds one group per
/// input, not the table). Columns the keep filter refuses are read past without being built. A version 1 file is one group.
/// </summary>
public sealed class TableFileReader : IDisposable
{
    private readonly BinaryReader reader;
    private readonly string source;
    private readonly bool[] kept;
    private Table? singleGroup;
    private bool ended;

    private TableFileReader(BinaryReader reader, string source, string name, IReadOnlyList<(string Name, ColumnType Type)> fileSchema, Func<string, string, bool>? keep)
    {
        this.reader = reader;
        this.source = source;
        Name = name;
        FileSchema = fileSchema;
        kept = fileSchema.Select(c => keep is null || keep(name, c.Name)).ToArray();
        Schema = fileSchema.Where((_, i) => kept[i]).ToList();
    }

    public string Name { get; }

    /// <summary>Every column in the file.</summary>
    public IReadOnlyList<(string Name, ColumnType Type)> FileSchema { get; }

    /// <summary>The columns each row group returns: those the keep filter accepted, in file order.</summary>
    public IReadOnlyList<(string Name, ColumnType Type)> Schema { get; }

    public static TableFileReader Open(Stream stream, string source, Func<string, string, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[5];
        if (stream.ReadAtLeast(head, 5, throwOnEndOfStream: false) < 5 || !head[..4].SequenceEqual(TableFile.Magic))
        {
            throw new InvalidDataException($"{source}: not a Lodestar table file.");
        }
        if (head[4] is not (TableFile.Version or TableFile.SingleGroupVersion))
        {
            throw new InvalidDataException($"{source}: table format version {head[4]} is not supported (this lodestar reads versions {TableFile.SingleGroupVersion} and {TableFile.Version}); re-run ingest with this version.");
        }
        // The buffer keeps the reader's many small reads (string lengths, bytes) out of the inflater, which takes a
        // lock on each call: unbuffered, a 7-bit length cost more than the bytes it announced.
        var reader = new BinaryReader(new BufferedStream(new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true), 1 << 16), Encoding.UTF8);
        try
        {
            return head[4] == TableFile.Version ? OpenRowGroups(reader, source, keep) : OpenSingleGroup(reader, source, keep);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static TableFileReader OpenRowGroups(BinaryReader reader, string source, Func<string, string, bool>? keep)
    {
        var (name, schema) = Guard(source, () =>
        {
            var name = reader.ReadString();
            var count = reader.ReadInt32();
            var schema = new (string Name, ColumnType Type)[count];
            for (var c = 0; c < count; c++)
            {
                schema[c] = (reader.ReadString(), (ColumnType)reader.ReadByte());
            }
            return (name, schema);
        });
        return new TableFileReader(reader, source, name, schema, keep);
    }

    /// <summary>Version 1 interleaves each column's name and type with its payload, so its one group is read at open.</summary>
    private static TableFileReader OpenSingleGroup(BinaryReader reader, string source, Func<string, string, bool>? keep)
    {
        var (name, schema, columns) = Guard(source, () =>
        {
            var name = reader.ReadString();
            var rows = reader.ReadInt32();
            var count = reader.ReadInt32();
            var schema = new (string Name, ColumnType Type)[count];
            var columns = new List<Column>(count);
            for (var c = 0; c < count; c++)
            {
                var columnName = reader.ReadString();
                var type = (ColumnType)reader.ReadByte();
                schema[c] = (columnName, type);
                if (keep is not null && !keep(name, columnName))
                {
                    TableFile.Skip(reader, type, source, columnName);
                    continue;
                }
                columns.Add(Checked(TableFile.ReadColumn(reader, columnName, type, source), rows, source));
            }
            return (name, schema, columns);
        });
        return new TableFileReader(reader, source, name, schema, keep) { singleGroup = new Table(name, columns) };
    }

    /// <summary>The next row group (only the kept columns), or null after the last.</summary>
    public Table? ReadRowGroup()
    {
        if (ended)
        {
            return null;
        }
        if (singleGroup is { } only)
        {
            ended = true;
            singleGroup = null;
            return only;
        }
        return Guard(source, () =>
        {
            var rows = reader.ReadInt32();
            if (rows < 0)
            {
                ended = true;
                return null;
            }
            var columns = new List<Column>(Schema.Count);
            for (var c = 0; c < FileSchema.Count; c++)
            {
                var (columnName, type) = FileSchema[c];
                if (!kept[c])
                {
                    TableFile.Skip(reader, type, source, columnName);
                    continue;
                }
                columns.Add(Checked(TableFile.ReadColumn(reader, columnName, type, source), rows, source));
            }
            return new Table(Name, columns);
        });
    }

    private static Column Checked(Column column, int rows, string source) => column.Count == rows
        ? column
        : throw new InvalidDataException($"{source}: column {column.Name} has {column.Count} rows, expected {rows}.");

    /// <summary>A file cut short (a disk filled up, a copy interrupted) is bad data named by its path, not a stack trace.</summary>
    private static T Guard<T>(string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{source}: the table file is truncated; re-run ingest.");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the table file is damaged ({e.Message}); re-run ingest.", e);
        }
    }

    public void Dispose()
    {
        reader.Dispose();
    }
}
