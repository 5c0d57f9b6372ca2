namespace Lodestar.Tables;

/// <summary>
/// Dictionary-encoded strings: each row holds an index into <see cref="Dictionary"/>, or -1 for null.
/// Codes, genders, references and counties repeat heavily, so predicates are evaluated once per
/// distinct value and then applied by index.
/// </summary>
public sealed class StringColumn : Column
{
    public StringColumn(string name, int[] codes, string[] dictionary) : base(name, codes.Length)
    {
        Codes = codes;
        Dictionary = dictionary;
    }

    public override ColumnType Type => ColumnType.String;

    public int[] Codes { get; }

    public string[] Dictionary { get; }

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
