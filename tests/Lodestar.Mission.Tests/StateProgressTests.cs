using Lodestar.Mission.State;

namespace Lodestar.Mission.Tests;

public sealed class StateProgressTests
{
    [Fact]
    public void The_embedded_data_holds_the_published_rates()
    {
        var d = StateDeathRates.Default;
        Assert.Equal(731.9, d.Rate("All causes", StateDeathRates.UnitedStates, 2017));  // NCHS Data Brief 328
        Assert.Equal(951.3, d.Rate("All causes", "Mississippi", 2017));
        Assert.Equal(754.7, d.Rate("All causes", "New Mexico", 2017));
        Assert.Equal(51, d.States.Count);
        Assert.Equal(Enumerable.Range(1999, 19), d.Years);
    }

    [Fact]
    public void Level_rank_counts_states_with_a_lower_rate()
    {
        var d = StateDeathRates.Default;
        var r = StateProgress.Rank("NM", "All causes");
        var last = r.Levels[^1];
        Assert.Equal(2017, last.Year);
        Assert.Equal(1 + d.States.Count(s => d.Rate("All causes", s, 2017) < 754.7), last.Rank);
        Assert.Equal(754.7 / 731.9, last.RatioToUs, 12);
    }

    [Fact]
    public void Progress_rank_orders_states_by_annual_percent_change()
    {
        var ranks = StateDeathRates.Default.States.Select(s => StateProgress.Rank(Lodestar.Geography.CountyRegistry.Default.States.Single(x => x.Name == s).Abbreviation, "All causes")).ToArray();
        Assert.Equal(1, ranks.Min(r => r.ProgressRank));
        var best = ranks.Single(r => r.ProgressRank == 1);
        Assert.All(ranks, r => Assert.True(r.Apc >= best.Apc));
        Assert.True(best.Apc < 0, "the fastest-improving state's all-cause death rate fell");
        var ms = ranks.Single(r => r.State == "Mississippi");
        Assert.Equal(1 + ranks.Count(r => r.Apc < ms.Apc), ms.ProgressRank);
    }

    [Fact]
    public void An_unknown_cause_is_a_user_error()
    {
        Assert.Throws<Lodestar.Diagnostics.UserErrorException>(() => StateProgress.Rank("NM", "Boredom"));
    }
}
