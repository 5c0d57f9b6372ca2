using System.Globalization;
using Lodestar.IO;

namespace Lodestar.Mission.Scorecards;

/// <summary>scorecard.csv: one row per goal × measure with the latest value, interval, target, trend, status and gap.</summary>
internal static class ScorecardCsv
{
    public static readonly string[] Header =
    [
        "institution", "area", "goal_id", "measure", "measure_key", "title", "unit", "year", "value", "lower", "upper",
        "baseline", "baseline_year", "target", "target_year", "direction", "owner", "apc", "apc_lower", "apc_upper", "trend",
        "status", "status_rule", "gap_worst_group", "gap_worst_value", "gap_best_group", "gap_best_value", "note",
    ];

    public static void Write(Scorecard card, Stream stream)
    {
        using var csv = new CsvWriter(stream);
        csv.WriteRow(Header);
        foreach (var c in card.Cards)
        {
            var l = c.Result.Latest;
            csv.WriteRow(
                card.Mission.Institution.Id, c.Area, c.GoalId, c.Target.Measure, c.Target.Key, c.Result.Title, c.Result.Unit,
                l?.Year.ToString(CultureInfo.InvariantCulture), Format.Number(l?.Value), Format.Number(l?.Lower), Format.Number(l?.Upper),
                Format.Number(c.Target.Baseline), c.Target.BaselineYear?.ToString(CultureInfo.InvariantCulture), Format.Number(c.Target.Target),
                c.Target.TargetYear.ToString(CultureInfo.InvariantCulture), Format.Direction(c.Target.Direction), c.Target.Owner,
                Format.Number(c.Trend.Apc), Format.Number(c.Trend.Lower), Format.Number(c.Trend.Upper), c.Trend.Class.ToString(),
                Format.StatusCode(c.Status), c.StatusReason[..2], c.Gap?.Worst, Format.Number(c.Gap?.WorstValue), c.Gap?.Best, Format.Number(c.Gap?.BestValue),
                c.Result.Note);
        }
    }
}
