using Lodestar.Geography;

namespace Lodestar.Mission.Inputs;

/// <summary>The closed code lists the input files use (docs/missions.md, "Input files").</summary>
internal static class Vocabulary
{
    public static readonly string[] Programs = ["md", "dmd", "nursing", "pharmacy", "allied-health", "residency"];
    public static readonly string[] Sexes = ["female", "male", "other", "unknown"];
    public static readonly string[] Roles = ["faculty", "staff", "resident"];
    public static readonly string[] Activities = ["outreach", "telehealth", "free-clinic"];
    public static readonly string[] Insured = ["yes", "no", "unknown"];

    /// <summary>OMB 1997 groups as the Census tabulates them (Hispanic of any race, then non-Hispanic races), plus unknown.</summary>
    public static readonly string[] RaceEthnicity = ["hispanic", "white", "black", "aian", "asian", "nhpi", "two-or-more", "other", "unknown"];

    /// <summary>
    /// Specialties counted as primary care: family medicine, general internal medicine, general pediatrics and
    /// internal medicine–pediatrics (Mullan et al., Ann Intern Med 2010), plus "primary-care" for nurses,
    /// pharmacists and allied professionals working in primary-care settings.
    /// </summary>
    public static readonly string[] PrimaryCare = ["family-medicine", "general-internal-medicine", "general-pediatrics", "internal-medicine-pediatrics", "primary-care"];

    public static OmbGroup? Group(string code) => code switch
    {
        "hispanic" => OmbGroup.Hispanic,
        "white" => OmbGroup.White,
        "black" => OmbGroup.Black,
        "aian" => OmbGroup.AmericanIndianAlaskaNative,
        "asian" => OmbGroup.Asian,
        "nhpi" => OmbGroup.NativeHawaiianPacificIslander,
        "two-or-more" => OmbGroup.TwoOrMore,
        "other" => OmbGroup.Other,
        _ => null,
    };

    public static string Code(OmbGroup group) => RaceEthnicity[(int)group];
}
