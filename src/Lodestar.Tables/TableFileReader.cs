using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// Reads a <see cref="TableFile"/> one row group at a time (an ingest merging its spilled groups holds one group per
/// input, not the table). Columns the keep filter refuses are passed over without being built: in a version 3 file by
/// seeking past their blocks, in older files by reading past their payload. A version 1 file is one group.
/// </summary>
public sealed class TableFileReader : IDisposable
{
    /// <summary>Below this many compressed bytes a block is inflated on the calling thread: handing it off would cost more.</summary>
    private const long ParallelBytes = 256 << 10;

    private readonly BinaryReader reader;
    private readonly string source;
    private readonly bool[] kept;
    private readonly bool columnBlocks;
    private Table? singleGroup;
    private bool ended;

    private TableFileReader(BinaryReader reader, string source, string name, IReadOnlyList<(string Name, ColumnType Type)> fileSchema, Func<string, string, bool>? keep, bool columnBlocks)
    {
        this.reader = reader;
        this.source = source;
        this.columnBlocks = columnBlocks;
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
        var version = head[4];
        if (version is not (TableFile.Version or TableFile.DeflatedVersion or TableFile.SingleGroupVersion))
        {
            throw new InvalidDataException($"{source}: table format version {version} is not supported (this lodestar reads versions {TableFile.SingleGroupVersion} to {TableFile.Version}); re-run ingest with this version.");
        }
        var reader = version == TableFile.Version
            ? new BinaryReader(stream, Encoding.UTF8, leaveOpen: true)
            // Buffered because the inflater takes a lock per call: unbuffered, a 7-bit length cost more than the bytes it announced.
            : new BinaryReader(new BufferedStream(new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true), 1 << 16), Encoding.UTF8);
        try
        {
            return version == TableFile.SingleGroupVersion ? OpenSingleGroup(reader, source, keep) : OpenRowGroups(reader, source, keep, columnBlocks: version == TableFile.Version);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static TableFileReader OpenRowGroups(BinaryReader reader, string source, Func<string, string, bool>? keep, bool columnBlocks)
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
        return new TableFileReader(reader, source, name, schema, keep, columnBlocks);
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
        return new TableFileReader(reader, source, name, schema, keep, columnBlocks: false) { singleGroup = new Table(name, columns) };
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
            return new Table(Name, columnBlocks ? ReadBlocks(rows) : ReadPayloads(rows));
        });
    }

    /// <summary>Version 2: every column's payload in turn, in the one deflated stream.</summary>
    private List<Column> ReadPayloads(int rows)
    {
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
        return columns;
    }

    /// <summary>
    /// Version 3: each column's deflated block after its length. Large blocks are inflated on the thread pool while the
    /// next ones are read, at most one per core at a time, so a group's compressed bytes are never all held at once.
    /// </summary>
    private Column[] ReadBlocks(int rows)
    {
        var columns = new Column[Schema.Count];
        var inflating = new Queue<Task>();
        try
        {
            for (int c = 0, slot = 0; c < FileSchema.Count; c++)
            {
                var length = reader.ReadInt64();
                if (length is < 0 or > int.MaxValue)
                {
                    throw new InvalidDataException($"column {FileSchema[c].Name} has a block of {length} bytes");
                }
                if (!kept[c])
                {
                    TableFile.SkipBytes(reader.BaseStream, length);
                    continue;
                }
                // Not pooled: a pool would keep the largest blocks for the life of the process.
                var bytes = GC.AllocateUninitializedArray<byte>((int)length);
                reader.BaseStream.ReadExactly(bytes);
                var (column, into) = (c, slot++);
                if (length < ParallelBytes)
                {
                    Inflate(column, bytes, rows, columns, into);
                    continue;
                }
                inflating.Enqueue(Task.Run(() => Inflate(column, bytes, rows, columns, into)));
                if (inflating.Count >= Environment.ProcessorCount)
                {
                    inflating.Dequeue().GetAwaiter().GetResult();
                }
            }
            while (inflating.Count > 0)
            {
                inflating.Dequeue().GetAwaiter().GetResult();
            }
            return columns;
        }
        finally
        {
            // On failure, let blocks already handed out finish before the caller reports the error.
            foreach (var task in inflating)
            {
                task.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            }
        }
    }

    /// <summary>Inflates one column's block into <paramref name="columns"/>[<paramref name="slot"/>].</summary>
    private void Inflate(int column, byte[] block, int rows, Column[] columns, int slot)
    {
        var (columnName, type) = FileSchema[column];
        using var payload = new BinaryReader(new BufferedStream(new DeflateStream(new MemoryStream(block), CompressionMode.Decompress), 1 << 16), Encoding.UTF8);
        columns[slot] = Checked(TableFile.ReadColumn(payload, columnName, type, source), rows, source);
        if (payload.BaseStream.ReadByte() != -1)
        {
            throw new InvalidDataException($"column {columnName} has data after its values");
        }
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
