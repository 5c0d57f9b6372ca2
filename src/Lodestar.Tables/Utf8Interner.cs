using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Lodestar.Tables;

/// <summary>
/// Gives distinct UTF-8 values codes 0, 1, 2… in first-use order. The values sit end to end in one byte array and are
/// found through an open-addressing table whose slots hold a value's hash beside its code, so a probe compares hashes
/// without touching the values (a table of a few hundred thousand ids does not fit in cache, and each look elsewhere
/// was a cache miss). A value costs its length plus an int and two to four slots, and no object.
/// Bytes that are not valid UTF-8 are stored as decoding them to a string and back would store them (with U+FFFD),
/// which is what a table file holds for such a string.
/// </summary>
internal sealed class Utf8Interner
{
    // Per process, so input cannot be crafted to collide; codes do not depend on it.
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private byte[] bytes = new byte[256];
    private int used;
    private int[] starts = new int[17];

    /// <summary>(hash &lt;&lt; 32) | (code + 1), or 0 for an empty slot; at most half full.</summary>
    private long[] slots = new long[32];
    private int indexed;

    public int Count { get; private set; }

    /// <summary>Roughly the bytes held (arrays at their capacity).</summary>
    public long EstimatedBytes => bytes.Length + 4L * starts.Length + 8L * slots.Length;

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = slots.Length - 1;
        for (var i = hash & mask; slots[i] != 0; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if ((int)(slot >>> 32) == hash && Value((int)slot - 1).SequenceEqual(utf8))
            {
                return (int)slot - 1;
            }
        }
        if (!Utf8.IsValid(utf8))
        {
            return Intern(Replaced(utf8));
        }
        var code = Store(utf8);
        Index(hash, code);
        return code;
    }

    /// <summary>
    /// Gives the value the next code without looking it up or indexing it, so the dictionary may hold it twice (and a
    /// later <see cref="Intern(ReadOnlySpan{byte})"/> of it does not find it): for values that are almost all new anyway.
    /// </summary>
    public int Append(ReadOnlySpan<byte> utf8) => Store(Utf8.IsValid(utf8) ? utf8 : Replaced(utf8));

    /// <summary>Invalid UTF-8 as a table file holds it: decoded to a string (with U+FFFD) and encoded again.</summary>
    private static byte[] Replaced(ReadOnlySpan<byte> invalid) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(invalid));

    public int Intern(ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            return Intern(buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A map from <paramref name="source"/>'s codes to this interner's, for <see cref="Remap"/>: -1 until first used.</summary>
    public static int[] NewMap(StringDictionary source)
    {
        var map = new int[source.Count];
        Array.Fill(map, -1);
        return map;
    }

    /// <summary>
    /// This interner's code for entry <paramref name="code"/> of <paramref name="source"/> (-1 for null), interning it
    /// the first time <paramref name="map"/> (from <see cref="NewMap"/>) meets it.
    /// </summary>
    public int Remap(StringDictionary source, int[] map, int code)
    {
        if (code < 0)
        {
            return -1;
        }
        var mapped = map[code];
        return mapped >= 0 ? mapped : map[code] = source.IsUtf8 ? Intern(source.Utf8(code)) : Intern(source.Strings[code].AsSpan());
    }

    public ReadOnlySpan<byte> Value(int code) => bytes.AsSpan(starts[code], starts[code + 1] - starts[code]);

    /// <summary>
    /// The values so far. It shares the interner's arrays without a copy: the interner only writes past its last value
    /// (or into new arrays when it grows), so the dictionary stays as it was whatever is interned later.
    /// </summary>
    public StringDictionary ToDictionary() => new(bytes, starts, Count);

    private int Store(ReadOnlySpan<byte> utf8)
    {
        if (used + utf8.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(used + utf8.Length, 2 * bytes.Length));
        }
        if (Count + 2 > starts.Length)
        {
            Array.Resize(ref starts, 2 * starts.Length);
        }
        utf8.CopyTo(bytes.AsSpan(used));
        used += utf8.Length;
        var code = Count++;
        starts[code + 1] = used;
        return code;
    }

    private void Index(int hash, int code)
    {
        if (2 * ++indexed > slots.Length)
        {
            var old = slots;
            slots = new long[2 * old.Length];
            foreach (var slot in old)
            {
                if (slot != 0)
                {
                    Place(slot);
                }
            }
        }
        Place(((long)hash << 32) | (uint)(code + 1));
    }

    private void Place(long slot)
    {
        var mask = slots.Length - 1;
        var i = (int)(slot >>> 32) & mask;
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var h = Seed ^ (ulong)value.Length;
        var i = 0;
        for (; i + 8 <= value.Length; i += 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(value[i..])) * 0xFF51AFD7ED558CCDUL, 29);
        }
        ulong tail = 0;
        for (var shift = 0; i < value.Length; i++, shift += 8)
        {
            tail |= (ulong)value[i] << shift;
        }
        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }
}
