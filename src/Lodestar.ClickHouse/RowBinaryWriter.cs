using System.Buffers.Binary;
using System.Text;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Encodes table rows in ClickHouse's RowBinary format: little-endian fixed-width values, LEB128 lengths,
/// one null-flag byte before each Nullable value. Binary, so no text escaping can go wrong.
/// </summary>
internal static class RowBinaryWriter
{
    public static byte[] Encode(Table table, IReadOnlyList<int> rows, string batch)
    {
        using var stream = new MemoryStream();
        var patient = table.Name == S.Patient;
        var birth = patient && table.Has(S.BirthDate) ? table.Get<DateColumn>(S.BirthDate) : null;
        Span<byte> scratch = stackalloc byte[8];
        foreach (var row in rows)
        {
            foreach (var column in table.Columns)
            {
                WriteValue(stream, column, row, scratch);
            }
            if (patient)
            {
                var date = birth is null || birth.IsNull(row) ? (DateOnly?)null : DateOnly.FromDayNumber(birth.Days[row]);
                WriteNullableInt32(stream, date?.Year, scratch);
                WriteNullableInt32(stream, date is { } d ? d.Month * 100 + d.Day : null, scratch);
            }
            WriteString(stream, batch);
        }
        return stream.ToArray();
    }

    private static void WriteValue(MemoryStream s, Column column, int row, Span<byte> scratch)
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
            s.WriteByte(1);
            return;
        }
        s.WriteByte(0);
        switch (column)
        {
            case StringColumn str:
                WriteString(s, str[row]!);
                break;
            case Int64Column i:
                BinaryPrimitives.WriteInt64LittleEndian(scratch, i.Values[row]);
                s.Write(scratch[..8]);
                break;
            case DoubleColumn d:
                BinaryPrimitives.WriteDoubleLittleEndian(scratch, d.Values[row]);
                s.Write(scratch[..8]);
                break;
            case BoolColumn b:
                s.WriteByte(b.Values[row] ? (byte)1 : (byte)0);
                break;
            case DateColumn date:
                BinaryPrimitives.WriteInt32LittleEndian(scratch, date.Days[row]);
                s.Write(scratch[..4]);
                break;
            default:
                throw new InvalidOperationException($"no RowBinary encoding for {column.Type}");
        }
    }

    private static void WriteNullableInt32(MemoryStream s, int? value, Span<byte> scratch)
    {
        if (value is not { } v)
        {
            s.WriteByte(1);
            return;
        }
        s.WriteByte(0);
        BinaryPrimitives.WriteInt32LittleEndian(scratch, v);
        s.Write(scratch[..4]);
    }

    private static void WriteString(MemoryStream s, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteVarUInt(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteVarUInt(MemoryStream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        s.WriteByte((byte)value);
    }
}
