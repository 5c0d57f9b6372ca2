namespace Lodestar.Geography;

/// <summary>
/// Mutually exclusive race/ethnicity groups as tabulated by the Census Bureau and the CDC/ATSDR SVI
/// (OMB 1997 standard): Hispanic or Latino of any race, then each race among non-Hispanic people.
/// </summary>
public enum OmbGroup
{
    Hispanic = 0,
    White = 1,
    Black = 2,
    AmericanIndianAlaskaNative = 3,
    Asian = 4,
    NativeHawaiianPacificIslander = 5,
    TwoOrMore = 6,
    Other = 7,
}
