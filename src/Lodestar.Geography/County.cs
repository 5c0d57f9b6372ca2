namespace Lodestar.Geography;

/// <summary>One county or county-equivalent (parish, borough, independent city), 2022+ Census geography.</summary>
/// <param name="Fips">5-digit state+county FIPS code, e.g. "28049".</param>
/// <param name="StateAbbreviation">USPS code, e.g. "MS".</param>
/// <param name="Name">Census name with its suffix, e.g. "Hinds County", "St. Louis city".</param>
/// <param name="Population">2020 Census count and Vintage 2023 estimates.</param>
/// <param name="RaceEthnicity">ACS 2018–2022 counts by OMB group (SVI 2022).</param>
/// <param name="Ages">ACS 2018–2022 broad age bands (SVI 2022).</param>
/// <param name="RuralUrbanContinuumCode">USDA ERS RUCC 2023, 1–9 (1–3 metro, 4–9 nonmetro).</param>
/// <param name="PrimaryCareHpsaScore">
/// Population-weighted HRSA primary-care geographic HPSA score (2020, Urban Institute derivation);
/// 0 means no geographic designation was attributed to the county, which is not the same as no
/// shortage; null when the county is missing from that file (2022 geography changes).
/// </param>
/// <param name="UninsuredPercent">ACS 2018–2022 percent uninsured, all ages (SVI EP_UNINSUR).</param>
/// <param name="LimitedEnglish">People 5+ who speak English "less than well" (SVI E_LIMENG).</param>
/// <param name="PovertyUnder150Percent">Percent below 150% of the poverty line (SVI EP_POV150).</param>
/// <param name="SocialVulnerabilityRank">SVI 2022 overall percentile rank (0–1, higher = more vulnerable).</param>
public sealed record County(
    string Fips,
    string StateAbbreviation,
    string Name,
    PopulationCounts Population,
    RaceEthnicityCounts RaceEthnicity,
    AgeStructure Ages,
    int RuralUrbanContinuumCode,
    double? PrimaryCareHpsaScore,
    double UninsuredPercent,
    long LimitedEnglish,
    double PovertyUnder150Percent,
    double SocialVulnerabilityRank)
{
    /// <summary>Nonmetro (RUCC 4–9), the ERS convention this product uses for "rural".</summary>
    public bool IsRural => RuralUrbanContinuumCode >= 4;

    /// <summary>Whether a primary-care geographic HPSA score above 0 was attributed to the county.</summary>
    public bool IsPrimaryCareShortageArea => PrimaryCareHpsaScore > 0;

    public string StateFips => Fips[..2];

    /// <summary>CDC PLACES 2023 estimates; null where PLACES has none (Florida, Connecticut's planning regions).</summary>
    public CountyHealth? Health { get; init; }
}
