namespace Lodestar.Equity.Tests;

using static SuppressionReason;

public sealed class SmallCellSuppressionTests
{
    // Rules from the CMS Cell Size Suppression Policy (ResDAC, 01/26/2024): cells of 1–10 are not shown, zero may be
    // shown, and no shown value may let a reader derive a suppressed cell, hence complementary suppression.
    public static TheoryData<long[], long, SuppressionReason[], SuppressionReason> Cases => new()
    {
        // Nothing small: nothing withheld.
        { new long[] { 40, 50, 60 }, 150, new[] { None, None, None }, None },
        // Zero is shown and does not trigger anything.
        { new long[] { 0, 50, 60 }, 110, new[] { None, None, None }, None },
        // One small cell: the next-smallest stratum is withheld so 5 = 150 − 60 − 85 cannot be worked out.
        { new long[] { 5, 85, 60 }, 150, new[] { Primary, None, Complementary }, None },
        // 10 is still small (threshold 11 means 1–10 withheld); 11 is shown.
        { new long[] { 10, 11, 50 }, 71, new[] { Primary, Complementary, None }, None },
        // Two small cells protect each other: no complement needed.
        { new long[] { 3, 4, 100 }, 107, new[] { Primary, Primary, None }, None },
        // The complement skips zeros while a positive cell is left, because hiding a zero hides nothing.
        { new long[] { 7, 0, 30 }, 37, new[] { Primary, None, Complementary }, None },
        // A single stratum equal to the total: the only complement available is the total.
        { new long[] { 4 }, 4, new[] { Primary }, Primary },
        // Single stratum that is large, total large: nothing.
        { new long[] { 400 }, 400, new[] { None }, None },
        // The residual (total − strata, e.g. "unknown") is 6: it is sensitive, so one shown stratum is withheld.
        { new long[] { 40, 50 }, 96, new[] { Complementary, None }, None },
        // Ties: the first of the equal candidates is taken, so the output is deterministic.
        { new long[] { 2, 30, 30 }, 62, new[] { Primary, Complementary, None }, None },
        // Only zeros left besides the small cell: a zero is withheld rather than nothing.
        { new long[] { 0, 5, 0 }, 5, new[] { None, Primary, None }, Primary },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_withholds_small_cells_and_their_complements(long[] strata, long total, SuppressionReason[] cells, SuppressionReason totalReason)
    {
        var result = SmallCellSuppression.Apply(strata, total);
        Assert.Equal(cells, result.Cells);
        Assert.Equal(totalReason, result.Total);
    }

    [Fact]
    public void No_single_withheld_value_is_ever_left_alone()
    {
        // Property over many tables: never exactly one unknown in Σ strata + residual = total.
        var random = new Random(20240126);
        for (var trial = 0; trial < 2000; trial++)
        {
            var strata = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (long)random.Next(0, 40)).ToArray();
            var total = strata.Sum() + (random.Next(3) == 0 ? random.Next(0, 15) : 0);
            var result = SmallCellSuppression.Apply(strata, total);
            var unknown = result.Cells.Count(c => c != None) + (result.IsTotalSuppressed ? 1 : 0)
                + (SmallCellSuppression.IsPrimary(total - strata.Sum()) ? 1 : 0);
            Assert.NotEqual(1, unknown);
            for (var i = 0; i < strata.Length; i++)
            {
                if (SmallCellSuppression.IsPrimary(strata[i]))
                {
                    Assert.True(result.IsCellSuppressed(i));
                }
            }
        }
    }

    [Fact]
    public void Threshold_and_zero_suppression_are_configurable()
    {
        var r = SmallCellSuppression.Apply(new long[] { 0, 15, 30 }, 45, threshold: 20, suppressZero: true);
        Assert.Equal(new[] { Primary, Primary, None }, r.Cells);
    }

    [Fact]
    public void Total_smaller_than_the_strata_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallCellSuppression.Apply(new long[] { 5, 6 }, 10));
}
