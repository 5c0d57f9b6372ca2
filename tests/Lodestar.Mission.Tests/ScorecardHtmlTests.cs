using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;
using Lodestar.Mission.Scorecards;

namespace Lodestar.Mission.Tests;

public sealed class ScorecardHtmlTests
{
    private static MeasureCard Card(IReadOnlyList<GroupValue> groups, GoalDirection direction = GoalDirection.HigherIsBetter)
    {
        var target = new MeasureTarget("graduates-in-state", new Dictionary<string, string>(), null, null, 0.6, 2030, direction, "Dean", null);
        var result = new MeasureResult("Graduates practising in the state", "proportion",
            [new YearValue(2023, 0.5, 0.45, 0.55), new YearValue(2024, 0.52, 0.47, 0.57), new YearValue(2025, 0.55, 0.5, 0.6)], groups, null);
        var trend = StatusRules.TrendOf(result.Series, direction);
        var (status, reason) = StatusRules.Evaluate(target, result.Latest, trend);
        return new MeasureCard("a", "g", target, result, trend, status, reason, ScorecardBuilder.GapOf(result, direction));
    }

    [Fact]
    public void The_gap_chart_draws_one_labelled_row_per_group_with_enough_records_and_colours_the_extremes()
    {
        var card = Card([
            new GroupValue("black", 0.40, 0.30, 0.50, 80),
            new GroupValue("white", 0.60, 0.55, 0.65, 300),
            new GroupValue("asian", 0.50, 0.20, 0.80, 12),
            new GroupValue("nhpi", 0.90, 0.10, 1.00, 3),   // under 10 records: not drawn, not the best-off group
        ]);
        var svg = ScorecardHtml.GapChart(card);
        Assert.Equal(3, svg.Split("<circle", StringSplitOptions.None).Length - 1);
        Assert.Equal(3, svg.Split("<line", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain(">nhpi<", svg, StringComparison.Ordinal);
        // black, worst-off: 0.40 on an axis from 0.20 (asian's lower bound) to 0.80, 126 px wide after the labels: 90 + 126 × 0.2 / 0.6.
        Assert.Contains("fill=\"#D55E00\" cx=\"132\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title>white: 60.0% (55.0%–65.0%), n = 300</title>", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#009E73\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void No_gap_chart_without_two_groups_and_long_labels_are_cut()
    {
        Assert.Equal("", ScorecardHtml.GapChart(Card([new GroupValue("white", 0.6, 0.55, 0.65, 300)])));
        var svg = ScorecardHtml.GapChart(Card([
            new GroupValue("Non-Hispanic Black or African American", 0.4, 0.3, 0.5, 80), new GroupValue("Non-Hispanic White", 0.6, 0.5, 0.7, 80)]));
        Assert.Contains(">Non-Hispanic Bl…<", svg, StringComparison.Ordinal);
        Assert.Contains("<title>Non-Hispanic Black or African American: 40.0%", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_carries_both_charts_inline()
    {
        var html = ScorecardHtml.Render(new Scorecard(
            new MissionModel(new Institution("x", "X", "MS", "test"), [new MissionArea("a", "A", [new Goal("g", "G", "q", [Card([]).Target])])], []),
            [Card([new GroupValue("black", 0.4, 0.3, 0.5, 80), new GroupValue("white", 0.6, 0.55, 0.65, 300)])], [], "none"));
        Assert.Equal(2, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.Contains("class=\"gap\"", html, StringComparison.Ordinal);
    }
}
