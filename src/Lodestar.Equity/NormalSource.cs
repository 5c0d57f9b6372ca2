namespace Lodestar.Equity;

/// <summary>
/// Seeded standard-normal draws (Marsaglia polar method) for the SII simulation, so a run is reproducible
/// (house rule: no ambient randomness).
/// </summary>
internal sealed class NormalSource
{
#pragma warning disable CA5394 // Statistical simulation, not security: a seeded, reproducible generator is the point.
    private readonly Random random;
    private double? spare;

    public NormalSource(int seed) => random = new Random(seed);

    public double Next()
    {
        if (spare is { } s)
        {
            spare = null;
            return s;
        }
        double u, v, q;
        do
        {
            u = 2 * random.NextDouble() - 1;
            v = 2 * random.NextDouble() - 1;
            q = u * u + v * v;
        }
        while (q >= 1 || q == 0);
        var f = Math.Sqrt(-2 * Math.Log(q) / q);
        spare = v * f;
        return u * f;
    }
#pragma warning restore CA5394
}
