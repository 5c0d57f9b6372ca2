using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>
/// Population counts for one stratum (or the whole group), keyed by MeasureReport population code.
/// <see cref="Counts"/> are always patients; <see cref="Events"/>, present only for ratio and rate measures,
/// holds the event count of each population defined by an <c>events:</c> criterion (ED visits, index stays).
/// <see cref="Observed"/>, present only for continuous measures, holds the observations of the measure population
/// less its exclusions.
/// </summary>
public sealed record PopulationCounts(IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, long>? Events = null, ObservedValues? Observed = null)
{
    /// <summary>A population's patients; for measure-observation, the number of observations (a continuous measure's values).</summary>
    public long this[string population] =>
        population == PopulationCodes.MeasureObservation ? Observed?.Count ?? 0 : Counts.TryGetValue(population, out var n) ? n : 0;

    /// <summary>The events of a population counted in events, or null when it counts patients.</summary>
    public long? EventsOf(string population) => Events is not null && Events.TryGetValue(population, out var n) ? n : null;

    /// <summary>What a ratio or rate numerator counts: its events when it counts events, else its patients.</summary>
    public long NumeratorUnits => EventsOf(PopulationCodes.Numerator) ?? Numerator;

    /// <summary>What a ratio or rate denominator counts: its events when it counts events, else the scoring denominator's patients.</summary>
    public long DenominatorUnits => EventsOf(PopulationCodes.Denominator) ?? ScoringDenominator;

    /// <summary>
    /// The score by scoring kind: proportion = numerator / scoring denominator; ratio = numerator units /
    /// denominator units; rate-per-1000 = 1,000 × that. Null when the denominator is empty.
    /// </summary>
    public double? ScoreFor(Scoring scoring) => scoring switch
    {
        Scoring.Continuous => throw new ArgumentException("a continuous measure's score depends on its aggregate method: use ScoreFor(measure)", nameof(scoring)),
        Scoring.Ratio => DenominatorUnits > 0 ? (double)NumeratorUnits / DenominatorUnits : null,
        Scoring.RatePer1000 => DenominatorUnits > 0 ? 1000.0 * NumeratorUnits / DenominatorUnits : null,
        _ => Score,
    };

    /// <summary>The measure's score: <see cref="ScoreFor(Scoring)"/>, or for a continuous measure the aggregate of its observations.</summary>
    public double? ScoreFor(MeasureDefinition measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.Scoring == Scoring.Continuous ? Observed?.Aggregate(measure.Observation!.Aggregate) : ScoreFor(measure.Scoring);
    }

    /// <summary>The members of a continuous measure that are observed: measure population − exclusions.</summary>
    public long ObservedPopulation => this[PopulationCodes.MeasurePopulation] - this[PopulationCodes.MeasurePopulationExclusion];

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
