using Lodestar.Equity;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Tests;

public sealed class StatusRulesTests
{
    private static MeasureTarget Target(double target, int year = 2030, GoalDirection d = GoalDirection.HigherIsBetter) =>
        new("graduates-in-state", new Dictionary<string, string>(), null, null, target, year, d, "owner", null);

    private static TrendResult TrendOf(TrendClass c, double? apc = null) => new(apc, null, null, null, 5, c, "");

    [Theory]
    // value, lower, upper, year, target, target year, trend, apc, expected rule
    [InlineData(0.70, 0.66, 0.74, 2025, 0.65, 2030, TrendClass.Worsening, null, "R2")]            // whole interval above target wins even when worsening
    [InlineData(0.66, 0.60, 0.72, 2025, 0.65, 2030, TrendClass.NoSignificantChange, null, "R3")]  // point meets, interval straddles, not worsening
    [InlineData(0.66, 0.60, 0.72, 2031, 0.65, 2030, TrendClass.Worsening, null, "R4")]            // past target year, target inside interval → at risk
    [InlineData(0.50, 0.45, 0.55, 2030, 0.65, 2030, TrendClass.Improving, 10.0, "R4")]            // target year reached, interval misses → off track, trend irrelevant
    [InlineData(0.50, 0.45, 0.55, 2025, 0.65, 2030, TrendClass.Improving, 6.0, "R5")]             // 0.5 × 1.06^5 = 0.669 ≥ 0.65
    [InlineData(0.60, 0.55, 0.70, 2025, 0.65, 2030, TrendClass.Worsening, -1.0, "R6")]            // worsening and short, even though interval reaches target
    [InlineData(0.50, 0.45, 0.55, 2025, 0.65, 2030, TrendClass.NoSignificantChange, null, "R7")]  // interval misses, flat
    [InlineData(0.50, 0.45, 0.55, 2025, 0.65, 2030, TrendClass.Improving, 1.0, "R8")]             // improving but 0.5 × 1.01^5 = 0.526 short: at risk
    [InlineData(0.60, 0.55, 0.70, 2025, 0.65, 2030, TrendClass.NoSignificantChange, null, "R8")]  // short, but target inside interval
    public void Each_rule_fires_on_its_case(double value, double lower, double upper, int year, double target, int targetYear, TrendClass trend, double? apc, string rule)
    {
        var (_, reason) = StatusRules.Evaluate(Target(target, targetYear), new YearValue(year, value, lower, upper), TrendOf(trend, apc));
        Assert.StartsWith(rule, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_map_to_the_documented_statuses()
    {
        var t = Target(0.65);
        Assert.Equal(GoalStatus.NoData, StatusRules.Evaluate(t, null, TrendOf(TrendClass.NotEstimable)).Status);
        Assert.Equal(GoalStatus.OnTrack, StatusRules.Evaluate(t, new YearValue(2025, 0.7, 0.66, 0.74), TrendOf(TrendClass.Worsening)).Status);
        Assert.Equal(GoalStatus.AtRisk, StatusRules.Evaluate(t, new YearValue(2031, 0.66, 0.6, 0.72), TrendOf(TrendClass.Worsening)).Status);
        Assert.Equal(GoalStatus.OffTrack, StatusRules.Evaluate(t, new YearValue(2030, 0.5, 0.45, 0.55), TrendOf(TrendClass.Improving, 10)).Status);
        Assert.Equal(GoalStatus.OnTrack, StatusRules.Evaluate(t, new YearValue(2025, 0.5, 0.45, 0.55), TrendOf(TrendClass.Improving, 6)).Status);
        Assert.Equal(GoalStatus.OffTrack, StatusRules.Evaluate(t, new YearValue(2025, 0.6, 0.55, 0.7), TrendOf(TrendClass.Worsening, -1)).Status);
        Assert.Equal(GoalStatus.AtRisk, StatusRules.Evaluate(t, new YearValue(2025, 0.5, 0.45, 0.55), TrendOf(TrendClass.Improving, 1)).Status);
    }

    [Fact]
    public void Lower_is_better_uses_the_upper_bound_as_the_worst()
    {
        var t = Target(0.20, d: GoalDirection.LowerIsBetter);
        Assert.StartsWith("R2", StatusRules.Evaluate(t, new YearValue(2025, 0.15, 0.12, 0.19), TrendOf(TrendClass.NoSignificantChange)).Reason, StringComparison.Ordinal);
        Assert.StartsWith("R7", StatusRules.Evaluate(t, new YearValue(2025, 0.30, 0.25, 0.35), TrendOf(TrendClass.NoSignificantChange)).Reason, StringComparison.Ordinal);
        // 0.25 × 0.9^5 = 0.148 ≤ 0.20
        Assert.StartsWith("R5", StatusRules.Evaluate(t, new YearValue(2025, 0.25, 0.22, 0.28), TrendOf(TrendClass.Improving, -10)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_infinite_value_is_no_data()
    {
        Assert.StartsWith("R1", StatusRules.Evaluate(Target(1), new YearValue(2025, double.NaN, 0, 0), TrendOf(TrendClass.NotEstimable)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trend_recovers_standard_errors_from_intervals_and_falls_back_to_unweighted_for_ranks()
    {
        var rising = new[] { 2020, 2021, 2022, 2023, 2024 }.Select(y => new YearValue(y, 0.5 * Math.Pow(1.05, y - 2020), 0.5 * Math.Pow(1.05, y - 2020) - 0.01, 0.5 * Math.Pow(1.05, y - 2020) + 0.01)).ToArray();
        var t = StatusRules.TrendOf(rising, GoalDirection.HigherIsBetter);
        Assert.Equal(5.0, t.Apc!.Value, 6);
        Assert.Equal(TrendClass.Improving, t.Class);
        var ranks = new[] { new YearValue(2015, 40, 40, 40), new YearValue(2016, 30, 30, 30), new YearValue(2017, 20, 20, 20) };
        Assert.Equal("unweighted least squares", StatusRules.TrendOf(ranks, GoalDirection.LowerIsBetter).Note);
    }
}
