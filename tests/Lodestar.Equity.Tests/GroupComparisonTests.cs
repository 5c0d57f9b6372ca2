namespace Lodestar.Equity.Tests;

public sealed class GroupComparisonTests
{
    // Newcombe 1998b (Stat Med 17:873, "Interval estimation for the difference between independent proportions"),
    // Table II, method 1 (asymptotic, no continuity correction), published to 4 decimals.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0575, 0.3425)]  // example (a)
    [InlineData(9, 10, 3, 10, 0.2605, 0.9395)]    // example (b): small n
    public void Difference_of_proportions_matches_Newcombe_1998b_method_1(long x1, long n1, long x2, long n2, double lower, double upper)
    {
        var groups = new[] { GroupStatistic.FromProportion("a", x1, n1), GroupStatistic.FromProportion("b", x2, n2) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "b", ProportionDifference = ProportionDifference.Wald })[0];
        Assert.Equal(lower, Math.Round(c.DifferenceLower!.Value, 4));
        Assert.Equal(upper, Math.Round(c.DifferenceUpper!.Value, 4));
    }

    // Newcombe 1998b Table II, method 10 (hybrid score from Wilson limits, no continuity correction), the default for
    // proportions given as counts; all eight examples, published to 4 decimals. The full-precision limits and the
    // p-values come from R 4 (stats::prop.test(correct = FALSE) for each group's Wilson limits, combined as
    // method 10 prescribes; the p-value is prop.test on the 2×2 table, i.e. the pooled score test):
    //   w <- function(x, n) prop.test(x, n, correct = FALSE)$conf.int
    //   nc <- function(x1, n1, x2, n2) { p1 <- x1/n1; p2 <- x2/n2; a <- w(x1, n1); b <- w(x2, n2); d <- p1 - p2
    //     c(d - sqrt((p1 - a[1])^2 + (b[2] - p2)^2), d + sqrt((a[2] - p1)^2 + (p2 - b[1])^2)) }
    //   sprintf("%.17g", c(nc(56, 70, 48, 80), prop.test(c(56, 48), c(70, 80), correct = FALSE)$p.value))
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339, 0.052431472402364926, 0.33387265403690586, 0.0080450813681965643)]  // (a)
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090, 0.17052272393450307, 0.80901797353548799, 0.0061698993205441532)]     // (b)
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062, 0.058227927482312314, 0.80624963752422774, 0.030753561259274559)]       // (c)
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926, -0.038137147903536853, 0.19256001385511157, 0.097186568170579746)]  // (d): a group at 0%
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775, -0.1611251580528193, 0.27753279986288915, 1.0)]                      // (e): both at 0%
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775, -0.27753279986288915, 0.27753279986288915, 1.0)]                     // (f)
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000, 0.67908603714191484, 1.0, 4.3204630578274968e-08)]                   // (g): 100% vs 0%
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000, 0.60750935043052434, 1.0, 7.7442164310440858e-06)]                   // (h)
    public void Difference_of_proportions_matches_Newcombe_1998b_method_10(long x1, long n1, long x2, long n2,
        double publishedLower, double publishedUpper, double lower, double upper, double p)
    {
        var groups = new[] { GroupStatistic.FromProportion("a", x1, n1), GroupStatistic.FromProportion("b", x2, n2) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "b" })[0];
        Assert.Equal(publishedLower, Math.Round(c.DifferenceLower!.Value, 4));
        Assert.Equal(publishedUpper, Math.Round(c.DifferenceUpper!.Value, 4));
        Tolerance.Relative(lower, c.DifferenceLower!.Value, 1e-12);
        Tolerance.Relative(upper, c.DifferenceUpper!.Value, 1e-12);
        Tolerance.Relative(p, c.DifferenceP!.Value, 1e-9);
    }

    [Fact]
    public void A_small_group_at_100_percent_is_not_significantly_better_by_a_zero_width_interval()
    {
        // 10/10 against 850/1000: the Wald pair difference takes the group's SE as 0, so its interval is the
        // reference's alone (12.8–17.2 points) and the group looks clearly better; the score interval admits no
        // difference. R, with nc() as above: 100 * nc(10, 10, 850, 1000) = -12.831039521484911 17.346865842680025;
        // prop.test(c(10, 850), c(10, 1000), correct = FALSE)$p.value = 0.18442159459246127.
        var groups = new[] { GroupStatistic.FromProportion("reference", 850, 1000, 100), GroupStatistic.FromProportion("small", 10, 10, 100) };
        var options = new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "reference", Direction = Direction.HigherIsBetter, ProportionScale = 100 };
        var wald = GroupComparison.Compare(groups, options with { ProportionDifference = ProportionDifference.Wald })[1];
        var score = GroupComparison.Compare(groups, options)[1];
        Assert.True(wald.DifferenceLower > 0);
        Assert.True(score.DifferenceLower < 0, $"score interval {score.DifferenceLower}–{score.DifferenceUpper}");
        Assert.Equal(15, score.Difference, 9);
        Tolerance.Relative(-12.831039521484911, score.DifferenceLower!.Value, 1e-12);
        Tolerance.Relative(17.346865842680025, score.DifferenceUpper!.Value, 1e-12);
        Tolerance.Relative(0.18442159459246127, score.DifferenceP!.Value, 1e-9);
        Assert.Equal(AhrqClass.Same, score.Class);
    }

    [Fact]
    public void Rates_and_value_se_groups_keep_the_wald_difference_whatever_the_option()
    {
        var rates = new[] { GroupStatistic.FromRate("a", 41, 28010, 1), GroupStatistic.FromRate("b", 15, 19017, 1) };
        var given = new[] { new GroupStatistic("a", 0.3, 0.05, 100), new GroupStatistic("b", 0.2, 0.04, 100) };
        foreach (var groups in new[] { rates, given })
        {
            var options = new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "b" };
            Assert.Equal(GroupComparison.Compare(groups, options with { ProportionDifference = ProportionDifference.Wald })[0],
                GroupComparison.Compare(groups, options)[0]);
        }
    }

    [Fact]
    public void Rate_ratio_interval_matches_epitools_rateratio_wald()
    {
        // HD*Calc pair ratio: exp(ln RR ± z√(s₁²/r₁² + s₀²/r₀²)); with Poisson SEs s/r = 1/√x, the log-normal (Wald)
        // interval. Rothman 1998 p. 238 breast-cancer data (41 cases in 28,010 person-years exposed, 15 in 19,017
        // unexposed), the example of epitools::rateratio; epitools 0.5-10.1 rateratio.wald(conf.level = 0.90) prints
        // 1.8557586576222778 (1.1296959463314877, 3.0484664537598594).
        var groups = new[] { GroupStatistic.FromRate("exposed", 41, 28010, 1), GroupStatistic.FromRate("unexposed", 15, 19017, 1) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "unexposed", Confidence = 0.90 })[0];
        Tolerance.Relative(1.8557586576222778, c.Ratio!.Value, 1e-12);
        Tolerance.Relative(1.1296959463314877, c.RatioLower!.Value, 1e-12);
        Tolerance.Relative(3.0484664537598594, c.RatioUpper!.Value, 1e-12);
    }

    [Fact]
    public void Rate_difference_and_p_values_match_a_worked_calculation()
    {
        // The same data, worked by hand from HD*Calc's pair-difference formula (intermediate values to 17 digits):
        // r₁ = 41/28010 = 0.0014637629418064978, r₀ = 15/19017 = 0.00078876794447073676, d = 0.00067499499733576101;
        // Poisson variances x/n²: 5.2258584141610057e-08 and 4.1476991348306078e-08, SE = 0.00030616266181544106;
        // z(90%) = 1.6448536269514715 → d ± z·SE = (0.00017140223261151596, 0.0011785877620600061),
        // p = 2Φ(−d/SE) = 0.027475571287509094. Ratio: ln RR = 0.61829359230021963, SE(ln RR) = √(1/41 + 1/15) =
        // 0.30175637618632967, p = 2Φ(−ln RR/SE) = 0.040463807308744361.
        var groups = new[] { GroupStatistic.FromRate("exposed", 41, 28010, 1), GroupStatistic.FromRate("unexposed", 15, 19017, 1) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "unexposed", Confidence = 0.90 })[0];
        Tolerance.Relative(0.00067499499733576101, c.Difference, 1e-12);
        Tolerance.Relative(0.00017140223261151596, c.DifferenceLower!.Value);
        Tolerance.Relative(0.0011785877620600061, c.DifferenceUpper!.Value);
        Tolerance.Relative(0.027475571287509094, c.DifferenceP!.Value);
        Tolerance.Relative(0.040463807308744361, c.RatioP!.Value);
    }

    // NHQDR worked example (AHRQ NHDR 2010 ch. 1; STATISTICS-METHODS §3.1): 90% vs 88% receiving care is a 2.2%
    // relative difference as given, 20% in the adverse framing (10% vs 12% not receiving care).
    [Theory]
    [InlineData(false, 0.20, AhrqClass.Worse)]   // adverse framing (default): 20% ≥ 10% and significant
    [InlineData(true, 0.0222, AhrqClass.Same)]   // as given: 2.2% < 10% → same despite significance
    public void Ahrq_rule_depends_on_the_framing(bool asGiven, double relative, AhrqClass expected)
    {
        var groups = new[] { GroupStatistic.FromProportion("reference", 90_000, 100_000, 100), GroupStatistic.FromProportion("group", 88_000, 100_000, 100) };
        var options = new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "reference", Direction = Direction.HigherIsBetter, ProportionScale = 100, AhrqAsGiven = asGiven };
        var c = GroupComparison.Compare(groups, options)[1];
        Assert.Equal(relative, Math.Round(c.RelativeDifference!.Value, 4));
        Assert.True(c.DifferenceP < 0.05);
        Assert.Equal(expected, c.Class);
    }

    [Theory]
    [InlineData(11_000, 10_000, 1_000_000, AhrqClass.Worse)]   // exactly 10% higher, large n: the 10% threshold is inclusive
    [InlineData(10_900, 10_000, 1_000_000, AhrqClass.Same)]    // 9%: below the threshold however significant
    [InlineData(8_000, 10_000, 1_000_000, AhrqClass.Better)]   // lower rate of an adverse outcome
    [InlineData(15, 10, 1_000, AhrqClass.Same)]                // 50% but not significant with few events
    public void Ahrq_rule_needs_both_ten_percent_and_significance(long events, long referenceEvents, double population, AhrqClass expected)
    {
        var groups = new[] { GroupStatistic.FromRate("ref", referenceEvents, population), GroupStatistic.FromRate("g", events, population) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "ref" })[1];
        Assert.Equal(expected, c.Class);
    }

    [Fact]
    public void Identical_groups_have_ratio_one_difference_zero_and_p_one()
    {
        var groups = new[] { GroupStatistic.FromRate("a", 50, 1000), GroupStatistic.FromRate("b", 50, 1000) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "a" })[1];
        Assert.Equal(0, c.Difference);
        Assert.Equal(1, c.Ratio);
        Tolerance.Relative(1, c.DifferenceP!.Value, 1e-12);
        Assert.Equal(AhrqClass.Same, c.Class);
        Assert.InRange(1.0, c.RatioLower!.Value, c.RatioUpper!.Value);
    }

    [Theory]
    [InlineData(ReferenceChoice.Largest, Direction.HigherIsWorse, "big")]          // largest population
    [InlineData(ReferenceChoice.MostFavourable, Direction.HigherIsWorse, "low")]   // lowest rate of an adverse outcome
    [InlineData(ReferenceChoice.MostFavourable, Direction.HigherIsBetter, "big")]  // highest value of a favourable one
    public void Reference_is_picked_as_documented(ReferenceChoice choice, Direction direction, string expected)
    {
        var groups = new[] { GroupStatistic.FromRate("low", 1, 1000), GroupStatistic.FromRate("big", 90, 5000), GroupStatistic.FromRate("tie", 1, 1000) };
        var index = GroupComparison.PickReference(groups, new ComparisonOptions { Reference = choice, Direction = direction });
        Assert.Equal(expected, groups[index].Group);
    }

    [Fact]
    public void Zero_reference_leaves_the_ratio_and_relative_difference_empty()
    {
        var groups = new[] { GroupStatistic.FromRate("ref", 0, 1000), GroupStatistic.FromRate("g", 5, 1000) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "ref" })[1];
        Assert.Null(c.Ratio);
        Assert.Null(c.RelativeDifference);
        Assert.Equal(AhrqClass.NotClassified, c.Class);
        Assert.Contains("no ratio: the reference value is not above 0", c.Note, StringComparison.Ordinal);
        Assert.Contains("no relative difference", c.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Proportions_of_0_and_1_have_no_wald_test_and_the_note_says_so()
    {
        // Wald: √(p(1 − p)/n) is 0 at p = 0 and p = 1: a difference of 1 with two zero SEs has no z, so no p-value.
        var groups = new[] { GroupStatistic.FromProportion("ref", 0, 100), GroupStatistic.FromProportion("all", 100, 100) };
        var wald = new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "ref", ProportionDifference = ProportionDifference.Wald };
        var c = GroupComparison.Compare(groups, wald)[1];
        Assert.Equal(1, c.Difference);
        Assert.Null(c.DifferenceP);
        Assert.Contains("no difference p-value", c.Note, StringComparison.Ordinal);
        // The score test pools the groups, so it has a p-value: prop.test(c(100, 0), c(100, 100), correct = FALSE)$p.value.
        var score = GroupComparison.Compare(groups, wald with { ProportionDifference = ProportionDifference.Newcombe })[1];
        Tolerance.Relative(2.0884875837625449e-45, score.DifferenceP!.Value, 1e-9);
        Assert.DoesNotContain("p-value", score.Note, StringComparison.Ordinal);
        var same = GroupComparison.Compare([GroupStatistic.FromProportion("a", 0, 100), GroupStatistic.FromProportion("b", 0, 50)],
            wald with { ReferenceGroup = "a" })[1];
        Assert.Equal(1, same.DifferenceP); // equal values: p = 1, nothing to explain
        Assert.DoesNotContain("p-value", same.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_group_is_its_own_reference()
    {
        var c = Assert.Single(GroupComparison.Compare([GroupStatistic.FromRate("only", 5, 100)]));
        Assert.Equal(AhrqClass.Reference, c.Class);
    }

    [Fact]
    public void Unknown_named_reference_is_rejected() =>
        Assert.Throws<ArgumentException>(() => GroupComparison.Compare([GroupStatistic.FromRate("a", 1, 10)], new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "zzz" }));
}
