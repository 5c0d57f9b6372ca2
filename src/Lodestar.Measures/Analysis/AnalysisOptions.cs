using Lodestar.Equity;

namespace Lodestar.Measures.Analysis;

/// <summary>How results are turned into published figures.</summary>
public sealed record AnalysisOptions
{
    public double Confidence { get; init; } = 0.95;

    /// <summary>Counts of 1..Threshold−1 are withheld (CMS cell-size policy: 11).</summary>
    public int SuppressionThreshold { get; init; } = SmallCellSuppression.DefaultThreshold;

    /// <summary>
    /// The reference group of each stratifier: by default the stratum with the largest scoring denominator
    /// (NHQDR usually compares with the largest group), never an unknown/unresolved stratum.
    /// </summary>
    public ReferenceChoice Reference { get; init; } = ReferenceChoice.Largest;
}
