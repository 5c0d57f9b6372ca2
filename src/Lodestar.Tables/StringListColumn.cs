namespace Lodestar.Tables;

/// <summary>
/// A list of dictionary-encoded strings per row, stored as offsets into one value array (Arrow's list
/// layout). Row r's values are <c>Values[Offsets[r]..Offsets[r + 1]]</c>; an empty list is how a
/// FHIR element with no value arrives.
/// </summary>
public sealed class StringListColumn : Column
{
    public StringListColumn(string name, int[] offsets, int[] values, string[] dictionary)
        : this(name, offsets, values, new StringDictionary(dictionary))
    {
    }

    public StringListColumn(string name, int[] offsets, int[] values, StringDictionary distinct) : base(name, offsets.Length - 1)
    {
        Offsets = offsets;
        Values = values;
        Distinct = distinct;
    }

    public override ColumnType Type => ColumnType.StringList;

    public int[] Offsets { get; }

    public int[] Values { get; }

    /// <summary>The distinct values, as built or read (see <see cref="StringDictionary"/>).</summary>
    public StringDictionary Distinct { get; }

    public string[] Dictionary => Distinct.Strings;

    public ReadOnlySpan<int> Row(int row) => Values.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    public override bool IsNull(int row) => Offsets[row] == Offsets[row + 1];

    public override string? Format(int row)
    {
        var items = Row(row);
        if (items.IsEmpty)
        {
            return null;
        }
        var parts = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            parts[i] = Dictionary[items[i]];
        }
        return string.Join(' ', parts);
    }

    /// <summary>Whether any value of each row is in the set marked by <paramref name="dictionaryMatch"/>.</summary>
    public bool AnyIn(int row, bool[] dictionaryMatch)
    {
        ArgumentNullException.ThrowIfNull(dictionaryMatch);
        foreach (var v in Row(row))
        {
            if (dictionaryMatch[v])
            {
                return true;
            }
        }
        return false;
    }

    public bool[] Match(Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Array.ConvertAll(Dictionary, predicate.Invoke);
    }
}
