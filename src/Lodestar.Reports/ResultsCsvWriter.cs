using System.Globalization;
using Lodestar.IO;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;

namespace Lodestar.Reports;

/// <summary>
/// results.csv: one row per measure × period × stratifier × stratum (and one "all" row per measure and
/// period), with the counts, the score and its interval, and the comparison with the reference group.
/// A withheld count is an empty cell and is named in the <c>suppressed</c> column. <c>eligible</c> is the
/// rate's denominator (denominator − exclusions − exceptions). A continuous measure fills
/// <c>initial_population</c>, the last four columns (its populations, the number of observations and the aggregate
/// method) and, as <c>rate</c>, <c>lower</c> and <c>upper</c>, its score and interval; <c>eligible</c> is then the
/// number of observations. Its proportion columns stay empty.
/// </summary>
public static class ResultsCsvWriter
{
    public static readonly IReadOnlyList<string> Header =
    [
        "measure_id", "measure_title", "period", "stratifier", "stratum_code", "stratum",
        "initial_population", "denominator", "denominator_exclusion", "denominator_exception", "numerator",
        "eligible", "rate", "lower", "upper", "confidence", "reference_group", "rate_difference", "rate_ratio", "ratio_lower", "ratio_upper",
        "p_value", "nhqdr_class", "suppressed",
        "measure_population", "measure_population_exclusion", "measure_observation", "aggregate",
    ];

    public static void Write(IEnumerable<MeasureFigures> results, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var csv = new CsvWriter(stream);
        csv.WriteRow(Header);
        foreach (var figures in results)
        {
            Row(csv, figures, "all", null, figures.Group);
            foreach (var stratifier in figures.Stratifiers)
            {
                foreach (var stratum in stratifier.Strata)
                {
                    Row(csv, figures, stratifier.Id, stratifier.ReferenceLabel, stratum);
                }
            }
        }
    }

    private static void Row(CsvWriter csv, MeasureFigures figures, string stratifier, string? reference, StratumFigures s)
    {
        csv.WriteField(figures.Measure.Id);
        csv.WriteField(figures.Measure.Title);
        csv.WriteField(figures.Period.ToString());
        csv.WriteField(stratifier);
        csv.WriteField(s.Stratum.Code);
        csv.WriteField(s.Stratum.Label);
        var withheld = new List<string>();
        void Population(string code)
        {
            if (!s.Populations.TryGetValue(code, out var p))
            {
                csv.WriteField((string?)null);
                return;
            }
            csv.WriteField(p.Shown is { } v ? v.ToString(CultureInfo.InvariantCulture) : null);
            if (!p.IsShown)
            {
                withheld.Add(code);
            }
        }
        foreach (var code in PopulationCodes.All)
        {
            Population(code);
        }
        if (s.RateWithheld)
        {
            withheld.Add("rate");
        }
        csv.WriteField(s.Eligible is { } e ? e.ToString(CultureInfo.InvariantCulture) : null);
        csv.WriteField(s.Rate?.Value);
        csv.WriteField(s.Rate?.Lower);
        csv.WriteField(s.Rate?.Upper);
        csv.WriteField(s.Rate is null ? null : figures.Options.Confidence);
        var c = s.VersusReference;
        csv.WriteField(c is null ? null : reference);
        csv.WriteField(c?.Difference);
        csv.WriteField(c?.Ratio);
        csv.WriteField(c?.RatioLower);
        csv.WriteField(c?.RatioUpper);
        csv.WriteField(c?.DifferenceP);
        csv.WriteField(c?.Class.ToString().ToLowerInvariant());
        // The continuous populations come last so the proportion columns keep their places; they are read before
        // 'suppressed' is written because that column, which comes first, names their withheld counts too.
        var continuous = new List<string?>();
        foreach (var code in new[] { PopulationCodes.MeasurePopulation, PopulationCodes.MeasurePopulationExclusion, PopulationCodes.MeasureObservation })
        {
            if (s.Populations.TryGetValue(code, out var p))
            {
                continuous.Add(p.Shown?.ToString(CultureInfo.InvariantCulture));
                if (!p.IsShown)
                {
                    withheld.Add(code);
                }
            }
            else
            {
                continuous.Add(null);
            }
        }
        csv.WriteField(string.Join(';', withheld));
        foreach (var field in continuous)
        {
            csv.WriteField(field);
        }
        csv.WriteField(figures.Measure.Observation?.Aggregate.ToString().ToLowerInvariant());
        csv.EndRow();
    }
}
