using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>Population counts for one stratum (or the whole group), keyed by MeasureReport population code.</summary>
public sealed record PopulationCounts(IReadOnlyDictionary<string, long> Counts)
{
    public long this[string population] => Counts.TryGetValue(population, out var n) ? n : 0;

    /// <summary>The eCQM performance-rate denominator: denominator − exclusions − exceptions.</summary>
    public long ScoringDenominator =>
        this[PopulationCodes.Denominator] - this[PopulationCodes.DenominatorExclusion] - this[PopulationCodes.DenominatorException];

    public long Numerator => this[PopulationCodes.Numerator];

    /// <summary>numerator / scoring denominator, or null when the denominator is empty.</summary>
    public double? Score => ScoringDenominator > 0 ? (double)Numerator / ScoringDenominator : null;
}

public sealed record StratumResult(Stratum Stratum, PopulationCounts Populations);

public sealed record StratifierResult(string Id, string Label, IReadOnlyList<StratumResult> Strata);

/// <summary>One measure evaluated over one period: group totals, every stratifier's strata, and the member sets.</summary>
public sealed record MeasureResult(
    MeasureDefinition Measure,
    Period Period,
    PopulationCounts Group,
    IReadOnlyList<StratifierResult> Stratifiers,
    IReadOnlyDictionary<string, PatientSet> Members);
