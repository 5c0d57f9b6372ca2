using Lodestar.Equity;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Direction = Lodestar.Measures.Definitions.Direction;

namespace Lodestar.Measures.Analysis;

/// <summary>
/// Turns engine counts into published figures: Wilson intervals for each score, each stratum compared with
/// its stratifier's reference group (difference, ratio, NHQDR better/same/worse), and small-cell
/// suppression applied jointly to every count the report shows (all stratifiers share the group totals,
/// and within a stratum the populations are tied by IP = (IP−DEN) + DEN, DEN = DENEX + DENEXCEP + NUM + not met).
/// </summary>
public static class MeasureAnalysis
{
    /// <summary>The parts each stratum is split into; published populations are sums of them.</summary>
    /// <summary>
    /// For a continuous measure Den is the measure population, Exclusion its exclusions, Numerator the observed
    /// members (measure population − exclusions), Exception and NotMet are zero, and Observations counts the
    /// observations (episodes), which sum across strata but are not tied to the patient counts.
    /// </summary>
    private enum Part { IpNotDen, Exclusion, Exception, Numerator, NotMet, Ip, Den, Observations }

    private const int Parts = 8;

    public static MeasureFigures Analyse(MeasureResult result, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new AnalysisOptions();
        var rows = new List<PopulationCounts> { result.Group };
        foreach (var s in result.Stratifiers)
        {
            rows.AddRange(s.Strata.Select(x => x.Populations));
        }
        var suppression = Suppress(result, rows, options.SuppressionThreshold);
        var row = 0;
        var group = Figures(new Stratum("all", "All patients"), rows[0], suppression, row++, options, result.Measure);
        var stratifiers = new List<StratifierFigures>();
        foreach (var s in result.Stratifiers)
        {
            var strata = s.Strata.Select(x => Figures(x.Stratum, x.Populations, suppression, row++, options, result.Measure)).ToList();
            stratifiers.Add(Compare(s, strata, result.Measure, options));
        }
        return new MeasureFigures(result, group, stratifiers, options);
    }

    private static StratumFigures Figures(Stratum stratum, PopulationCounts counts, SuppressionReason[] suppression, int row, AnalysisOptions options, MeasureDefinition measure)
    {
        Published P(Part part, long value) => new(value, suppression[row * Parts + (int)part]);
        var scoring = measure.Scoring;
        if (scoring == Scoring.Continuous)
        {
            var observed = counts.Observed!;
            var shown = new Dictionary<string, Published>(StringComparer.Ordinal)
            {
                [PopulationCodes.InitialPopulation] = P(Part.Ip, counts[PopulationCodes.InitialPopulation]),
                [PopulationCodes.MeasurePopulation] = P(Part.Den, counts[PopulationCodes.MeasurePopulation]),
                [PopulationCodes.MeasurePopulationExclusion] = P(Part.Exclusion, counts[PopulationCodes.MeasurePopulationExclusion]),
                [PopulationCodes.MeasureObservation] = P(Part.Observations, observed.Count),
            };
            // The score is a function of the observed members' values, so it is shown only when both their
            // number and the number of observations are: a median of three stays describes three patients.
            var hidden = !P(Part.Numerator, 0).IsShown || !P(Part.Observations, 0).IsShown;
            var score = hidden ? null : ContinuousScore(observed, measure.Observation!.Aggregate, options.Confidence);
            return new StratumFigures(stratum, shown, score, null, false, hidden, hidden ? null : observed.Count);
        }
        var populations = new Dictionary<string, Published>(StringComparer.Ordinal)
        {
            [PopulationCodes.InitialPopulation] = P(Part.Ip, counts[PopulationCodes.InitialPopulation]),
            [PopulationCodes.Denominator] = P(Part.Den, counts[PopulationCodes.Denominator]),
            [PopulationCodes.DenominatorExclusion] = P(Part.Exclusion, counts[PopulationCodes.DenominatorExclusion]),
            [PopulationCodes.DenominatorException] = P(Part.Exception, counts[PopulationCodes.DenominatorException]),
            [PopulationCodes.Numerator] = P(Part.Numerator, counts.Numerator),
        };
        // The score reveals both the numerator and the not-met count, so it is shown only when both are.
        var withheld = !P(Part.Numerator, 0).IsShown || !P(Part.NotMet, 0).IsShown;
        // Counts of events are not bounded by their denominator, so ratio and rate scores get Poisson limits
        // (exact below 10 events, Byar from 10: PHEindicatormethods phe_rate), never Wilson's binomial ones.
        // Events are never fewer than the numerator's patients, so a shown numerator keeps them above the threshold.
        Estimate? rate = withheld || counts.DenominatorUnits <= 0 ? null : scoring switch
        {
            Scoring.Ratio => Rates.Crude(counts.NumeratorUnits, counts.DenominatorUnits, 1, options.Confidence).Estimate,
            Scoring.RatePer1000 => Rates.Crude(counts.NumeratorUnits, counts.DenominatorUnits, 1000, options.Confidence).Estimate,
            _ => counts.ScoringDenominator > 0 ? Proportions.Wilson(counts.Numerator, counts.ScoringDenominator, options.Confidence) : null,
        };
        var eligible = scoring is Scoring.Ratio or Scoring.RatePer1000 ? counts.DenominatorUnits : counts.ScoringDenominator;
        return new StratumFigures(stratum, populations, rate, null, false, withheld, withheld ? null : eligible);
    }

    /// <summary>
    /// A continuous score with its interval: the median's distribution-free order-statistic interval, the mean's
    /// Student t interval, the sum as n × that interval, and the count's Poisson limits (exact below 10, Byar
    /// from 10, as for rates). Null when the sample cannot give one (no values; a mean or sum of one value).
    /// </summary>
    private static Estimate? ContinuousScore(ObservedValues observed, AggregateMethod aggregate, double confidence) => aggregate switch
    {
        AggregateMethod.Median => Medians.Median(observed.Sorted, confidence),
        AggregateMethod.Average => Means.Mean(observed.Moments, confidence),
        AggregateMethod.Sum => Means.Total(observed.Moments, confidence) is { } t ? t with { Value = observed.Sum } : null,
        AggregateMethod.Count => Rates.Crude(observed.Count, 1, 1, confidence).Estimate,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregate), aggregate, null),
    };

    /// <summary>
    /// The standard error of a continuous stratum's score for comparisons: s/√n for a mean, n·s/√n for a sum, √n for
    /// a count, and for a median the interval's width over 2z (the large-sample back-calculation of an SE from a
    /// symmetric interval, Cochrane Handbook §6.5.2.2).
    /// </summary>
    private static double ContinuousStandardError(ObservedValues observed, Estimate score, AggregateMethod aggregate, double confidence) => aggregate switch
    {
        AggregateMethod.Average => observed.Moments.StandardErrorOfMean ?? 0,
        AggregateMethod.Sum => (observed.Moments.StandardErrorOfMean ?? 0) * observed.Count,
        AggregateMethod.Count => Math.Sqrt(observed.Count),
        _ => (score.Upper - score.Lower) / (2 * Proportions.Z(confidence)),
    };

    /// <summary>Every stratum with a shown rate against the reference; unknown strata are never the reference.</summary>
    private static StratifierFigures Compare(StratifierResult s, List<StratumFigures> strata, MeasureDefinition measure, AnalysisOptions options)
    {
        var candidates = strata
            .Select((f, i) => (f, i))
            .Where(x => x.f.Rate is not null && !IsUnknown(x.f.Stratum))
            .ToList();
        if (candidates.Count < 2)
        {
            return new StratifierFigures(s.Id, s.Label, null, strata);
        }
        var statistics = candidates.Select(x =>
        {
            var counts = s.Strata[x.i].Populations;
            return measure.Scoring switch
            {
                Scoring.Continuous => new GroupStatistic(x.f.Stratum.Code, x.f.Rate!.Value.Value,
                    ContinuousStandardError(counts.Observed!, x.f.Rate.Value, measure.Observation!.Aggregate, options.Confidence), counts.Observed!.Count),
                Scoring.Ratio => GroupStatistic.FromRate(x.f.Stratum.Code, counts.NumeratorUnits, counts.DenominatorUnits, 1),
                Scoring.RatePer1000 => GroupStatistic.FromRate(x.f.Stratum.Code, counts.NumeratorUnits, counts.DenominatorUnits, 1000),
                _ => GroupStatistic.FromProportion(x.f.Stratum.Code, counts.Numerator, counts.ScoringDenominator),
            };
        }).ToList();
        var comparisons = GroupComparison.Compare(statistics, new ComparisonOptions
        {
            Confidence = options.Confidence,
            Reference = options.Reference,
            Direction = measure.Direction == Direction.LowerIsBetter ? Equity.Direction.HigherIsWorse : Equity.Direction.HigherIsBetter,
            ProportionScale = measure.Scoring == Scoring.Proportion ? 1 : null,
        });
        var result = strata.ToList();
        string? referenceLabel = null;
        for (var k = 0; k < candidates.Count; k++)
        {
            var (figures, index) = candidates[k];
            var isReference = comparisons[k].Class == AhrqClass.Reference;
            referenceLabel = isReference ? figures.Stratum.Label : referenceLabel;
            result[index] = figures with { VersusReference = comparisons[k], IsReference = isReference };
        }
        return new StratifierFigures(s.Id, s.Label, referenceLabel, result);
    }

    public static bool IsUnknown(Stratum stratum) => stratum.Code is "unknown" or "unresolved";

    /// <summary>One linked system for the whole measure: row 0 is the group, then every stratum of every stratifier.</summary>
    private static SuppressionReason[] Suppress(MeasureResult result, List<PopulationCounts> rows, int threshold)
    {
        var counts = new long[rows.Count * Parts];
        var equations = new List<(int, int[])>();
        int Item(int row, Part part) => row * Parts + (int)part;
        var continuous = result.Measure.Scoring == Scoring.Continuous;
        for (var r = 0; r < rows.Count; r++)
        {
            var c = rows[r];
            var ip = c[PopulationCodes.InitialPopulation];
            var den = continuous ? c[PopulationCodes.MeasurePopulation] : c[PopulationCodes.Denominator];
            counts[Item(r, Part.Ip)] = ip;
            counts[Item(r, Part.Den)] = den;
            counts[Item(r, Part.IpNotDen)] = ip - den;
            counts[Item(r, Part.Exclusion)] = continuous ? c[PopulationCodes.MeasurePopulationExclusion] : c[PopulationCodes.DenominatorExclusion];
            counts[Item(r, Part.Exception)] = continuous ? 0 : c[PopulationCodes.DenominatorException];
            counts[Item(r, Part.Numerator)] = continuous ? c.ObservedPopulation : c.Numerator;
            counts[Item(r, Part.NotMet)] = continuous ? 0 : c.ScoringDenominator - c.Numerator;
            counts[Item(r, Part.Observations)] = c.Observed?.Count ?? 0;
            equations.Add((Item(r, Part.Ip), [Item(r, Part.IpNotDen), Item(r, Part.Den)]));
            equations.Add((Item(r, Part.Den), [Item(r, Part.Exclusion), Item(r, Part.Exception), Item(r, Part.Numerator), Item(r, Part.NotMet)]));
        }
        var first = 1;
        foreach (var s in result.Stratifiers)
        {
            for (var part = 0; part < Parts; part++)
            {
                var members = Enumerable.Range(first, s.Strata.Count).Select(r => Item(r, (Part)part)).ToArray();
                equations.Add((Item(0, (Part)part), members));
            }
            first += s.Strata.Count;
        }
        // Complements come first from what readers need least: the unpublished IP-not-DEN split, exceptions,
        // exclusions, then denominators; numerators and not-met counts (the rate) last; strata before group totals.
        var priority = new int[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            priority[i] = (Part)(i % Parts) switch
            {
                Part.IpNotDen => 0,
                Part.Exception or Part.Exclusion => 1,
                Part.Den => 2,
                Part.Ip => 3,
                _ => 5,
            } + (i < Parts ? 10 : 0);
        }
        return LinkedSuppression.Apply(counts, equations, threshold, priority);
    }
}
