using System.Collections.Frozen;
using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>Spellings of race/ethnicity groups in scenario files and ground-truth.json.</summary>
internal static class ScenarioNames
{
    private static readonly (OmbGroup Group, string Name)[] Groups =
    [
        (OmbGroup.Hispanic, "hispanic"), (OmbGroup.White, "white"), (OmbGroup.Black, "black"),
        (OmbGroup.AmericanIndianAlaskaNative, "aian"), (OmbGroup.Asian, "asian"),
        (OmbGroup.NativeHawaiianPacificIslander, "nhpi"), (OmbGroup.TwoOrMore, "two-or-more"), (OmbGroup.Other, "other"),
    ];

    private static readonly FrozenDictionary<string, OmbGroup> ByName =
        Groups.ToFrozenDictionary(g => g.Name, g => g.Group, StringComparer.OrdinalIgnoreCase);

    public static string Group(OmbGroup group) => Groups[(int)group].Name;

    public static bool TryParseGroup(string name, out OmbGroup group) => ByName.TryGetValue(name.Trim(), out group);

    public static string KnownGroups => string.Join(", ", Groups.Select(g => g.Name));
}
