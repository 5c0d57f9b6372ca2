using System.Globalization;
using System.Text;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

/// <summary>
/// Every count a run produced, one line per measure, period, stratifier, stratum and population:
/// measure,period,stratifier,stratum,population,patients,events. The group total has stratifier "*". A
/// continuous measure adds a measure-observation line: the number of observations and, as events, the score.
/// The DuckDB peer writes the same lines, and the checker compares the two files as sets.
/// </summary>
internal static class CountsFile
{
    public static void Write(string path, IEnumerable<MeasureResult> results)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("measure,period,stratifier,stratum,population,patients,events");
        foreach (var r in results)
        {
            Lines(writer, r, "*", "*", r.Group);
            foreach (var s in r.Stratifiers)
            {
                foreach (var stratum in s.Strata)
                {
                    Lines(writer, r, s.Id, stratum.Stratum.Code, stratum.Populations);
                }
            }
        }
    }

    private static void Lines(StreamWriter writer, MeasureResult r, string stratifier, string stratum, PopulationCounts counts)
    {
        if (counts.Observed is { Count: > 0 } observed)
        {
            // A continuous measure: the number of observations and their aggregate (the score), in the events column.
            var score = observed.Aggregate(r.Measure.Observation!.Aggregate)!.Value;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Measure.Id},{r.Period},{stratifier},{stratum},{PopulationCodes.MeasureObservation},{observed.Count},{score:R}"));
        }
        foreach (var population in PopulationCodes.For(r.Measure.Scoring))
        {
            var patients = counts[population];
            var events = counts.EventsOf(population);
            if (patients == 0 && events is null or 0)
            {
                continue; // the peer reports only what is there; zeros are implied on both sides
            }
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Measure.Id},{r.Period},{stratifier},{stratum},{population},{patients},{events?.ToString(CultureInfo.InvariantCulture) ?? ""}"));
        }
    }
}
