namespace Lodestar.Equity.Tests;

public sealed class ProportionsTests
{
    // Expected values: R 4.x prop.test(x, n, correct = FALSE)$conf.int, which the Wilson score
    // interval equals (Newcombe 1998, Stat Med 17:857, method 3; his Table I row 81/263 gives 0.2553, 0.3662).
    [Theory]
    [InlineData(81, 263, 0.95, 0.2553, 0.3662, 4)]   // Newcombe 1998 Table I, published to 4 decimals
    [InlineData(15, 148, 0.95, 0.0624, 0.1605, 4)]   // Newcombe 1998 Table I
    [InlineData(0, 20, 0.95, 0.0, 0.1611, 4)]        // x = 0: lower pinned to exactly 0 (Newcombe Table I 0/20)
    [InlineData(1, 29, 0.95, 0.0061, 0.1718, 4)]     // Newcombe 1998 Table I
    public void Wilson_matches_Newcombe_1998_table_I(long x, long n, double confidence, double lower, double upper, int digits)
    {
        var e = Proportions.Wilson(x, n, confidence);
        Assert.Equal(lower, Math.Round(e.Lower, digits));
        Assert.Equal(upper, Math.Round(e.Upper, digits));
    }

    [Fact]
    public void Wilson_all_events_has_upper_exactly_one()
    {
        Assert.Equal(1.0, Proportions.Wilson(20, 20).Upper);
        Assert.Equal(0.0, Proportions.Wilson(0, 20).Lower);
    }

    [Fact]
    public void Z_for_95_and_99_8_percent_matches_published_quantiles()
    {
        Assert.Equal(1.959964, Proportions.Z(0.95), 6);
        Assert.Equal(3.090232, Proportions.Z(0.998), 6);
    }
}
