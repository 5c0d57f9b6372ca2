namespace Lodestar.Geography;

/// <summary>
/// Single-year age distributions from the three broad ACS bands a county has (0–17, 18–64, 65+).
/// The staged data has no finer county detail, so within each band the shape is taken from the
/// 2000 US standard population (NCHS 11 groups, Anderson &amp; Rosenberg, NVSR 47(3), 1998, Table I),
/// spread evenly over the single years of each standard group; 85+ is spread over 85–99 with a
/// linear decline. The band totals are exactly the county's.
/// </summary>
public static class AgeBands
{
    /// <summary>Oldest single year of age produced.</summary>
    public const int MaxAge = 99;

    // (first age, last age, population in thousands) from the NCHS 2000 standard; 85+ capped at 99.
    private static readonly (int From, int To, double Thousands)[] Standard2000 =
    [
        (0, 0, 3795), (1, 4, 15192), (5, 14, 39977), (15, 24, 38077), (25, 34, 37233), (35, 44, 44659),
        (45, 54, 37030), (55, 64, 23961), (65, 74, 18136), (75, 84, 12315), (85, 99, 4259),
    ];

    private static readonly double[] StandardByYear = BuildStandardByYear();

    /// <summary>Probability of each single year of age 0..<see cref="MaxAge"/> (sums to 1).</summary>
    public static double[] SingleYearDistribution(AgeStructure ages)
    {
        var result = new double[MaxAge + 1];
        var total = (double)ages.Total;
        if (total <= 0)
        {
            return result;
        }
        Spread(result, 0, 17, ages.Under18 / total);
        Spread(result, 18, 64, ages.Age18To64 / total);
        Spread(result, 65, MaxAge, ages.Age65AndOver / total);
        return result;
    }

    private static void Spread(double[] into, int from, int to, double mass)
    {
        var sum = 0.0;
        for (var a = from; a <= to; a++)
        {
            sum += StandardByYear[a];
        }
        for (var a = from; a <= to; a++)
        {
            into[a] = mass * StandardByYear[a] / sum;
        }
    }

    private static double[] BuildStandardByYear()
    {
        var byYear = new double[MaxAge + 1];
        foreach (var (from, to, thousands) in Standard2000)
        {
            if (from == 85)
            {
                // Linear decline over 85–99 (weights 15..1) so centenarian-adjacent ages stay rare.
                var weightSum = (to - from + 1) * (to - from + 2) / 2.0;
                for (var a = from; a <= to; a++)
                {
                    byYear[a] = thousands * (to - a + 1) / weightSum;
                }
                continue;
            }
            for (var a = from; a <= to; a++)
            {
                byYear[a] = thousands / (to - from + 1);
            }
        }
        return byYear;
    }
}
