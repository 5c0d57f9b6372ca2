using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Equity;

namespace Lodestar.Cli.Commands;

/// <summary><c>stats trend</c>: annual percent change per group and whether each group's gap to the reference is narrowing.</summary>
internal static class StatsTrendVerb
{
    public static Command Create()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var measure = StatsOptions.Measure();
        var direction = StatsOptions.DirectionOption();
        var reference = new Option<string>("--reference")
        {
            Description = "Group for the gap analysis: a group name, 'largest' (default), 'best', or 'none'.",
            DefaultValueFactory = _ => "largest",
        };
        var weighting = new Option<string>("--weighting")
        {
            Description = "weighted (1/Var ln r, SEER*Stat's default) or unweighted least squares.",
            DefaultValueFactory = _ => "weighted",
        };
        var command = new Command("trend",
            "Annual percent change (log-linear, SEER*Stat method) per group with its interval, classified improving / worsening / no significant change, " +
            "and whether each group's gap to the reference is narrowing. Input columns: group,period,numerator,denominator.\n\n" +
            "Example:\n  lodestar stats trend --input docs/examples/stats/trend.csv --out trend-out.csv --reference B")
        {
            input, output, confidence, per, measure, direction, reference, weighting,
        };
        command.SetAction(parse =>
        {
            var isProportion = StatsOptions.ParseIsProportion(parse.GetValue(measure)!);
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), isProportion ? 1 : 100_000);
            var dir = StatsOptions.ParseDirection(parse.GetValue(direction)!);
            var weighted = parse.GetValue(weighting)!.ToLowerInvariant() switch
            {
                "weighted" => true,
                "unweighted" => false,
                var other => throw new UserErrorException($"--weighting: '{other}' is not weighted or unweighted"),
            };
            var table = StatsTable.Read(parse.GetValue(input)!);
            var series = ReadSeries(table, isProportion, multiplier);

            // Pick the gap reference from the pooled counts over all periods.
            var referenceText = parse.GetValue(reference)!;
            string? referenceGroup = null;
            if (!string.Equals(referenceText, "none", StringComparison.OrdinalIgnoreCase) && series.Count > 0)
            {
                var pooled = series.Select(s => new GroupStatistic(s.Key, s.Value.Events / Math.Max(s.Value.People, double.Epsilon), 0, s.Value.People)).ToList();
                var choice = StatsGroupVerbs.ParseReference(referenceText, pooled, [], table.Source);
                referenceGroup = pooled[GroupComparison.PickReference(pooled, new ComparisonOptions { Reference = choice, ReferenceGroup = referenceText, Direction = dir })].Group;
            }

            // The improving/worsening and narrowing/widening calls are read off the interval, so they too repeat per level.
            var result = StatsLevels.Run(levels, c => Rows(series, referenceGroup, c, dir, weighted), "trend", "gap");
            return StatsCommand.Finish(parse, result, parse.GetValue(output)!, "groups");
        });
        return command;
    }

    private static StatsOutput Rows(Dictionary<string, Series> series, string? referenceGroup, double c, Direction dir, bool weighted)
    {
        var result = new StatsOutput(["group", "periods", "first_period", "last_period", "apc", "lower", "upper", "p_value", "trend",
            "reference", "gap_first", "gap_last", "gap_change_per_period", "gap_lower", "gap_upper", "gap_p", "gap", "confidence", "note"]);
        foreach (var (group, s) in series)
        {
            var t = Trend.AnnualPercentChange(s.Points, c, dir, weighted);
            object?[] gapCells = [null, null, null, null, null, null, ""];
            var notes = new List<string>(3) { t.Note };
            if (referenceGroup is not null && group != referenceGroup)
            {
                var gap = Trend.Gap(s.Points, series[referenceGroup].Points, c);
                gapCells = [gap.FirstGap, gap.LastGap, gap.Slope, gap.Lower, gap.Upper, gap.PValue, StatsOptions.Name(gap.Class)];
                if (gap.Class == GapClass.NotEstimable)
                {
                    notes.Add("gap " + gap.Note); // the gap cells are empty: say why, as for the APC
                }
            }
            if (s.Dropped.Count > 0)
            {
                notes.Add($"periods with denominator 0 left out: {string.Join(", ", s.Dropped)}");
            }
            var note = string.Join("; ", notes.Where(n => n.Length > 0));
            result.Add([group, (long)s.Points.Count, s.Points.Count > 0 ? s.Points[0].Period : null, s.Points.Count > 0 ? s.Points[^1].Period : null,
                t.Apc, t.Lower, t.Upper, t.PValue, StatsOptions.Name(t.Class), referenceGroup ?? "", .. gapCells, c, note]);
        }
        return result;
    }

    private sealed record Series(List<TrendPoint> Points, List<string> Dropped)
    {
        public long Events { get; set; }

        public double People { get; set; }
    }

    private static Dictionary<string, Series> ReadSeries(StatsTable table, bool isProportion, double multiplier)
    {
        var g = table.Column("group");
        var p = table.Column("period");
        var x = table.OptionalColumn("numerator") ?? table.OptionalColumn("events") ?? table.Column("numerator");
        var n = table.OptionalColumn("denominator") ?? table.OptionalColumn("population") ?? table.Column("denominator");
        var series = new Dictionary<string, Series>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var group = table.Text(row, g);
            var period = table.Number(row, p);
            var count = table.Count(row, x);
            var denominator = isProportion ? table.Count(row, n) : table.Amount(row, n);
            if (!series.TryGetValue(group, out var s))
            {
                series[group] = s = new Series([], []);
            }
            if (s.Points.Any(q => q.Period == period) || s.Dropped.Contains(row.Fields[p].Trim()))
            {
                throw table.Error(row, p, $"period {row.Fields[p].Trim()} appears twice for group '{group}'");
            }
            if (denominator == 0)
            {
                s.Dropped.Add(row.Fields[p].Trim());
                continue;
            }
            if (isProportion && count > denominator)
            {
                throw table.Error(row, x, $"{count} is greater than the denominator {denominator}");
            }
            var stat = isProportion
                ? GroupStatistic.FromProportion(group, count, (long)denominator, multiplier)
                : GroupStatistic.FromRate(group, count, denominator, multiplier);
            s.Points.Add(new TrendPoint(period, stat.Value, stat.StandardError));
            s.Events += count;
            s.People += denominator;
        }
        foreach (var s in series.Values)
        {
            s.Points.Sort((a, b) => a.Period.CompareTo(b.Period));
        }
        return series;
    }
}
