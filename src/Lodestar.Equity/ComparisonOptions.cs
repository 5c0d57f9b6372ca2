namespace Lodestar.Equity;

/// <summary>Settings for <see cref="GroupComparison"/>.</summary>
public sealed record ComparisonOptions
{
    public double Confidence { get; init; } = 0.95;

    public Direction Direction { get; init; } = Direction.HigherIsWorse;

    public ReferenceChoice Reference { get; init; } = ReferenceChoice.Largest;

    /// <summary>The reference group's name when <see cref="Reference"/> is <see cref="ReferenceChoice.Named"/>.</summary>
    public string? ReferenceGroup { get; init; }

    /// <summary>NHQDR: a relative difference of at least 10% (inclusive).</summary>
    public double AhrqRelativeThreshold { get; init; } = 0.10;

    /// <summary>NHQDR: a two-sided p-value below 0.05.</summary>
    public double AhrqAlpha { get; init; } = 0.05;

    /// <summary>
    /// When the values are proportions on the scale 0..<see cref="ProportionScale"/> and higher is better, the NHQDR
    /// relative difference is taken in the adverse framing (1 − p), as recent NHQDR chartbooks do; 90% vs 88%
    /// receiving care is then 10% vs 12% not receiving it, a 20% difference. Null (rates) uses the values as given.
    /// </summary>
    public double? ProportionScale { get; init; }

    /// <summary>
    /// The difference interval and p-value when both groups are proportions with counts
    /// (<see cref="GroupStatistic.Counts"/>); other groups always use the Wald pair difference.
    /// </summary>
    public ProportionDifference ProportionDifference { get; init; } = ProportionDifference.Newcombe;

    /// <summary>Use the values as given even for favourable proportions (the other NHQDR reading).</summary>
    public bool AhrqAsGiven { get; init; }
}
