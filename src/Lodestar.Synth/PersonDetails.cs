using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>Language, race coding and names: the parts of a Patient that do not drive history.</summary>
internal static class PersonDetails
{
    private static readonly string[] Family =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
        "Nguyen", "Begay", "Yazzie", "Chavez", "Sanchez", "Washington", "Tso", "Pham", "Kim", "Patel",
    ];

    private static readonly string[] FemaleGiven =
    [
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
        "Maria", "Ana", "Rosa", "Keisha", "Aaliyah", "Emma", "Olivia", "Ava", "Sophia", "Mia",
    ];

    private static readonly string[] MaleGiven =
    [
        "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles",
        "Jose", "Juan", "Luis", "DeShawn", "Marcus", "Liam", "Noah", "Elijah", "Lucas", "Mateo",
    ];

    public static (string Family, string Given) Name(ref Rng rng, bool female) =>
        (Family[rng.Next(Family.Length)], female ? FemaleGiven[rng.Next(FemaleGiven.Length)] : MaleGiven[rng.Next(MaleGiven.Length)]);

    /// <summary>
    /// Preferred language. ACS (C16001) orders of magnitude: about a quarter of Hispanic people prefer
    /// Spanish in care; a minority of Asian people prefer Vietnamese, Chinese, Korean or Tagalog;
    /// Navajo is widely spoken among American Indian people in New Mexico, Arizona and Utah.
    /// </summary>
    public static string Language(ref Rng rng, OmbGroup group, string state)
    {
        var u = rng.NextDouble();
        return group switch
        {
            OmbGroup.Hispanic => u < 0.27 ? "es" : "en",
            OmbGroup.Asian => u < 0.10 ? "vi" : u < 0.20 ? "zh" : u < 0.25 ? "ko" : u < 0.30 ? "tl" : "en",
            OmbGroup.AmericanIndianAlaskaNative when state is "NM" or "AZ" or "UT" => u < 0.25 ? "nv" : "en",
            _ => u < 0.003 ? "es" : "en",
        };
    }

    public static string LanguageName(string code) => code switch
    {
        "es" => "Spanish",
        "vi" => "Vietnamese",
        "zh" => "Chinese",
        "ko" => "Korean",
        "tl" => "Tagalog",
        "nv" => "Navajo",
        _ => "English",
    };

    /// <summary>
    /// Share of non-Hispanic White people who are Middle Eastern or North African: the 2020 Census
    /// Detailed DHC-A (Census Bureau, September 2023) counted about 2.5 million people MENA alone, ~1.2%
    /// of the White alone population. The staged data have no state or county MENA counts, so the
    /// national share is used everywhere (it is higher in California, Michigan and New York, lower in
    /// most of the South and Midwest).
    /// </summary>
    public const double MenaShareOfWhite = 0.012;

    /// <summary>
    /// US Core race ombCategory codes (CDC Race &amp; Ethnicity code set, urn:oid:2.16.840.1.113883.6.238)
    /// as an index into <see cref="RaceVariants"/>. Hispanic people's race is not in the SVI counts; it is
    /// drawn from the 2020 Census pattern (many report "some other race"), which US Core codes as text
    /// without an OMB category. MENA people (<see cref="MenaShareOfWhite"/>) are coded as 1997 OMB
    /// requires, White, with the CDC detailed code 2118-8, from which the 2024 OMB (SPD 15) combined
    /// question recognises Middle Eastern or North African as its own category.
    /// </summary>
    public static int Race(ref Rng rng, OmbGroup group)
    {
        switch (group)
        {
            case OmbGroup.White: return rng.Chance(MenaShareOfWhite) ? Mena : 0;
            case OmbGroup.Black: return 1;
            case OmbGroup.AmericanIndianAlaskaNative: return 2;
            case OmbGroup.Asian: return 3;
            case OmbGroup.NativeHawaiianPacificIslander: return 4;
            case OmbGroup.TwoOrMore:
                var u = rng.NextDouble();
                return u < 0.45 ? 5 : u < 0.75 ? 6 : 7;
            case OmbGroup.Other: return 8;
            default:
                var h = rng.NextDouble();
                return h < 0.40 ? 0 : h < 0.43 ? 1 : h < 0.46 ? 2 : 8;
        }
    }

    /// <summary>Index of the MENA variant in <see cref="RaceVariants"/>.</summary>
    public const int Mena = 9;

    /// <summary>(ombCategory codes, detailed codes, text) for each race variant <see cref="Race"/> returns.</summary>
    public static readonly (string[] Codes, string[] Detailed, string Text)[] RaceVariants =
    [
        (["2106-3"], [], "White"),
        (["2054-5"], [], "Black or African American"),
        (["1002-5"], [], "American Indian or Alaska Native"),
        (["2028-9"], [], "Asian"),
        (["2076-8"], [], "Native Hawaiian or Other Pacific Islander"),
        (["2106-3", "2054-5"], [], "Two or more races"),
        (["2106-3", "1002-5"], [], "Two or more races"),
        (["2106-3", "2028-9"], [], "Two or more races"),
        ([], [], "Other race"),
        (["2106-3"], ["2118-8"], "Middle Eastern or North African"),
    ];

    public static string RaceDisplay(string code) => code switch
    {
        "2106-3" => "White",
        "2054-5" => "Black or African American",
        "1002-5" => "American Indian or Alaska Native",
        "2028-9" => "Asian",
        "2076-8" => "Native Hawaiian or Other Pacific Islander",
        "2118-8" => "Middle Eastern or North African",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "no display for this race code"),
    };
}
