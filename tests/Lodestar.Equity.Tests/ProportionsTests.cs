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

    // PHEindicatormethods v2.1.0 tests/testthat/testdata_Proportion.xlsx (sheet testdata_Prop): phe_proportion
    // output, which is the Wilson interval; matched to 1e-9 relative.
    [Theory]
    [InlineData(1, 100, 0.95, 1.7674320641406511E-3, 5.4486196178705294E-2)]   // single event: far from symmetric
    [InlineData(65, 100, 0.95, 0.55254443296887967, 0.73635751756902468)]
    [InlineData(9856, 12345, 0.95, 0.79121017529090687, 0.80536400736149094)]
    [InlineData(7776456, 7564336677, 0.95, 1.0273201001641094E-3, 1.0287644578977231E-3)] // very large n
    [InlineData(222, 3215, 0.998, 5.647101964624248E-2, 8.4184141852701344E-2)]          // 99.8% (Fingertips' 3-sigma level)
    [InlineData(999, 3456, 0.998, 0.26583995768074953, 0.31344754492799848)]
    public void Wilson_matches_PHEindicatormethods_test_data(long x, long n, double confidence, double lower, double upper)
    {
        var e = Proportions.Wilson(x, n, confidence);
        Tolerance.Relative(lower, e.Lower);
        Tolerance.Relative(upper, e.Upper);
    }

    // Newcombe 1998 (Stat Med 17:857) Table I, method 5 "exact" (Clopper–Pearson), published to 4 decimals.
    [Theory]
    [InlineData(81, 263, 0.2527, 0.3676)]
    [InlineData(15, 148, 0.0578, 0.1617)]
    [InlineData(0, 20, 0.0, 0.1684)]   // x = 0: lower is exactly 0, upper = 1 − (α/2)^(1/n)
    [InlineData(1, 29, 0.0009, 0.1776)]
    public void Clopper_Pearson_matches_Newcombe_1998_table_I(long x, long n, double lower, double upper)
    {
        var e = Proportions.ClopperPearson(x, n);
        Assert.Equal(lower, Math.Round(e.Lower, 4));
        Assert.Equal(upper, Math.Round(e.Upper, 4));
    }

    // R 4.2.2 binom.test(x, n, conf.level)$conf.int, printed to 17 digits: the reference implementation of the exact
    // interval, to 1e-9 at both Fingertips levels (Newcombe's table above has 4 decimals only).
    [Theory]
    [InlineData(3, 20, 0.95, 0.032070937185463728, 0.37892682654531396)]
    [InlineData(65, 100, 0.95, 0.54815063817603038, 0.74270622146854881)]
    [InlineData(9856, 12345, 0.95, 0.79119202090955931, 0.8054268465870178)]   // large n: the beta quantile far from 0 and 1
    [InlineData(0, 20, 0.998, 0, 0.29205421561586209)]
    [InlineData(3, 20, 0.998, 0.0099875809983895978, 0.50872937397331652)]
    [InlineData(20, 20, 0.998, 0.70794578438413791, 1)]
    [InlineData(9856, 12345, 0.998, 0.78701965636513849, 0.80941472182122243)]
    public void Clopper_Pearson_matches_R_binom_test(long x, long n, double confidence, double lower, double upper)
    {
        var e = Proportions.ClopperPearson(x, n, confidence);
        Tolerance.Relative(lower, e.Lower);
        Tolerance.Relative(upper, e.Upper);
    }

    [Fact]
    public void Clopper_Pearson_at_zero_events_has_the_closed_form_upper_limit()
    {
        // With x = 0 the upper limit solves (1 − U)^n = α/2 exactly (Clopper & Pearson 1934).
        Tolerance.Relative(1 - Math.Pow(0.025, 1.0 / 20), Proportions.ClopperPearson(0, 20).Upper, 1e-12);
        Tolerance.Relative(Math.Pow(0.025, 1.0 / 20), Proportions.ClopperPearson(20, 20).Lower, 1e-12);
    }

    [Fact]
    public void Wilson_all_events_has_upper_exactly_one()
    {
        Assert.Equal(1.0, Proportions.Wilson(20, 20).Upper);
        Assert.Equal(0.0, Proportions.Wilson(0, 20).Lower);
        Assert.Equal(1.0, Proportions.ClopperPearson(20, 20).Upper);
    }

    [Theory]
    [InlineData(0, 1)]   // denominator 1, no event
    [InlineData(1, 1)]   // denominator 1, one event
    [InlineData(3, 7)]
    [InlineData(500, 1000)]
    public void Intervals_contain_the_estimate_and_stay_in_0_1(long x, long n)
    {
        foreach (var method in new[] { ProportionMethod.Wilson, ProportionMethod.ClopperPearson })
        {
            var e = Proportions.Interval(x, n, 0.95, method);
            Assert.InRange(e.Value, e.Lower, e.Upper);
            Assert.True(e.Lower >= 0 && e.Upper <= 1);
        }
    }

    [Fact]
    public void Interval_narrows_as_n_grows_at_a_fixed_proportion()
    {
        foreach (var method in new[] { ProportionMethod.Wilson, ProportionMethod.ClopperPearson })
        {
            var previous = double.MaxValue;
            foreach (var n in new long[] { 10, 100, 1000, 10000 })
            {
                var e = Proportions.Interval(n / 5, n, 0.95, method);
                Assert.True(e.Upper - e.Lower < previous);
                previous = e.Upper - e.Lower;
            }
        }
    }

    [Theory]
    [InlineData(-1, 10)]  // negative numerator
    [InlineData(11, 10)]  // numerator above denominator
    [InlineData(0, 0)]    // empty denominator
    public void Invalid_counts_are_rejected(long x, long n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(x, n));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.ClopperPearson(x, n));
    }

    [Fact]
    public void Z_for_95_and_99_8_percent_matches_published_quantiles()
    {
        Assert.Equal(1.959964, Proportions.Z(0.95), 6);
        Assert.Equal(3.090232, Proportions.Z(0.998), 6);
    }
}
