using Lodestar.Equity;
using Lodestar.Mission.Measures;

namespace Lodestar.Mission.Model;

/// <summary>
/// Status of a measure against its target. The rules are stated in docs/missions.md ("Status rules") and
/// applied in order; the first that matches decides. "Meets" means ≥ target when higher is better and
/// ≤ target when lower is better; the interval's worst bound is the one on the bad side.
/// </summary>
internal static class StatusRules
{
    public static (GoalStatus Status, string Reason) Evaluate(MeasureTarget target, YearValue? latest, TrendResult trend)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (latest is null || !double.IsFinite(latest.Value))
        {
            return (GoalStatus.NoData, "R1: no value in the inputs");
        }
        var higher = target.Direction == GoalDirection.HigherIsBetter;
        bool Meets(double v) => higher ? v >= target.Target : v <= target.Target;
        var worst = higher ? latest.Lower : latest.Upper;
        var best = higher ? latest.Upper : latest.Lower;
        if (Meets(worst))
        {
            return (GoalStatus.OnTrack, "R2: the whole interval meets the target");
        }
        if (Meets(latest.Value) && trend.Class != TrendClass.Worsening)
        {
            return (GoalStatus.OnTrack, "R3: the value meets the target and the trend is not worsening");
        }
        if (latest.Year >= target.TargetYear)
        {
            return Meets(best)
                ? (GoalStatus.AtRisk, "R4: target year reached; the target lies inside the interval")
                : (GoalStatus.OffTrack, "R4: target year reached and the whole interval misses the target");
        }
        if (trend.Class == TrendClass.Improving && trend.Apc is { } apc
            && Meets(latest.Value * Math.Pow(1 + apc / 100, target.TargetYear - latest.Year)))
        {
            return (GoalStatus.OnTrack, "R5: improving, and the trend reaches the target by the target year");
        }
        if (trend.Class == TrendClass.Worsening && !Meets(latest.Value))
        {
            return (GoalStatus.OffTrack, "R6: worsening while short of the target");
        }
        if (!Meets(best) && trend.Class != TrendClass.Improving)
        {
            return (GoalStatus.OffTrack, "R7: the whole interval misses the target and the trend is not improving");
        }
        return (GoalStatus.AtRisk, "R8: none of the above");
    }

    /// <summary>
    /// APC of the yearly series (weighted log-linear, Lodestar.Equity), judged in the goal's direction; the standard
    /// error of each year is recovered from its 95% interval as (upper − lower) / (2 × 1.96). A series whose
    /// intervals have zero width (ranks, ratios of published rates) uses the unweighted fit.
    /// </summary>
    public static TrendResult TrendOf(IReadOnlyList<YearValue> series, GoalDirection direction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Select(v => new TrendPoint(v.Year, v.Value, (v.Upper - v.Lower) / (2 * 1.959963984540054))).ToArray();
        var weighted = points.All(p => p.StandardError > 0);
        return Trend.AnnualPercentChange(points, 0.95, direction == GoalDirection.HigherIsBetter ? Direction.HigherIsBetter : Direction.HigherIsWorse, weighted);
    }
}
