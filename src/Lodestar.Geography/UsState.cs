namespace Lodestar.Geography;

/// <summary>
/// A state (or DC) with the population denominators built from its counties. The Census 2020
/// count and the race/ethnicity and age counts are sums over its counties; the estimates are the
/// Census state rows (which equal the county sums in Vintage 2023).
/// </summary>
public sealed record UsState(
    string Fips,
    string Abbreviation,
    string Name,
    PopulationCounts Population,
    RaceEthnicityCounts RaceEthnicity,
    AgeStructure Ages,
    IReadOnlyList<County> Counties)
{
    /// <summary>The state's share of people in <paramref name="group"/> (ACS), the denominator of a representation index.</summary>
    public double Share(OmbGroup group) => RaceEthnicity.Share(group);

    /// <summary>People living in nonmetro (RUCC 4–9) counties, 2020 Census.</summary>
    public long RuralPopulation2020 => Counties.Where(c => c.IsRural).Sum(c => c.Population.Census2020);
}
