namespace Lodestar.Equity;

/// <summary>
/// Which cells of a table of strata (and its total) must be withheld. <see cref="Cells"/> is in the order of the
/// strata given to <see cref="SmallCellSuppression.Apply"/>.
/// </summary>
public sealed record SuppressionResult(IReadOnlyList<SuppressionReason> Cells, SuppressionReason Total)
{
    public bool IsCellSuppressed(int index) => Cells[index] != SuppressionReason.None;

    public bool IsTotalSuppressed => Total != SuppressionReason.None;

    /// <summary>True when anything at all is withheld.</summary>
    public bool Any => IsTotalSuppressed || Cells.Any(c => c != SuppressionReason.None);
}
