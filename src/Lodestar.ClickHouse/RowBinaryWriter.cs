using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Encodes table rows in ClickHouse's RowBinary format: little-endian fixed-width values, LEB128 lengths,
/// one null-flag byte before each Nullable value. Binary, so no text escaping can go wrong. Writes straight
/// into one growing buffer (strings encoded in place, no per-value allocation): at a million patients the
/// loader encodes tens of millions of rows.
/// </summary>
internal static class RowBinaryWriter
{
    public static byte[] Encode(Table table, IReadOnlyList<int> rows, string batch)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, rows.Count * 64));
        Encode(table, rows, batch, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends the rows to <paramref name="buffer"/>; a loader reuses one buffer for every chunk it sends.</summary>
    public static void Encode(Table table, IReadOnlyList<int> rows, string batch, ArrayBufferWriter<byte> buffer)
    {
        var patient = table.Name == S.Patient;
        var birth = patient && table.Has(S.BirthDate) ? table.Get<DateColumn>(S.BirthDate) : null;
        var batchBytes = Encoding.UTF8.GetBytes(batch);
        foreach (var row in rows)
        {
            foreach (var column in table.Columns)
            {
                WriteValue(buffer, column, row);
            }
            if (patient)
            {
                var date = birth is null || birth.IsNull(row) ? (DateOnly?)null : DateOnly.FromDayNumber(birth.Days[row]);
                WriteNullableInt32(buffer, date?.Year);
                WriteNullableInt32(buffer, date is { } d ? d.Month * 100 + d.Day : null);
            }
            WriteVarUInt(buffer, (ulong)batchBytes.Length);
            buffer.Write(batchBytes);
        }
    }

    private static void WriteValue(ArrayBufferWriter<byte> s, Column column, int row)
    {
        if (column is StringListColumn list)
        {
            var items = list.Row(row);
            WriteVarUInt(s, (ulong)items.Length);
            foreach (var v in items)
            {
                WriteString(s, list.Dictionary[v]);
            }
            return;
        }
        if (column.IsNull(row))
        {
            WriteByte(s, 1);
            return;
        }
        WriteByte(s, 0);
        switch (column)
        {
            case StringColumn str:
                WriteString(s, str.Dictionary[str.Codes[row]]);
                break;
            case Int64Column i:
                BinaryPrimitives.WriteInt64LittleEndian(s.GetSpan(8), i.Values[row]);
                s.Advance(8);
                break;
            case DoubleColumn d:
                BinaryPrimitives.WriteDoubleLittleEndian(s.GetSpan(8), d.Values[row]);
                s.Advance(8);
                break;
            case BoolColumn b:
                WriteByte(s, b.Values[row] ? (byte)1 : (byte)0);
                break;
            case DateColumn date:
                BinaryPrimitives.WriteInt32LittleEndian(s.GetSpan(4), date.Days[row]);
                s.Advance(4);
                break;
            default:
                throw new InvalidOperationException($"no RowBinary encoding for {column.Type}");
        }
    }

    private static void WriteByte(ArrayBufferWriter<byte> s, byte value)
    {
        s.GetSpan(1)[0] = value;
        s.Advance(1);
    }

    private static void WriteNullableInt32(ArrayBufferWriter<byte> s, int? value)
    {
        if (value is not { } v)
        {
            WriteByte(s, 1);
            return;
        }
        WriteByte(s, 0);
        BinaryPrimitives.WriteInt32LittleEndian(s.GetSpan(4), v);
        s.Advance(4);
    }

    private static void WriteString(ArrayBufferWriter<byte> s, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt(s, (ulong)length);
        Encoding.UTF8.GetBytes(value, s.GetSpan(length));
        s.Advance(length);
    }

    private static void WriteVarUInt(ArrayBufferWriter<byte> s, ulong value)
    {
        var span = s.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        s.Advance(n);
    }
}
