using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>
/// A select clause, compiled. Its columns and all its descendants' occupy the contiguous range
/// [<see cref="Start"/>, <see cref="End"/>) of the row, so combining partial rows is a range copy.
/// </summary>
internal sealed class CompiledSelect
{
    public Node? ForEach { get; init; }

    public bool OrNull { get; init; }

    public Node[]? Repeat { get; init; }

    public string Where { get; init; } = "";

    public CompiledColumn[] Columns { get; init; } = [];

    public CompiledSelect[] Selects { get; init; } = [];

    public CompiledSelect[] UnionAll { get; init; } = [];

    public int Start { get; init; }

    public int End { get; init; }
}
