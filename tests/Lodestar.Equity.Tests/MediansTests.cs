namespace Lodestar.Equity.Tests;

public sealed class MediansTests
{
    // Ranks and exact coverage worked by hand from Binomial(n, ½) sums (Conover 1999, table A3; the coverage
    // is 1 − 2·Σ_{i<k} C(n, i)/2ⁿ, computed with exact fractions).
    [Theory]
    [InlineData(5, 0.95, 1, 5, 0.9375)]               // too few for 95%: the range, whose coverage 1 − 2/32 is below the level
    [InlineData(6, 0.95, 1, 6, 0.96875)]              // the smallest n whose range reaches 95%: P(B = 0) = 1/64 ≤ 0.025
    [InlineData(10, 0.95, 2, 9, 0.978515625)]         // 1 − 2·11/1024
    [InlineData(100, 0.95, 40, 61, 0.9647997997822951)]
    [InlineData(1000, 0.95, 469, 532, 0.9537088026395019)]
    [InlineData(10, 0.90, 2, 9, 0.978515625)]         // at 90% P(B ≤ 2) = 0.0547 > 0.05 still: the same ranks
    public void Ranks_are_the_order_statistics_whose_binomial_coverage_reaches_the_level(int n, double confidence, int lower, int upper, double coverage)
    {
        var r = Medians.Ranks(n, confidence);
        Assert.Equal(lower, r.Lower);
        Assert.Equal(upper, r.Upper);
        Tolerance.Relative(coverage, r.Coverage);
    }

    [Fact]
    public void Median_of_an_even_sample_is_the_mean_of_the_middle_two_and_the_interval_its_order_statistics()
    {
        var e = Medians.Median([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])!.Value;
        Assert.Equal(5.5, e.Value);
        Assert.Equal(2, e.Lower);
        Assert.Equal(9, e.Upper);
    }

    [Fact]
    public void Median_of_an_odd_sample_is_the_middle_value()
    {
        var e = Medians.Median([0, 0, 1, 7, 30])!.Value;
        Assert.Equal(1, e.Value);
        Assert.Equal(0, e.Lower);   // n = 5: the range
        Assert.Equal(30, e.Upper);
    }

    [Fact]
    public void Empty_sample_has_no_median() => Assert.Null(Medians.Median([]));

    [Fact]
    public void Interval_contains_the_median_for_every_size()
    {
        for (var n = 1; n <= 300; n++)
        {
            var sample = Enumerable.Range(0, n).Select(i => (double)(i * i % 17)).Order().ToArray();
            var e = Medians.Median(sample)!.Value;
            Assert.InRange(e.Value, e.Lower, e.Upper);
        }
    }

    [Fact]
    public void Confidence_outside_zero_and_one_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Medians.Ranks(10, 1));
}
