namespace Lodestar.Geography;

/// <summary>
/// Resident population: the 2020 Decennial Census count and the Census Bureau Vintage 2023
/// estimates (April 1 2020 base, July 1 2020–2023).
/// </summary>
public readonly record struct PopulationCounts(
    long Census2020,
    long EstimatesBase2020,
    long Estimate2020,
    long Estimate2021,
    long Estimate2022,
    long Estimate2023)
{
    /// <summary>First and last year with a July 1 estimate.</summary>
    public const int FirstEstimateYear = 2020;

    public const int LastEstimateYear = 2023;

    /// <summary>
    /// The July 1 estimate for <paramref name="year"/>; years after 2023 use 2023 (the latest
    /// vintage staged) and years before 2020 use 2020, so denominators never go missing.
    /// </summary>
    public long ForYear(int year) => Math.Clamp(year, FirstEstimateYear, LastEstimateYear) switch
    {
        2020 => Estimate2020,
        2021 => Estimate2021,
        2022 => Estimate2022,
        _ => Estimate2023,
    };

    public static PopulationCounts operator +(PopulationCounts a, PopulationCounts b) => new(
        a.Census2020 + b.Census2020, a.EstimatesBase2020 + b.EstimatesBase2020, a.Estimate2020 + b.Estimate2020,
        a.Estimate2021 + b.Estimate2021, a.Estimate2022 + b.Estimate2022, a.Estimate2023 + b.Estimate2023);

    public static PopulationCounts Add(PopulationCounts left, PopulationCounts right) => left + right;
}
