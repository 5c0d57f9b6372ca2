using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// A member the one-pass reader keeps: the resource itself (the root), or a member below it that a view, the validator or
/// the reference check reads. The reader records every value such a member has (array items one by one) and skips every
/// member that is not one of its node's children.
/// </summary>
internal sealed class StreamNode(int index, StreamNode? parent, byte[] name)
{
    public int Index { get; } = index;

    public StreamNode? Parent { get; } = parent;

    /// <summary>The member's name as written in the JSON (<c>valueQuantity</c> for <c>value.ofType(Quantity)</c>).</summary>
    public byte[] Name { get; } = name;

    public List<StreamNode> Children { get; } = [];

    /// <summary>
    /// For each first byte of a member name, the indexes in <see cref="Children"/> of the children whose name starts with
    /// it (a choice element's name starts like its base): the reader looks only at those for each member it meets.
    /// Filled by <see cref="Seal"/> once the plan is complete.
    /// </summary>
    public int[][] ByFirstByte { get; private set; } = [];

    /// <summary>Fills <see cref="ByFirstByte"/>; children are not added after this.</summary>
    public void Seal()
    {
        var table = new int[256][];
        for (var b = 0; b < table.Length; b++)
        {
            table[b] = [.. Enumerable.Range(0, Children.Count).Where(i => Children[i].Name.Length > 0 && Children[i].Name[0] == b)];
        }
        ByFirstByte = table;
    }

    /// <summary>
    /// A view reads the member by its own name, so FHIRPath would also find <c>name</c> + a type (a choice element) when the
    /// member itself is absent; the reader gives such records to the general evaluator.
    /// </summary>
    public bool ReadByName { get; set; }

    /// <summary>
    /// For a member a view reads as <c>base.ofType(T)</c>: the base name. A member named exactly the base, or the base
    /// with T in another case, is found by FHIRPath too; the reader gives such records to the general evaluator.
    /// </summary>
    public byte[]? ChoiceBase { get; set; }

    /// <summary>The type of <see cref="ChoiceBase"/>'s ofType, as the view wrote it (without a namespace).</summary>
    public string? ChoiceType { get; set; }

    /// <summary>The validator checks this member's values (it is the last segment of a rule).</summary>
    public FieldKind? Check { get; set; }

    /// <summary>A validator rule goes through this member, so its values must be objects (or arrays of them).</summary>
    public bool OnCheckPath { get; set; }
}
