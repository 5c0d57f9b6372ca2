using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>
/// Who a planted effect applies to; every given criterion must hold (AND). An empty selector
/// matches everyone. Ages are at the end of the year being generated.
/// </summary>
public sealed record PopulationSelector(
    IReadOnlyList<OmbGroup>? Races = null,
    bool? Rural = null,
    IReadOnlyList<string>? Counties = null,
    string? Sex = null,
    int? MinAge = null,
    int? MaxAge = null,
    IReadOnlyList<string>? Languages = null)
{
    internal bool Matches(in PersonTraits person, int ageAtYearEnd) =>
        (Races is null || Races.Contains(person.Group))
        && (Rural is null || Rural == person.County.IsRural)
        && (Counties is null || Counties.Contains(person.County.Fips))
        && (Sex is null || string.Equals(Sex, person.Female ? "female" : "male", StringComparison.Ordinal))
        && (MinAge is null || ageAtYearEnd >= MinAge)
        && (MaxAge is null || ageAtYearEnd <= MaxAge)
        && (Languages is null || Languages.Contains(person.Language));

    /// <summary>The selector in words, for ground-truth.json.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Races is not null)
        {
            parts.Add("race/ethnicity in [" + string.Join(", ", Races.Select(ScenarioNames.Group)) + "]");
        }
        if (Rural is not null)
        {
            parts.Add(Rural.Value ? "rural county (RUCC 4–9)" : "metro county (RUCC 1–3)");
        }
        if (Counties is not null)
        {
            parts.Add("county in [" + string.Join(", ", Counties) + "]");
        }
        if (Sex is not null)
        {
            parts.Add("sex " + Sex);
        }
        if (MinAge is not null || MaxAge is not null)
        {
            parts.Add($"age {MinAge ?? 0}–{(MaxAge is null ? "" : MaxAge.ToString())}");
        }
        if (Languages is not null)
        {
            parts.Add("language in [" + string.Join(", ", Languages) + "]");
        }
        return parts.Count == 0 ? "everyone" : string.Join(" and ", parts);
    }
}
