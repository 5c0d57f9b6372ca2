using Lodestar.Diagnostics;
using Lodestar.Mission.State;
using Lodestar.Testing;

namespace Lodestar.Mission.Tests;

/// <summary>
/// State equity ranking on the real CHR 2022 state rows. Expected values were worked independently from the CSVs
/// (shared/data/chr) and the SVI 2022 county race/ethnicity counts summed per state: BGV = Σ pⱼ(rⱼ − μ)².
/// </summary>
public sealed class StateEquityTests
{
    private static readonly StateEquity Chr = StateEquity.Load(Path.Combine(RepoPaths.Shared, "data", "chr"));

    private static EquityIndicator Indicator(string id) => EquityIndicator.All.Single(i => i.Id == id);

    [Theory]
    [InlineData("NM", "life-expectancy", 7.7416, 17, "aian", 69.3, "asian", 87.6)]
    [InlineData("MS", "life-expectancy", 16.2977, 39, "black", 71.5, "hispanic", 93.2)]  // AIAN (74.1) is under 1% of MS: not named
    [InlineData("MS", "premature-mortality", 12022.9176, 42, "black", 661.0, "hispanic", 214.0)]
    [InlineData("MO", "ypll", 7093988.293, 43, "black", 15644.0, "asian", 3412.0)]
    public void A_state_is_ranked_on_the_population_weighted_between_group_variance(
        string state, string indicator, double bgv, int rank, string worst, double worstValue, string best, double bestValue)
    {
        var r = Chr.Rank(state, Indicator(indicator))!;
        Assert.Equal(bgv, r.Bgv, bgv * 1e-5);  // the worked values are rounded to 4 decimals
        Assert.Equal((rank, 51), (r.Rank, r.StateCount));
        Assert.Equal((worst, worstValue), (r.Worst.Group, r.Worst.Value));
        Assert.Equal((best, bestValue), (r.Best.Group, r.Best.Value));
        Assert.InRange(r.Bgv, r.BgvLower, r.BgvUpper);
    }

    [Fact]
    public void Values_CHR_flags_unreliable_are_left_out()
    {
        // Vermont's AIAN YPLL is flagged unreliable in CHR 2022: four groups remain.
        var groups = Chr.GroupsOf("VT", Indicator("ypll"));
        Assert.Equal(["asian", "black", "hispanic", "white"], groups.Select(g => g.Group).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_user_error_naming_it()
    {
        var e = Assert.Throws<UserErrorException>(() => StateEquity.Load(Path.Combine(RepoPaths.Shared, "data", "state")));
        Assert.Contains(EquityIndicator.AdditionalFile, e.Message, StringComparison.Ordinal);
    }
}
