namespace Lodestar.Tables;

/// <summary>
/// Dictionary-encoded strings: each row holds an index into <see cref="Dictionary"/>, or -1 for null.
/// Codes, genders, references and counties repeat heavily, so predicates are evaluated once per
/// distinct value and then applied by index.
/// </summary>
public sealed class StringColumn : Column
{
    public StringColumn(string name, int[] codes, string[] dictionary)
        : this(name, codes, new StringDictionary(dictionary))
    {
    }

    public StringColumn(string name, int[] codes, StringDictionary distinct) : base(name, codes.Length)
    {
        Codes = codes;
        Distinct = distinct;
    }

    public override ColumnType Type => ColumnType.String;

    public int[] Codes { get; }

    /// <summary>The distinct values, as built or read (see <see cref="StringDictionary"/>).</summary>
    public StringDictionary Distinct { get; }

    public string[] Dictionary => Distinct.Strings;

    public string? this[int row] => Codes[row] < 0 ? null : Dictionary[Codes[row]];

    public override bool IsNull(int row) => Codes[row] < 0;

    public override string? Format(int row) => this[row];

    /// <summary>For each dictionary entry, whether <paramref name="predicate"/> holds — the per-distinct-value trick.</summary>
    public bool[] Match(Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Array.ConvertAll(Dictionary, predicate.Invoke);
    }
}
