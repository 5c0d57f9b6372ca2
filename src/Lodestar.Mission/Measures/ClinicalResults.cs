using Lodestar.Diagnostics;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Measures;

/// <summary>
/// The clinical measures a mission cites (<c>clinical:&lt;id&gt;</c>), evaluated by the measure engine on a workspace
/// one calendar year at a time and published through <see cref="MeasureAnalysis"/>, so the scorecard shows exactly the
/// rates, Wilson/Poisson intervals and small-cell suppression that <c>lodestar measure</c> shows. A withheld or
/// undefined rate leaves its year out of the series.
/// </summary>
internal sealed class ClinicalResults
{
    /// <summary>The stratifier whose strata give a clinical measure's groups (the combined OMB measure).</summary>
    public const string GroupStratifier = "race-ethnicity";

    private readonly Dictionary<string, MeasureResult> results;
    private readonly string absent;

    private ClinicalResults(Dictionary<string, MeasureResult> results, string absent)
    {
        this.results = results;
        this.absent = absent;
    }

    /// <summary>No clinical source: every clinical measure is "no data", saying why.</summary>
    public static ClinicalResults None { get; } = new(new(StringComparer.Ordinal), "no workspace given: clinical measures are evaluated on a workspace (--workspace)");

    /// <summary>Evaluates every clinical measure the mission cites, once per year of <paramref name="source"/>.</summary>
    /// <param name="missionName">The mission file or id, for the message when a cited measure is not in the catalog.</param>
    public static ClinicalResults Evaluate(MissionModel mission, string missionName, ClinicalSource? source)
    {
        ArgumentNullException.ThrowIfNull(mission);
        if (source is null)
        {
            return None;
        }
        var ids = mission.AllMeasures().Select(m => m.Measure.Measure).Where(MeasureCatalog.IsClinical)
            .Select(id => id[MeasureCatalog.ClinicalPrefix.Length..]).Distinct(StringComparer.Ordinal).ToArray();
        var definitions = new List<MeasureDefinition>();
        foreach (var id in ids)
        {
            try
            {
                definitions.Add(source.Catalog.Get(id));
            }
            catch (UserErrorException e)
            {
                throw new UserErrorException($"{missionName}: measure clinical:{id}: {e.Message}", e);
            }
        }
        if (definitions.Count == 0 || source.Years.Count == 0)
        {
            return new ClinicalResults(new(StringComparer.Ordinal), "no years to evaluate");
        }
        var evaluated = source.Engine.Evaluate(definitions, source.Years.Select(Period.Year), [GroupStratifier]);
        return FromFigures(evaluated.Select(r => MeasureAnalysis.Analyse(r)));
    }

    /// <summary>Turns published figures (one per measure and calendar year) into mission results.</summary>
    public static ClinicalResults FromFigures(IEnumerable<MeasureFigures> figures)
    {
        var results = new Dictionary<string, MeasureResult>(StringComparer.Ordinal);
        foreach (var measure in figures.GroupBy(f => f.Measure.Id, StringComparer.Ordinal))
        {
            var byYear = measure.OrderBy(f => f.Period.Start).ToArray();
            var definition = byYear[0].Measure;
            var unit = Unit(definition.Scoring);
            var series = byYear.Where(f => f.Group.Rate is not null).Select(f =>
            {
                var r = f.Group.Rate!.Value;
                // The numerator is a patient count only for proportions; ratio and rate numerators count events.
                long? numerator = definition.Scoring == Scoring.Proportion ? f.Group.Populations[PopulationCodes.Numerator].Shown : null;
                return new YearValue(f.Period.Start.Year, r.Value, r.Lower, r.Upper, numerator, f.Group.Eligible);
            }).ToArray();
            var withheld = byYear.Where(f => f.Group.Rate is null).Select(f => f.Period.ToString()).ToArray();
            string? note = withheld.Length == 0 ? null
                : $"no rate for {string.Join(", ", withheld)}: " + (byYear.Any(f => f.Group.RateWithheld) ? "withheld (small numbers) or no eligible patients" : "no eligible patients");
            if (series.Length == 0)
            {
                results[measure.Key] = MeasureResult.Empty(definition.Title, unit, note!);
                continue;
            }
            var latest = byYear.Single(f => f.Period.Start.Year == series[^1].Year);
            var groups = latest.Stratifiers.Where(s => s.Id == GroupStratifier).SelectMany(s => s.Strata)
                .Where(s => s.Rate is not null && s.Stratum.Code != "unknown")
                .Select(s => new GroupValue(s.Stratum.Label, s.Rate!.Value.Value, s.Rate.Value.Lower, s.Rate.Value.Upper, s.Eligible ?? 0))
                .ToArray();
            results[measure.Key] = new MeasureResult(definition.Title, unit, series, groups, note);
        }
        return new ClinicalResults(results, "not evaluated");
    }

    public MeasureResult Result(string measureId) =>
        results.TryGetValue(measureId, out var r) ? r : MeasureResult.Empty("Clinical measure " + measureId, "proportion", absent);

    private static string Unit(Scoring scoring) => scoring switch
    {
        Scoring.Proportion => "proportion",
        Scoring.RatePer1000 => "per1000",
        Scoring.Continuous => "value",
        _ => "ratio",
    };
}
