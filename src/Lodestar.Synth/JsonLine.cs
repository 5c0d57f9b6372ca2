using System.Buffers;
using System.Globalization;
using System.Text;

namespace Lodestar.Synth;

/// <summary>
/// An append-only UTF-8 buffer for NDJSON written by hand: constant fragments are copied as bytes,
/// numbers and dates formatted in place, and only free text (names, places) is checked for characters
/// JSON must escape. About five times faster than Utf8JsonWriter for this shape of output, which
/// matters at millions of resources a second. Callers keep the JSON well-formed; tests parse it.
/// </summary>
internal sealed class JsonLine
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private byte[] buffer = new byte[1 << 16];
    private int position;

    public int Length => position;

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, position);

    public void Clear() => position = 0;

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Room(bytes.Length));
        position += bytes.Length;
    }

    public void Byte(byte value)
    {
        Room(1)[0] = value;
        position++;
    }

    /// <summary>A JSON string value with quotes, escaped as RFC 8259 requires.</summary>
    public void String(string value)
    {
        Byte((byte)'"');
        var text = value.AsSpan();
        if (text.IndexOfAny(NeedsEscape) >= 0)
        {
            var escaped = new StringBuilder(value.Length + 8);
            foreach (var c in text)
            {
                _ = c switch
                {
                    '"' => escaped.Append("\\\""),
                    '\\' => escaped.Append("\\\\"),
                    < ' ' => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                    _ => escaped.Append(c),
                };
            }
            text = escaped.ToString();
        }
        var written = Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length)));
        position += written;
        Byte((byte)'"');
    }

    public void Long(long value)
    {
        value.TryFormat(Room(20), out var n, default, CultureInfo.InvariantCulture);
        position += n;
    }

    /// <summary>Shortest round-trip form, as System.Text.Json writes doubles.</summary>
    public void Double(double value)
    {
        value.TryFormat(Room(32), out var n, "R", CultureInfo.InvariantCulture);
        position += n;
    }

    /// <summary>"yyyy-MM-dd" with quotes.</summary>
    public void Date(DateOnly date)
    {
        var span = Room(12);
        span[0] = (byte)'"';
        date.TryFormat(span[1..], out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        span[n + 1] = (byte)'"';
        position += n + 2;
    }

    /// <summary>A FHIR dateTime in UTC with seconds ("2021-03-04T14:30:00Z"), with quotes.</summary>
    public void DateTime(DateTime value)
    {
        var span = Room(24);
        span[0] = (byte)'"';
        value.TryFormat(span[1..], out var n, "s", CultureInfo.InvariantCulture);
        span[n + 1] = (byte)'Z';
        span[n + 2] = (byte)'"';
        position += n + 3;
    }

    /// <summary>An id tail "index-ordinal" (or "index" when ordinal &lt; 0), no quotes.</summary>
    public void IdTail(long index, int ordinal)
    {
        Long(index);
        if (ordinal >= 0)
        {
            Byte((byte)'-');
            Long(ordinal);
        }
    }

    private Span<byte> Room(int bytes)
    {
        if (position + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, position + bytes));
        }
        return buffer.AsSpan(position);
    }
}
