using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// The workspace's on-disk table format. Version 3 (written since per-column blocks): the magic "LDST", the
/// version byte, the table name and the schema (column count, then each column's name and type), then a sequence
/// of row groups ended by a row count of -1. A row group is its row count followed, for every column, by the
/// length (Int64) of a block holding the column's deflated payload: validity and raw little-endian arrays for
/// fixed-width columns, and for strings the group's own dictionary then codes (and offsets for lists).
/// Per-group dictionaries let a writer drop each group once written, so an ingest of any size holds one group's
/// distinct strings, not the whole input's. Per-column blocks let a reader seek past the columns it does not
/// want and inflate the others on both cores.
/// Still read: version 2 (the same groups and payloads, all in one deflated stream after the magic and version)
/// and version 1 (one group, each column's name and type before its payload, all deflated).
/// Reading is sequential, with no per-row parsing.
/// </summary>
public static class TableFile
{
    internal static readonly byte[] Magic = "LDST"u8.ToArray();
    internal const byte Version = 3;
    internal const byte DeflatedVersion = 2;
    internal const byte SingleGroupVersion = 1;

    /// <summary>Writes the table as one row group.</summary>
    public static void Write(Table table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new TableFileWriter(stream, table.Name, table.Columns.Select(c => (c.Name, c.Type)).ToList());
        writer.WriteRowGroup(table);
        writer.Complete();
    }

    public static Table Read(Stream stream, string source) => Read(stream, source, null);

    /// <summary>
    /// Reads a table keeping only the columns <paramref name="keep"/> accepts (table name, column name); the others are
    /// read past without being built, so a reader that needs a few columns does not pay for the rest. Row groups are
    /// joined into one table, re-interning strings in first-use order: the result is the table the groups were cut from.
    /// </summary>
    public static Table Read(Stream stream, string source, Func<string, string, bool>? keep)
    {
        using var reader = TableFileReader.Open(stream, source, keep);
        var groups = new List<Column[]>();
        while (reader.ReadRowGroup() is { } group)
        {
            groups.Add([.. group.Columns]);
        }
        return RowGroupConcat.Concat(reader.Name, reader.Schema, groups);
    }

    internal static void WriteColumn(BinaryWriter writer, Column column)
    {
        switch (column)
        {
            case StringColumn s:
                WriteStrings(writer, s.Distinct);
                WriteArray(writer, s.Codes);
                break;
            case StringListColumn l:
                WriteStrings(writer, l.Distinct);
                WriteArray(writer, l.Offsets);
                WriteArray(writer, l.Values);
                break;
            case Int64Column i:
                WriteValidity(writer, i.Validity);
                WriteArray(writer, i.Values);
                break;
            case DoubleColumn d:
                WriteValidity(writer, d.Validity);
                WriteArray(writer, d.Values);
                break;
            case BoolColumn b:
                WriteValidity(writer, b.Validity);
                WriteArray(writer, b.Values);
                break;
            case DateColumn t:
                WriteValidity(writer, t.Validity);
                WriteArray(writer, t.Days);
                break;
            default:
                throw new NotSupportedException(column.GetType().Name);
        }
    }

    internal static Column ReadColumn(BinaryReader reader, string columnName, ColumnType type, string source) => type switch
    {
        ColumnType.String => ReadString(reader, columnName),
        ColumnType.StringList => new StringListColumn(columnName, distinct: ReadStrings(reader), offsets: ReadArray<int>(reader), values: ReadArray<int>(reader)),
        ColumnType.Int64 => ReadFixed<long>(reader, (v, valid) => new Int64Column(columnName, v, valid)),
        ColumnType.Double => ReadFixed<double>(reader, (v, valid) => new DoubleColumn(columnName, v, valid)),
        ColumnType.Bool => ReadFixed<bool>(reader, (v, valid) => new BoolColumn(columnName, v, valid)),
        ColumnType.Date => ReadFixed<int>(reader, (v, valid) => new DateColumn(columnName, v, valid)),
        _ => throw new InvalidDataException($"{source}: column {columnName} has unknown type {(byte)type}."),
    };

    internal static void Skip(BinaryReader reader, ColumnType type, string source, string column)
    {
        switch (type)
        {
            case ColumnType.String:
                SkipStrings(reader);
                SkipArray(reader, sizeof(int));
                break;
            case ColumnType.StringList:
                SkipStrings(reader);
                SkipArray(reader, sizeof(int));
                SkipArray(reader, sizeof(int));
                break;
            case ColumnType.Int64 or ColumnType.Double or ColumnType.Bool or ColumnType.Date:
                if (reader.ReadBoolean())
                {
                    SkipArray(reader, sizeof(ulong));
                }
                SkipArray(reader, type switch { ColumnType.Int64 => sizeof(long), ColumnType.Double => sizeof(double), ColumnType.Date => sizeof(int), _ => sizeof(bool) });
                break;
            default:
                throw new InvalidDataException($"{source}: column {column} has unknown type {(byte)type}.");
        }
    }

    private static void SkipStrings(BinaryReader reader)
    {
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            SkipBytes(reader, reader.Read7BitEncodedInt());
        }
    }

    private static void SkipArray(BinaryReader reader, int elementSize) => SkipBytes(reader, (long)reader.ReadInt32() * elementSize);

    private static void SkipBytes(BinaryReader reader, long count) => SkipBytes(reader.BaseStream, count);

    /// <summary>
    /// Moves past bytes: by seeking when the stream can (a cut-short file then fails at the next read), else into a
    /// pooled buffer, as a zeroed scratch per call cost more than the short strings it skipped.
    /// </summary>
    internal static void SkipBytes(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }
        var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, 1 << 16));
        try
        {
            while (count > 0)
            {
                var chunk = (int)Math.Min(count, scratch.Length);
                stream.ReadExactly(scratch, 0, chunk);
                count -= chunk;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static StringColumn ReadString(BinaryReader reader, string name)
    {
        var dictionary = ReadStrings(reader);
        return new StringColumn(name, ReadArray<int>(reader), dictionary);
    }

    private static Column ReadFixed<T>(BinaryReader reader, Func<T[], Validity?, Column> create) where T : struct
    {
        var validity = ReadValidity(reader);
        return create(ReadArray<T>(reader), validity);
    }

    /// <summary>The count, then each value as <see cref="BinaryWriter.Write(string)"/> writes it: its UTF-8 length (7-bit encoded) and bytes.</summary>
    private static void WriteStrings(BinaryWriter writer, StringDictionary values)
    {
        writer.Write(values.Count);
        if (!values.IsUtf8)
        {
            foreach (var s in values.Strings)
            {
                writer.Write(s);
            }
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var utf8 = values.Utf8(i);
            writer.Write7BitEncodedInt(utf8.Length);
            writer.Write(utf8);
        }
    }

    private static StringDictionary ReadStrings(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"a dictionary of {count} values");
        }
        // Both arrays grow as values are read, so a damaged count or length runs out of input instead of allocating
        // what it claims.
        var starts = new int[Math.Min(count, 1 << 16) + 1];
        var bytes = new byte[Math.Min(count, 1 << 16) * 16];
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            if (i + 1 == starts.Length)
            {
                Array.Resize(ref starts, (int)Math.Min((long)count + 1, 2L * starts.Length));
            }
            var length = reader.Read7BitEncodedInt();
            if (length < 0)
            {
                throw new InvalidDataException($"a string of {length} bytes");
            }
            for (var left = length; left > 0;)
            {
                var chunk = Math.Min(left, 1 << 16);
                if (used + chunk > bytes.Length)
                {
                    Array.Resize(ref bytes, Math.Max(used + chunk, 2 * bytes.Length));
                }
                reader.BaseStream.ReadExactly(bytes, used, chunk);
                used += chunk;
                left -= chunk;
            }
            starts[i + 1] = used;
        }
        return new StringDictionary(bytes, starts, count);
    }

    private static void WriteValidity(BinaryWriter writer, Validity? validity)
    {
        writer.Write(validity is not null);
        if (validity is not null)
        {
            WriteArray(writer, validity.Bits);
        }
    }

    private static Validity? ReadValidity(BinaryReader reader) => reader.ReadBoolean() ? new Validity(ReadArray<ulong>(reader)) : null;

    private static void WriteArray<T>(BinaryWriter writer, T[] values) where T : struct
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader reader) where T : struct
    {
        var result = new T[reader.ReadInt32()];
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return result;
    }
}
