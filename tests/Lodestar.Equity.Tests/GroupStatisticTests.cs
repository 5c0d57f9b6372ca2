namespace Lodestar.Equity.Tests;

public sealed class GroupStatisticTests
{
    [Fact]
    public void Rate_uses_the_Poisson_standard_error()
    {
        // Var(x/n) = x/n² for a Poisson count (Breslow & Day 1987), scaled by the multiplier.
        var g = GroupStatistic.FromRate("a", 25, 10_000, 100_000, order: 2);
        Assert.Equal(250, g.Value, 12);
        Assert.Equal(50, g.StandardError, 12);
        Assert.Equal(10_000, g.Population);
        Assert.Equal(2, g.Order);
    }

    [Fact]
    public void Proportion_uses_the_binomial_standard_error()
    {
        var g = GroupStatistic.FromProportion("a", 56, 70, 100);
        Assert.Equal(80, g.Value, 12);
        Assert.Equal(100 * Math.Sqrt(0.8 * 0.2 / 70), g.StandardError, 12);
    }

    [Theory]
    [InlineData(0, 0)]    // no population
    [InlineData(-1, 10)]  // negative count
    public void Invalid_counts_are_rejected(long x, long n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupStatistic.FromRate("a", x, n));
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupStatistic.FromProportion("a", x, n));
    }
}
