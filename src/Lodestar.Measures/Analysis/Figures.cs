using Lodestar.Equity;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.Measures.Analysis;

/// <summary>
/// A count as published: the value, or withheld with the reason (small-cell suppression). Everything a
/// report shows goes through this type, so nothing below the threshold can leak by accident.
/// </summary>
public readonly record struct Published(long Value, SuppressionReason Suppression)
{
    public bool IsShown => Suppression == SuppressionReason.None;

    public long? Shown => IsShown ? Value : null;
}

/// <summary>
/// The published figures of one stratum (or of the whole group when <see cref="Stratum"/> is the group).
/// <see cref="Eligible"/> is the rate's denominator (denominator − exclusions − exceptions = numerator +
/// not met), shown exactly when the rate is: it can be worked out from the numerator and the rate anyway.
/// </summary>
public sealed record StratumFigures(
    Stratum Stratum,
    IReadOnlyDictionary<string, Published> Populations,
    Estimate? Rate,
    Comparison? VersusReference,
    bool IsReference,
    bool RateWithheld,
    long? Eligible)
{
    /// <summary>No score: withheld (its counts are suppressed) or undefined (an empty denominator).</summary>
    public bool HasRate => Rate is not null;
}

public sealed record StratifierFigures(string Id, string Label, string? ReferenceLabel, IReadOnlyList<StratumFigures> Strata);

/// <summary>One measure over one period, ready to publish: group and strata with intervals, comparisons and suppression applied.</summary>
public sealed record MeasureFigures(MeasureResult Result, StratumFigures Group, IReadOnlyList<StratifierFigures> Stratifiers, AnalysisOptions Options)
{
    public MeasureDefinition Measure => Result.Measure;

    public Period Period => Result.Period;
}
