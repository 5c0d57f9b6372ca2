using Lodestar.Equity;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Scorecards;

/// <summary>One measure of one goal, computed and judged: the row a scorecard shows.</summary>
internal sealed record MeasureCard(
    string Area,
    string GoalId,
    MeasureTarget Target,
    MeasureResult Result,
    TrendResult Trend,
    GoalStatus Status,
    string StatusReason,
    EquityGap? Gap);
