namespace Lodestar.Equity.Tests;

public sealed class MomentsTests
{
    private static Moments Of(IEnumerable<double> xs) => xs.Aggregate(default(Moments), (m, x) => m.Add(x));

    [Fact]
    public void Variance_is_the_sample_variance()
    {
        var m = Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(8, m.Count);
        Assert.Equal(5, m.Mean, 12);
        Assert.Equal(32.0 / 7, m.Variance!.Value, 12);
        Assert.Equal(40, m.Sum, 12);
    }

    [Fact]
    public void Combining_two_halves_equals_adding_every_value()
    {
        double[] xs = [1, 17, 3.5, 0, 12, 8, 8, 2, 40, 6];
        var whole = Of(xs);
        var merged = Of(xs.Take(3)).Combine(Of(xs.Skip(3)));
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.Mean, merged.Mean, 12);
        Assert.Equal(whole.Variance!.Value, merged.Variance!.Value, 10);
        Assert.Equal(whole, default(Moments).Combine(whole));
        Assert.Equal(whole, whole.Combine(default));
    }

    [Fact]
    public void Large_offsets_keep_their_digits()
    {
        // 1e9 + {4, 7, 13, 16}: the textbook Σx² − (Σx)²/n loses every digit in doubles; the variance is 30.
        var m = Of([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
        Assert.Equal(30, m.Variance!.Value, 6);
    }

    [Fact]
    public void Fewer_than_two_values_have_no_variance()
    {
        Assert.Null(default(Moments).Variance);
        Assert.Null(Of([5]).StandardErrorOfMean);
    }
}
