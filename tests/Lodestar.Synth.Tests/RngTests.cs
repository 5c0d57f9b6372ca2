namespace Lodestar.Synth.Tests;

public sealed class RngTests
{
    [Fact]
    public void Streams_are_reproducible_and_distinct()
    {
        var a = new Rng(42, 7);
        var b = new Rng(42, 7);
        var c = new Rng(42, 8);
        var same = 0;
        for (var i = 0; i < 100; i++)
        {
            var x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            same += x == c.NextUInt64() ? 1 : 0;
        }
        Assert.Equal(0, same);
    }

    [Fact]
    public void Uniform_and_Poisson_draws_have_the_right_means()
    {
        var rng = new Rng(1, 1);
        double sum = 0, poisson = 0;
        var below = new int[10];
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            sum += rng.NextDouble();
            poisson += rng.Poisson(3.0);
            below[rng.Next(10)]++;
        }
        Assert.InRange(sum / n, 0.497, 0.503);
        Assert.InRange(poisson / n, 2.98, 3.02);
        Assert.All(below, count => Assert.InRange(count, n / 10 * 0.97, n / 10 * 1.03));
    }

    [Fact]
    public void Pick_follows_the_cumulative_weights()
    {
        var rng = new Rng(3, 3);
        double[] cumulative = [1, 1, 4]; // weights 1, 0, 3
        var counts = new int[3];
        for (var i = 0; i < 40_000; i++)
        {
            counts[rng.Pick(cumulative)]++;
        }
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0] / 40_000.0, 0.24, 0.26);
    }
}
