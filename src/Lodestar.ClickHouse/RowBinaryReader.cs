using System.Buffers.Binary;
using System.Text;
using Lodestar.Tables;

namespace Lodestar.ClickHouse;

/// <summary>Decodes a RowBinary query result into a Lodestar table with the given column types.</summary>
internal static class RowBinaryReader
{
    public static Table Decode(string name, IReadOnlyList<(string Name, ColumnType Type)> schema, ReadOnlySpan<byte> data)
    {
        var builder = new TableBuilder(name, schema);
        var pos = 0;
        while (pos < data.Length)
        {
            for (var i = 0; i < schema.Count; i++)
            {
                var column = builder.Columns[i];
                if (schema[i].Type == ColumnType.StringList)
                {
                    var n = (int)ReadVarUInt(data, ref pos);
                    var items = new string[n];
                    for (var k = 0; k < n; k++)
                    {
                        items[k] = ReadString(data, ref pos);
                    }
                    ((StringListColumnBuilder)column).Append(items);
                    continue;
                }
                if (data[pos++] == 1)
                {
                    column.AppendNull();
                    continue;
                }
                switch (column)
                {
                    case StringColumnBuilder s: s.Append(ReadString(data, ref pos)); break;
                    case Int64ColumnBuilder l: l.Append(BinaryPrimitives.ReadInt64LittleEndian(data[pos..])); pos += 8; break;
                    case DoubleColumnBuilder d: d.Append(BinaryPrimitives.ReadDoubleLittleEndian(data[pos..])); pos += 8; break;
                    case BoolColumnBuilder b: b.Append(data[pos++] != 0); break;
                    case DateColumnBuilder t: t.Append(BinaryPrimitives.ReadInt32LittleEndian(data[pos..])); pos += 4; break;
                    default: throw new InvalidOperationException($"no RowBinary decoding for {schema[i].Type}");
                }
            }
        }
        return builder.Build();
    }

    public static List<string> Strings(ReadOnlySpan<byte> data)
    {
        var list = new List<string>();
        var pos = 0;
        while (pos < data.Length)
        {
            list.Add(ReadString(data, ref pos));
        }
        return list;
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int pos)
    {
        var n = (int)ReadVarUInt(data, ref pos);
        var s = Encoding.UTF8.GetString(data.Slice(pos, n));
        pos += n;
        return s;
    }

    private static ulong ReadVarUInt(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
