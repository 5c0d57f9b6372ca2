namespace Lodestar.Geography;

/// <summary>
/// Broad age bands from the ACS 2018–2022 5-year estimates (SVI 2022 E_AGE17, E_AGE65, E_TOTPOP).
/// 18–64 is derived as total − (0–17) − (65+). Finer bands are not in the staged data; see
/// <see cref="AgeBands"/> for how they are apportioned.
/// </summary>
public readonly record struct AgeStructure(long Under18, long Age18To64, long Age65AndOver)
{
    public long Total => Under18 + Age18To64 + Age65AndOver;

    public static AgeStructure operator +(AgeStructure a, AgeStructure b) =>
        new(a.Under18 + b.Under18, a.Age18To64 + b.Age18To64, a.Age65AndOver + b.Age65AndOver);

    public static AgeStructure Add(AgeStructure left, AgeStructure right) => left + right;
}
