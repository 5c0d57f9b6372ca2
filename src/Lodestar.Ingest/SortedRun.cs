using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Rows of one view sorted by input key, with the key as their last column: spilled to <see cref="Path"/> as a table
/// file of small row groups, or still in memory (<see cref="Rows"/>). <see cref="Worker"/> and <see cref="Sequence"/>
/// order runs whose rows share a key: only one worker ever produces a given key, and its runs follow each other.
/// </summary>
internal sealed record SortedRun(int Worker, int Sequence, string? Path, Table? Rows)
{
    /// <summary>The name of the key column a run carries after the view's own columns (not a valid view column name).</summary>
    public const string KeyColumn = "#input_key";
}
