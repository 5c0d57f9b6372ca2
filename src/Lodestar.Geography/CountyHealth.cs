namespace Lodestar.Geography;

/// <summary>
/// CDC PLACES 2023 county estimates (model-based from BRFSS 2021, age-adjusted prevalence in percent
/// of adults). Useful as the county's expected burden, e.g. to compare a patient population with
/// its county. Second-hand copy: see Data/SOURCES.md.
/// </summary>
public sealed record CountyHealth(
    double DiabetesPercent,
    double HighBloodPressurePercent,
    double CoronaryHeartDiseasePercent,
    double DepressionPercent,
    double AsthmaPercent,
    double ChronicKidneyDiseasePercent,
    double ObesityPercent,
    double UninsuredAdults18To64Percent);
