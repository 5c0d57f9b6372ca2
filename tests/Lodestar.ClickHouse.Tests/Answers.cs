using System.Globalization;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// Everything a measure run answers, as lines a diff can explain: group counts, every stratum's counts,
/// each population's members (patient ids) and the care-gap list with reasons. Two executors agree when
/// their lines are equal.
/// </summary>
internal static class Answers
{
    public static IReadOnlyList<string> Of(IEnumerable<MeasureResult> results, EvaluationContext context, CareGaps gaps)
    {
        var lines = new List<string>();
        foreach (var r in results)
        {
            var head = $"{r.Measure.Id} {r.Period}";
            AddCounts(lines, r);
            foreach (var (population, set) in r.Members.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var ids = new List<string>();
                set.ForEach(p => ids.Add(context.PatientId(p)));
                ids.Sort(StringComparer.Ordinal);
                lines.Add($"{head} {population} members {ids.Count}: {string.Join(",", ids.Take(50))}");
                lines.Add($"{head} {population} member hash {Hash(ids)}");
            }
            var gapLines = gaps.Find(r).Select(g => $"{context.PatientId(g.Patient)}\t{g.Reason}").ToList();
            gapLines.Sort(StringComparer.Ordinal);
            lines.Add($"{head} care gaps {gapLines.Count} hash {Hash(gapLines)}");
            lines.AddRange(gapLines.Take(20).Select(g => $"{head} gap {g}"));
        }
        return lines;
    }

    /// <summary>Group and stratum counts only: what a run that prints counts asks of the cluster (no patient rows).</summary>
    public static IReadOnlyList<string> CountsOf(IEnumerable<MeasureResult> results)
    {
        var lines = new List<string>();
        foreach (var r in results)
        {
            AddCounts(lines, r);
        }
        return lines;
    }

    private static void AddCounts(List<string> lines, MeasureResult r)
    {
        var head = $"{r.Measure.Id} {r.Period}";
        lines.Add($"{head} group {Counts(r.Group)}");
        foreach (var s in r.Stratifiers)
        {
            foreach (var stratum in s.Strata)
            {
                lines.Add($"{head} {s.Id} {stratum.Stratum.Code} '{stratum.Stratum.Label}' {Counts(stratum.Populations)}");
            }
        }
    }

    public static string Membership(MeasureResult r, EvaluationContext context, string patientId)
    {
        var row = Enumerable.Range(0, context.PatientCount).Single(p => context.PatientId(p) == patientId);
        var names = new (string Code, string Short)[]
        {
            (PopulationCodes.InitialPopulation, "IP"), (PopulationCodes.Denominator, "DEN"),
            (PopulationCodes.DenominatorExclusion, "DENEX"), (PopulationCodes.Numerator, "NUM"),
            (PopulationCodes.DenominatorException, "DENEXCEP"),
        };
        var parts = names.Where(n => r.Members[n.Code][row]).Select(n => n.Short).ToList();
        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }

    private static string Counts(PopulationCounts c) =>
        string.Join(" ", c.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));

    /// <summary>Order-independent digest of a sorted list (FNV-1a over the lines), so big lists compare in one line.</summary>
    private static string Hash(IEnumerable<string> sorted)
    {
        var h = 14695981039346656037UL;
        foreach (var line in sorted)
        {
            foreach (var ch in line)
            {
                h = (h ^ ch) * 1099511628211UL;
            }
            h = (h ^ '\n') * 1099511628211UL;
        }
        return h.ToString("x16", CultureInfo.InvariantCulture);
    }
}
