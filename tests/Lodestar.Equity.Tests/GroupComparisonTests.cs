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
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "b" })[0];
        Assert.Equal(lower, Math.Round(c.DifferenceLower!.Value, 4));
        Assert.Equal(upper, Math.Round(c.DifferenceUpper!.Value, 4));
    }

    [Fact]
    public void Rate_ratio_interval_is_the_log_normal_interval_of_HD_Calc()
    {
        // HD*Calc pair ratio: exp(ln RR ± z√(s₁²/r₁² + s₀²/r₀²)); with Poisson SEs s/r = 1/√x, so the SE of ln RR is √(1/x₁ + 1/x₀).
        var groups = new[] { GroupStatistic.FromRate("exposed", 41, 28010, 1), GroupStatistic.FromRate("unexposed", 15, 19017, 1) };
        var c = GroupComparison.Compare(groups, new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "unexposed", Confidence = 0.90 })[0];
        var rr = 41.0 / 28010 / (15.0 / 19017);
        var se = Math.Sqrt(1.0 / 41 + 1.0 / 15);
        var z = Proportions.Z(0.90);
        Tolerance.Relative(rr, c.Ratio!.Value, 1e-12);
        Tolerance.Relative(rr * Math.Exp(-z * se), c.RatioLower!.Value, 1e-12);
        Tolerance.Relative(rr * Math.Exp(z * se), c.RatioUpper!.Value, 1e-12);
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
