using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Tables;

/// <summary>Appends values of one column row by row; <see cref="Build"/> freezes it into a <see cref="Column"/>.</summary>
public abstract class ColumnBuilder
{
    protected ColumnBuilder(string name) => Name = name;

    public string Name { get; }

    public abstract ColumnType Type { get; }

    public int Count { get; protected set; }

    public abstract void AppendNull();

    public abstract Column Build();

    /// <summary>
    /// Roughly the bytes this builder holds (arrays at their capacity, interned strings with their overhead):
    /// an ingest compares it with its memory budget to decide when to spill a row group. O(1).
    /// </summary>
    public abstract long EstimatedBytes { get; }

    /// <summary>
    /// Appends rows <paramref name="start"/>..<paramref name="start"/>+<paramref name="count"/> of a column of the
    /// same type (a row group being merged). Strings are re-interned in first-use order, so the result is encoded
    /// exactly as if the rows had been appended one by one.
    /// </summary>
    public abstract void AppendRange(Column source, int start, int count);

    private protected static T Expect<T>(Column source, ColumnType type) where T : Column =>
        source as T ?? throw new ArgumentException($"Cannot append a {source?.Type} column to a {type} column.", nameof(source));

    /// <param name="name">The column's name.</param>
    /// <param name="type">The column's type.</param>
    /// <param name="staging">See <see cref="StringColumnBuilder(string, bool)"/>.</param>
    public static ColumnBuilder For(string name, ColumnType type, bool staging = false) => type switch
    {
        ColumnType.String => new StringColumnBuilder(name, staging),
        ColumnType.StringList => new StringListColumnBuilder(name),
        ColumnType.Int64 => new Int64ColumnBuilder(name),
        ColumnType.Double => new DoubleColumnBuilder(name),
        ColumnType.Bool => new BoolColumnBuilder(name),
        ColumnType.Date => new DateColumnBuilder(name),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>Interns strings as it goes (as UTF-8, see <see cref="StringDictionary"/>), so the column is dictionary-encoded from the start.</summary>
/// <param name="name">The column's name.</param>
/// <param name="staging">
/// The column is an intermediate that is re-interned before anything reads it (an ingest's merge re-interns its runs).
/// Then, once nine in ten of the first <see cref="StagingSample"/> values looked up are distinct (ids, keys), later ones are
/// appended without being looked up: looking up a new value in a table of hundreds of thousands costs cache misses, and
/// the merge interns them again anyway. The dictionary may then hold a value more than once.
/// </param>
public sealed class StringColumnBuilder(string name, bool staging = false) : ColumnBuilder(name)
{
    /// <summary>How many values a staging builder looks up before it decides whether they are mostly distinct.</summary>
    internal const int StagingSample = 4096;

    private readonly Utf8Interner interner = new();
    private int lookedUp;
    private bool appendOnly;
    private int[] codes = new int[1024];

    public override ColumnType Type => ColumnType.String;

    public void Append(string? value) => AppendCode(value is null ? -1 : interner.Intern(value.AsSpan()));

    /// <summary>Appends text without making a string of it.</summary>
    public void Append(ReadOnlySpan<char> value) => AppendCode(interner.Intern(value));

    public override void AppendNull() => AppendCode(-1);

    /// <summary>
    /// Appends UTF-8 text. A value equal to the previous one appended this way costs one byte comparison: rows in input
    /// order repeat their neighbours' statuses, code systems, patients and encounters.
    /// </summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8) => AppendCode(InternUtf8(utf8));

    private int lastUtf8Code = -1;

    internal int InternUtf8(ReadOnlySpan<byte> utf8)
    {
        if (lastUtf8Code >= 0 && utf8.SequenceEqual(interner.Value(lastUtf8Code)))
        {
            return lastUtf8Code;
        }
        if (appendOnly)
        {
            return lastUtf8Code = interner.Append(utf8);
        }
        if (staging && ++lookedUp == StagingSample)
        {
            // Nine in ten distinct: a key column, whose dictionary would be as long as the column.
            appendOnly = interner.Count >= StagingSample * 9 / 10;
        }
        return lastUtf8Code = interner.Intern(utf8);
    }

    internal int Intern(ReadOnlySpan<char> value) => interner.Intern(value);

    private void AppendCode(int code)
    {
        if (Count == codes.Length)
        {
            Array.Resize(ref codes, codes.Length * 2);
        }
        codes[Count++] = code;
    }

    public override long EstimatedBytes => 4L * codes.Length + interner.EstimatedBytes;

    /// <inheritdoc cref="Utf8Interner.Remap"/>
    internal int Remap(StringDictionary source, int[] map, int code) => interner.Remap(source, map, code);

    private const int MapCache = 8;
    private readonly StringDictionary?[] mappedDictionaries = new StringDictionary[MapCache];
    private readonly int[][] maps = new int[MapCache][];
    private int lastMap;
    private int nextMap;

    /// <summary>
    /// This builder's codes for another column's dictionary, -1 where not yet interned. Maps are kept for the last few
    /// dictionaries seen: a merge alternates between the runs of two workers every few thousand rows, and remaking a map
    /// per switch cost a fill of the whole source dictionary (for key columns as long as the run) each time.
    /// </summary>
    internal int[] MapFor(StringDictionary source)
    {
        if (ReferenceEquals(mappedDictionaries[lastMap], source))
        {
            return maps[lastMap];
        }
        for (var i = 0; i < MapCache; i++)
        {
            if (ReferenceEquals(mappedDictionaries[i], source))
            {
                lastMap = i;
                return maps[i];
            }
        }
        // Round robin: the oldest dictionary is the one least likely to come back.
        lastMap = nextMap;
        nextMap = (nextMap + 1) % MapCache;
        var map = Utf8Interner.NewMap(source);
        mappedDictionaries[lastMap] = source;
        maps[lastMap] = map;
        return map;
    }

    public override void AppendRange(Column source, int start, int count)
    {
        var s = Expect<StringColumn>(source, Type);
        var map = MapFor(s.Distinct);
        for (var r = start; r < start + count; r++)
        {
            AppendCode(Remap(s.Distinct, map, s.Codes[r]));
        }
    }

    /// <summary>The values interned so far, in code order.</summary>
    internal StringDictionary Distinct() => interner.ToDictionary();

    public override Column Build() => new StringColumn(Name, codes[..Count], interner.ToDictionary());
}

public sealed class StringListColumnBuilder(string name) : ColumnBuilder(name)
{
    private readonly StringColumnBuilder interner = new(name);
    private readonly List<int> offsets = [0];
    private readonly List<int> values = [];

    public override ColumnType Type => ColumnType.StringList;

    // List<int> grows by doubling; its capacity is what it holds.
    public override long EstimatedBytes => 4L * (offsets.Capacity + values.Capacity) + interner.EstimatedBytes;

    public override void AppendRange(Column source, int start, int count)
    {
        var s = Expect<StringListColumn>(source, Type);
        var map = interner.MapFor(s.Distinct);
        for (var r = start; r < start + count; r++)
        {
            foreach (var code in s.Row(r))
            {
                values.Add(interner.Remap(s.Distinct, map, code));
            }
            EndRow();
        }
    }

    public void Append(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            values.Add(interner.Intern(item));
        }
        EndRow();
    }

    /// <summary>Adds one item to the row being built; <see cref="EndRow"/> closes it.</summary>
    public void AppendItem(string item) => values.Add(interner.Intern(item));

    /// <inheritdoc cref="AppendItem(string)"/>
    public void AppendItem(ReadOnlySpan<char> item) => values.Add(interner.Intern(item));

    /// <summary>Adds an item given as UTF-8 (see <see cref="StringColumnBuilder.AppendUtf8"/>).</summary>
    public void AppendItemUtf8(ReadOnlySpan<byte> item) => values.Add(interner.InternUtf8(item));

    /// <summary>Closes the row whose items were added with <see cref="AppendItem(string)"/> (none gives an empty list).</summary>
    public void EndRow()
    {
        offsets.Add(values.Count);
        Count++;
    }

    public override void AppendNull() => EndRow();

    public override Column Build()
    {
        return new StringListColumn(Name, [.. offsets], [.. values], interner.Distinct());
    }
}

/// <summary>Shared growth and validity logic for fixed-width columns.</summary>
public abstract class FixedColumnBuilder<T>(string name) : ColumnBuilder(name) where T : struct
{
    private T[] values = new T[1024];
    private Validity validity = new(1024);
    private bool anyNull;

    public void Append(T value)
    {
        Grow();
        values[Count] = value;
        validity.Set(Count);
        Count++;
    }

    public void Append(T? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    public override void AppendNull()
    {
        Grow();
        anyNull = true;
        Count++;
    }

    public override long EstimatedBytes => (long)values.Length * Unsafe.SizeOf<T>() + values.Length / 8;

    public override void AppendRange(Column source, int start, int count)
    {
        var (sourceValues, sourceValidity) = Parts(source);
        Reserve(Count + count);
        sourceValues.AsSpan(start, count).CopyTo(values.AsSpan(Count));
        for (var r = 0; r < count; r++)
        {
            if (sourceValidity is null || sourceValidity[start + r])
            {
                validity.Set(Count + r);
            }
            else
            {
                anyNull = true;
            }
        }
        Count += count;
    }

    /// <summary>The values and validity of a column of this builder's type.</summary>
    private protected abstract (T[] Values, Validity? Validity) Parts(Column source);

    protected (T[] Values, Validity? Validity) Freeze() => (values[..Count], anyNull ? validity.Resize(Count) : null);

    private void Grow() => Reserve(Count + 1);

    /// <summary>Room for <paramref name="rows"/> rows, doubling as often as needed.</summary>
    private void Reserve(int rows)
    {
        if (rows <= values.Length)
        {
            return;
        }
        var size = values.Length;
        while (size < rows)
        {
            size *= 2;
        }
        Array.Resize(ref values, size);
        validity = validity.Resize(size);
    }
}

public sealed class Int64ColumnBuilder(string name) : FixedColumnBuilder<long>(name)
{
    public override ColumnType Type => ColumnType.Int64;

    private protected override (long[] Values, Validity? Validity) Parts(Column source)
    {
        var c = Expect<Int64Column>(source, Type);
        return (c.Values, c.Validity);
    }

    public override Column Build()
    {
        var (v, valid) = Freeze();
        return new Int64Column(Name, v, valid);
    }
}

public sealed class DoubleColumnBuilder(string name) : FixedColumnBuilder<double>(name)
{
    public override ColumnType Type => ColumnType.Double;

    private protected override (double[] Values, Validity? Validity) Parts(Column source)
    {
        var c = Expect<DoubleColumn>(source, Type);
        return (c.Values, c.Validity);
    }

    public override Column Build()
    {
        var (v, valid) = Freeze();
        return new DoubleColumn(Name, v, valid);
    }
}

public sealed class BoolColumnBuilder(string name) : FixedColumnBuilder<bool>(name)
{
    public override ColumnType Type => ColumnType.Bool;

    private protected override (bool[] Values, Validity? Validity) Parts(Column source)
    {
        var c = Expect<BoolColumn>(source, Type);
        return (c.Values, c.Validity);
    }

    public override Column Build()
    {
        var (v, valid) = Freeze();
        return new BoolColumn(Name, v, valid);
    }
}

public sealed class DateColumnBuilder(string name) : FixedColumnBuilder<int>(name)
{
    public override ColumnType Type => ColumnType.Date;

    private protected override (int[] Values, Validity? Validity) Parts(Column source)
    {
        var c = Expect<DateColumn>(source, Type);
        return (c.Days, c.Validity);
    }

    public void Append(DateOnly? date)
    {
        if (date is { } d)
        {
            Append(d.DayNumber);
        }
        else
        {
            AppendNull();
        }
    }

    public override Column Build()
    {
        var (v, valid) = Freeze();
        return new DateColumn(Name, v, valid);
    }
}
