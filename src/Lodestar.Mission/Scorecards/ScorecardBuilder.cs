using Lodestar.Geography;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Scorecards;

/// <summary>Computes every measure of a mission model, its trend, status and largest equity gap.</summary>
internal static class ScorecardBuilder
{
    /// <summary>Groups with fewer records than this are left out of the equity gap (too noisy to name).</summary>
    public const long MinimumGroupCount = 10;

    public static Scorecard Build(MissionModel mission, MissionInputs inputs, ClinicalResults clinical, string clinicalSource)
    {
        ArgumentNullException.ThrowIfNull(mission);
        var state = CountyRegistry.Default.GetState(mission.Institution.State);
        var measures = new MissionMeasures(inputs, state, clinical);
        var cards = new List<MeasureCard>();
        foreach (var (area, goal, target) in mission.AllMeasures())
        {
            var result = measures.Compute(target);
            var trend = StatusRules.TrendOf(result.Series, target.Direction);
            var (status, reason) = StatusRules.Evaluate(target, result.Latest, trend);
            cards.Add(new MeasureCard(area.Id, goal.Id, target, result, trend, status, reason, GapOf(result, target.Direction)));
        }
        return new Scorecard(mission, cards, inputs.Files, clinicalSource);
    }

    /// <summary>
    /// The worst-off and best-off groups (by the goal's direction) among groups with at least
    /// <see cref="MinimumGroupCount"/> records; null when fewer than two qualify.
    /// </summary>
    internal static EquityGap? GapOf(MeasureResult result, GoalDirection direction)
    {
        var groups = result.Groups.Where(g => g.Count >= MinimumGroupCount && double.IsFinite(g.Value)).ToArray();
        if (groups.Length < 2)
        {
            return null;
        }
        var low = groups.MinBy(g => g.Value)!;
        var high = groups.MaxBy(g => g.Value)!;
        return direction == GoalDirection.HigherIsBetter
            ? new EquityGap(low.Group, low.Value, high.Group, high.Value)
            : new EquityGap(high.Group, high.Value, low.Group, low.Value);
    }
}
