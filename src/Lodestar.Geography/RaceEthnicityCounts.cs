namespace Lodestar.Geography;

/// <summary>
/// People in each <see cref="OmbGroup"/> (ACS 2018–2022 5-year estimates via SVI 2022). Every race
/// group is non-Hispanic, so the eight counts add up to the total with no overlap.
/// </summary>
public readonly record struct RaceEthnicityCounts(
    long Hispanic,
    long White,
    long Black,
    long AmericanIndianAlaskaNative,
    long Asian,
    long NativeHawaiianPacificIslander,
    long TwoOrMore,
    long Other)
{
    /// <summary>The number of groups, for loops over <see cref="this[OmbGroup]"/>.</summary>
    public const int GroupCount = 8;

    public long Total => Hispanic + White + Black + AmericanIndianAlaskaNative + Asian + NativeHawaiianPacificIslander + TwoOrMore + Other;

    public long this[OmbGroup group] => group switch
    {
        OmbGroup.Hispanic => Hispanic,
        OmbGroup.White => White,
        OmbGroup.Black => Black,
        OmbGroup.AmericanIndianAlaskaNative => AmericanIndianAlaskaNative,
        OmbGroup.Asian => Asian,
        OmbGroup.NativeHawaiianPacificIslander => NativeHawaiianPacificIslander,
        OmbGroup.TwoOrMore => TwoOrMore,
        OmbGroup.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    /// <summary>The group's share of the total (0 when the total is 0).</summary>
    public double Share(OmbGroup group) => Total == 0 ? 0 : (double)this[group] / Total;

    public static RaceEthnicityCounts operator +(RaceEthnicityCounts a, RaceEthnicityCounts b) => new(
        a.Hispanic + b.Hispanic, a.White + b.White, a.Black + b.Black,
        a.AmericanIndianAlaskaNative + b.AmericanIndianAlaskaNative, a.Asian + b.Asian,
        a.NativeHawaiianPacificIslander + b.NativeHawaiianPacificIslander, a.TwoOrMore + b.TwoOrMore, a.Other + b.Other);

    public static RaceEthnicityCounts Add(RaceEthnicityCounts left, RaceEthnicityCounts right) => left + right;
}
