using System.Text;

namespace Lodestar.Tables;

/// <summary>
/// A string column's distinct values, indexed by code. Columns that are built or read hold them as UTF-8 in one byte
/// array: no object per value, so the garbage collector has nothing in them to trace (an ingest holds hundreds of
/// thousands of distinct ids at a time, and tracing their strings was most of its collection time), and a table file
/// writes and reads them without decoding. The strings are made once, the first time <see cref="Strings"/> is asked for.
/// A dictionary made from strings keeps them as they are.
/// </summary>
public sealed class StringDictionary
{
    private readonly byte[]? bytes;
    private readonly int[]? starts;
    private string[]? strings;

    public StringDictionary(string[] strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        this.strings = strings;
        Count = strings.Length;
    }

    /// <summary>
    /// Value i &lt; <paramref name="count"/> is <c>bytes[starts[i]..starts[i + 1]]</c>: UTF-8 (a damaged file may hold
    /// invalid bytes, which decode as U+FFFD). The arrays may go on past the last value.
    /// </summary>
    internal StringDictionary(byte[] bytes, int[] starts, int count)
    {
        this.bytes = bytes;
        this.starts = starts;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The values as strings (made on first use, then kept).</summary>
    public string[] Strings => strings ?? Decode();

    internal bool IsUtf8 => bytes is not null;

    /// <summary>Value <paramref name="code"/> as UTF-8; only for a dictionary that <see cref="IsUtf8"/>.</summary>
    internal ReadOnlySpan<byte> Utf8(int code) => bytes.AsSpan(starts![code], starts[code + 1] - starts[code]);

    private string[] Decode()
    {
        var decoded = new string[Count];
        for (var i = 0; i < decoded.Length; i++)
        {
            decoded[i] = Encoding.UTF8.GetString(Utf8(i));
        }
        // Two threads may decode at once; both then use the first one's array, so identity checks stay true.
        return Interlocked.CompareExchange(ref strings, decoded, null) ?? decoded;
    }
}
