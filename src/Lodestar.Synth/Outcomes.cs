using System.Collections.Frozen;

namespace Lodestar.Synth;

/// <summary>Names, baselines and definitions of the <see cref="Outcome"/>s, as written to ground-truth.json.</summary>
public static class Outcomes
{
    private static readonly (Outcome Outcome, string Name, double Baseline, string Definition)[] Table =
    [
        (Outcome.BloodPressureControl, "bp-control", 0.62,
            "Patients 18–85 with essential hypertension (SNOMED 59621000 / ICD-10-CM I10) and an ambulatory visit in the year: the year's last blood pressure (LOINC 85354-9) has systolic 8480-6 < 140 and diastolic 8462-4 < 90 mm[Hg]. Drawn independently each year."),
        (Outcome.A1cPoorControl, "a1c-poor-control", 0.25,
            "Patients 18–75 with type 2 diabetes (44054006 / E11.9) and an ambulatory visit in the year: the year's last HbA1c (LOINC 4548-4) is > 9.0% (lower is better). Drawn independently each year."),
        (Outcome.Mammography, "mammography", 0.72,
            "Women 52–74 at the end of a year: a screening mammogram (CPT 77067) in the 27 months before the year's end. Screeners are screened every 2 years from two years before the first year."),
        (Outcome.ColorectalScreening, "colorectal-screening", 0.62,
            "People 46–75 at the end of a year: a colonoscopy (CPT 45378) in the 10 years before the year's end."),
        (Outcome.CervicalScreening, "cervical-screening", 0.73,
            "Women 24–64 at the end of a year: cervical cytology (CPT 88175) in the 3 years before the year's end."),
        (Outcome.FluVaccination, "flu-vaccination", 0.50,
            "People 6 months and older alive in a flu season (August–March): an influenza vaccine (CVX 140, 150 or 158) in the season. Drawn independently each season."),
        (Outcome.ChildhoodImmunization, "childhood-immunization", 0.70,
            "Children turning 2 in a year: every dose of the series (DTaP ×4, IPV ×3, MMR, Hib ×3, HepB ×3, VZV, PCV ×4, HepA, RV ×2) by the 2nd birthday; the others miss at least one dose."),
        (Outcome.Uninsured, "uninsured", double.NaN,
            "Coverage type 81 (self-pay) in the PHDSC Source of Payment Typology. Baseline varies by county (ACS uninsured share) and age; effects multiply the probability (ratio)."),
    ];

    private static readonly FrozenDictionary<string, Outcome> ByName =
        Table.ToFrozenDictionary(t => t.Name, t => t.Outcome, StringComparer.OrdinalIgnoreCase);

    /// <summary>All outcomes in a stable order.</summary>
    public static IReadOnlyList<Outcome> All { get; } = Table.Select(t => t.Outcome).ToArray();

    /// <summary>The kebab-case name used in scenario files and ground-truth.json.</summary>
    public static string Name(Outcome outcome) => Table[(int)outcome].Name;

    /// <summary>The rate everyone has before planted effects (NaN for <see cref="Outcome.Uninsured"/>, which varies by county).</summary>
    public static double DefaultBaseline(Outcome outcome) => Table[(int)outcome].Baseline;

    /// <summary>How the generator decides the outcome, in words a measure author can check against.</summary>
    public static string Definition(Outcome outcome) => Table[(int)outcome].Definition;

    public static bool TryParse(string name, out Outcome outcome) => ByName.TryGetValue(name.Trim(), out outcome);
}
