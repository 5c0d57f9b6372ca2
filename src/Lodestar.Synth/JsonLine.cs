using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Room(bytes.Length));
        position += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    /// <summary>A whole number in invariant digits (no grouping), written two digits at a time.</summary>
    public void Long(long value)
    {
        if ((ulong)value < SmallLimit)
        {
            Small((int)value);
            return;
        }
        if (value < 0)
        {
            Byte((byte)'-');
        }
        var rest = value < 0 ? (ulong)-value : (ulong)value;
        if (rest < 10)
        {
            Byte((byte)('0' + rest));
            return;
        }
        var digits = DigitCount(rest);
        var span = Room(digits);
        var at = digits;
        while (rest >= 100)
        {
            var pair = (int)(rest % 100) * 2;
            rest /= 100;
            at -= 2;
            span[at] = DigitPairs[pair];
            span[at + 1] = DigitPairs[pair + 1];
        }
        if (rest >= 10)
        {
            span[0] = DigitPairs[(int)rest * 2];
            span[1] = DigitPairs[(int)rest * 2 + 1];
        }
        else
        {
            span[0] = (byte)('0' + rest);
        }
        position += digits;
    }

    /// <summary>
    /// <paramref name="value"/> rounded to <paramref name="decimals"/> places (0–6), trailing zeros and a
    /// bare point dropped: the same text the shortest round-trip form gives for an already-rounded value
    /// (28.0 → 28, -90.18480 → -90.1848), at a fraction of the cost of formatting a double.
    /// </summary>
    public void Fixed(double value, int decimals)
    {
        var scale = Pow10[decimals];
        var scaled = (long)Math.Round(value * scale, MidpointRounding.AwayFromZero);
        if (scaled < 0)
        {
            Byte((byte)'-');
            scaled = -scaled;
        }
        Long(scaled / scale);
        var fraction = scaled % scale;
        if (fraction == 0)
        {
            return;
        }
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            scale /= 10;
        }
        var span = Room(8);
        span[0] = (byte)'.';
        var digits = 0;
        for (var s = scale / 10; s > 0; s /= 10)
        {
            span[++digits] = (byte)('0' + fraction / s % 10);
        }
        position += digits + 1;
    }

    /// <summary>"yyyy-MM-dd" with quotes (years 1000–9999).</summary>
    public void Date(DateOnly date)
    {
        var span = Room(DateText.Length + 2);
        span[0] = (byte)'"';
        DateText.Write(span[1..], date.DayNumber);
        span[DateText.Length + 1] = (byte)'"';
        position += DateText.Length + 2;
    }

    /// <summary>A FHIR dateTime in UTC with seconds ("2021-03-04T14:30:00Z"), with quotes.</summary>
    public void DateTime(DateTime value)
    {
        var span = Room(22);
        // Day number and second of the day straight from the ticks: the calendar split is the table's.
        var ticks = value.Ticks;
        var day = ticks / TimeSpan.TicksPerDay;
        var second = (int)((ticks - day * TimeSpan.TicksPerDay) / TimeSpan.TicksPerSecond);
        span[0] = (byte)'"';
        DateText.Write(span[1..], (int)day);
        span[11] = (byte)'T';
        // "HH:mm:ss" as one 8-byte store.
        var time = Pair(second / 3600) | (ulong)':' << 16 | (ulong)Pair(second / 60 % 60) << 24 | (ulong)':' << 40 | (ulong)Pair(second % 60) << 48;
        MemoryMarshal.Write(span[12..], in time);
        span[20] = (byte)'Z';
        span[21] = (byte)'"';
        position += 22;
    }

    /// <summary>The person's digits ("123" of "Patient/p123"), no quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Id(PersonId id) => Block(id, id.Length);

    /// <summary>An id tail "person-ordinal" (e.g. "123-4"), no quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void IdTail(PersonId id, int ordinal)
    {
        Block(id, id.Length + 1);
        Long(ordinal);
    }

    /// <summary>The first <paramref name="length"/> bytes of the id's block, copied as one fixed-size move when they fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Block(PersonId id, int length)
    {
        var span = Room(2 * PersonId.FastLength);
        id.Block.AsSpan(0, PersonId.FastLength).CopyTo(span);
        if (length > PersonId.FastLength)
        {
            id.Block.AsSpan(PersonId.FastLength).CopyTo(span[PersonId.FastLength..]);
        }
        position += length;
    }

    /// <summary>0 … <see cref="SmallLimit"/> − 1 (ordinals, blood pressures, scores) from a table, as one 4-byte store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Small(int value)
    {
        var packed = SmallNumbers[value];
        MemoryMarshal.Write(Room(sizeof(uint)), in packed);
        position += (int)(packed >> 24);
    }

    private const int SmallLimit = 1000;

    // The digits of 0 … 999 packed little-endian into the low three bytes, their count in the top byte.
    private static readonly uint[] SmallNumbers = Enumerable.Range(0, SmallLimit).Select(n =>
    {
        var text = n.ToString(CultureInfo.InvariantCulture);
        var packed = (uint)text.Length << 24;
        for (var i = 0; i < text.Length; i++)
        {
            packed |= (uint)text[i] << (8 * i);
        }
        return packed;
    }).ToArray();

    // "00" … "99" as little-endian pairs of ASCII digits, for times of day.
    private static readonly ushort[] TimePairs = Enumerable.Range(0, 100).Select(i => (ushort)('0' + i / 10 | ('0' + i % 10) << 8)).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pair(int value) => TimePairs[value];

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    // "00" … "99": two digits per division by 100 when writing whole numbers.
    private static readonly byte[] DigitPairs = Enumerable.Range(0, 100).SelectMany(i => new[] { (byte)('0' + i / 10), (byte)('0' + i % 10) }).ToArray();

    private static int DigitCount(ulong value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    // The check is inlined at every call; growing is the rare path and stays out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Room(int bytes)
    {
        if (position + bytes > buffer.Length)
        {
            Grow(bytes);
        }
        return buffer.AsSpan(position);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes) => Array.Resize(ref buffer, Math.Max(buffer.Length * 2, position + bytes));
}
