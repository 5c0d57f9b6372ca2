using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Lodestar.Tables;

/// <summary>
/// Gives distinct UTF-8 values codes 0, 1, 2… in first-use order. The values sit end to end in one byte array and are
/// found through an open-addressing table of codes, so a value costs its length plus four ints and no object.
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
    private int[] hashes = new int[16];
    private int[] slots = new int[32];

    public int Count { get; private set; }

    /// <summary>Roughly the bytes held (arrays at their capacity).</summary>
    public long EstimatedBytes => bytes.Length + 4L * (starts.Length + hashes.Length + slots.Length);

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = slots.Length - 1;
        for (var i = hash & mask; slots[i] != 0; i = (i + 1) & mask)
        {
            var code = slots[i] - 1;
            if (hashes[code] == hash && Value(code).SequenceEqual(utf8))
            {
                return code;
            }
        }
        if (!Utf8.IsValid(utf8))
        {
            return Intern(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8)));
        }
        return Add(utf8, hash);
    }

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

    private int Add(ReadOnlySpan<byte> utf8, int hash)
    {
        if (used + utf8.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(used + utf8.Length, 2 * bytes.Length));
        }
        if (Count + 1 == hashes.Length)
        {
            Array.Resize(ref hashes, 2 * hashes.Length);
            Array.Resize(ref starts, hashes.Length + 1);
        }
        utf8.CopyTo(bytes.AsSpan(used));
        used += utf8.Length;
        var code = Count++;
        hashes[code] = hash;
        starts[code + 1] = used;
        if (2 * Count > slots.Length)
        {
            Rehash(2 * slots.Length);
        }
        else
        {
            Place(code);
        }
        return code;
    }

    private void Rehash(int size)
    {
        slots = new int[size];
        for (var code = 0; code < Count; code++)
        {
            Place(code);
        }
    }

    private void Place(int code)
    {
        var mask = slots.Length - 1;
        var i = hashes[code] & mask;
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }
        slots[i] = code + 1;
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
