using Lodestar.Measures.Definitions;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.Measures.Engine;

/// <summary>
/// The built-in stratifiers. Race and ethnicity follow the OMB categories carried by the US Core
/// extensions (CDC Race &amp; Ethnicity codes, urn:oid:2.16.840.1.113883.6.238); a patient reporting
/// more than one race category is "Multiracial", as the 2024 OMB revision (SPD 15) reports it.
/// Age and payer are taken at the end of the measurement period.
/// </summary>
public static class Stratifiers
{
    private static readonly Dictionary<string, string> RaceLabels = new(StringComparer.Ordinal)
    {
        ["1002-5"] = "American Indian or Alaska Native",
        ["2028-9"] = "Asian",
        ["2054-5"] = "Black or African American",
        ["2076-8"] = "Native Hawaiian or Other Pacific Islander",
        ["2106-3"] = "White",
        ["2118-8"] = "Middle Eastern or North African",
        ["2131-1"] = "Other race",
    };

    private static readonly Dictionary<string, string> LanguageLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English", ["es"] = "Spanish", ["vi"] = "Vietnamese", ["zh"] = "Chinese", ["nv"] = "Navajo",
        ["ar"] = "Arabic", ["ko"] = "Korean", ["tl"] = "Tagalog", ["fr"] = "French", ["de"] = "German",
        ["ru"] = "Russian", ["bs"] = "Bosnian", ["hi"] = "Hindi", ["pt"] = "Portuguese", ["ja"] = "Japanese",
    };

    private static readonly (int Min, int Max, string Label)[] AgeBands =
        [(0, 17, "0-17"), (18, 44, "18-44"), (45, 64, "45-64"), (65, 74, "65-74"), (75, int.MaxValue, "75+")];

    public const string Unknown = "Unknown";

    /// <summary>Uninsured comes last: it describes a patient only when no other coverage is active.</summary>
    private static readonly string[] PayerPriority =
        [PayerTypes.Medicare, PayerTypes.Medicaid, PayerTypes.Private, PayerTypes.OtherPublic, PayerTypes.Other, PayerTypes.Uninsured];

    public static string Label(string id) => id switch
    {
        "race" => "Race",
        "ethnicity" => "Ethnicity",
        "race-ethnicity" => "Race and ethnicity",
        "sex" => "Sex",
        "age" => "Age band",
        "payer" => "Payer",
        "language" => "Preferred language",
        "county" => "County",
        "rurality" => "Rurality",
        _ => id,
    };

    public static Stratification Compute(string id, EvaluationContext context, Period period)
    {
        ArgumentNullException.ThrowIfNull(context);
        var labels = new List<Stratum>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var stratumOf = new int[context.PatientCount];
        int Intern(string code, string label)
        {
            if (!index.TryGetValue(code, out var i))
            {
                i = labels.Count;
                index[code] = i;
                labels.Add(new Stratum(code, label));
            }
            return i;
        }
        Func<int, (string Code, string Label)> of = id switch
        {
            "race" => Race(context),
            "ethnicity" => Ethnicity(context),
            "race-ethnicity" => RaceEthnicity(context),
            "sex" => Sex(context),
            "age" => p => AgeBand(context.Age(p, period.End)),
            "payer" => Payer(context, period.End),
            "language" => Language(context),
            "county" => County(context),
            "rurality" => Rurality(context),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown stratifier"),
        };
        for (var p = 0; p < stratumOf.Length; p++)
        {
            var (code, label) = of(p);
            stratumOf[p] = Intern(code, label);
        }
        var ordered = Ordered(id, labels);
        var remap = new int[labels.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            remap[index[ordered[i].Code]] = i;
        }
        for (var p = 0; p < stratumOf.Length; p++)
        {
            stratumOf[p] = remap[stratumOf[p]];
        }
        return new Stratification(id, Label(id), ordered, stratumOf);
    }

    /// <summary>
    /// Strata in the stable, readable order every executor reports: by label, with Unknown-like strata last
    /// (age bands by their lower bound). A store that counts strata itself orders them with this too.
    /// </summary>
    public static IReadOnlyList<Stratum> Ordered(string id, IEnumerable<Stratum> strata) =>
        strata
            .OrderBy(s => s.Code.StartsWith("unknown", StringComparison.Ordinal) || s.Code == "unresolved" ? 1 : 0)
            .ThenBy(s => id == "age" ? Array.FindIndex(AgeBands, b => b.Label == s.Code) : 0)
            .ThenBy(s => s.Label, StringComparer.Ordinal)
            .ThenBy(s => s.Code, StringComparer.Ordinal) // two codes sharing a label: not by discovery order, which differs per executor
            .ToList();

    private static string Bare(string code)
    {
        var bar = code.LastIndexOf('|');
        return bar >= 0 ? code[(bar + 1)..] : code;
    }

    /// <summary>The codes of a patient in a column that may hold one code or a list of them.</summary>
    private static Func<int, IEnumerable<string>> Codes(EvaluationContext c, string name)
    {
        if (!c.Patients.Has(name))
        {
            return _ => [];
        }
        return c.Patients[name] switch
        {
            StringListColumn list => p => list.Row(p).ToArray().Select(v => list.Dictionary[v]),
            StringColumn single => p => single[p] is { } v ? [v] : [],
            var other => throw new InvalidOperationException($"patient.{name} is {other.Type}, expected codes"),
        };
    }

    private static Func<int, (string, string)> Race(EvaluationContext c)
    {
        var codes = Codes(c, S.Race);
        return p => Race(codes(p));
    }

    /// <summary>The race stratum of a patient's race codes ("system|code" or bare): one OMB category, several, or none.</summary>
    public static (string Code, string Label) Race(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        string? only = null;
        var many = false;
        foreach (var raw in codes)
        {
            var code = Bare(raw);
            if (!RaceLabels.ContainsKey(code))
            {
                continue; // detailed codes, ASKU, UNK: the OMB category decides
            }
            if (only is null)
            {
                only = code;
            }
            else if (only != code)
            {
                many = true;
            }
        }
        return many ? ("multiracial", "Multiracial")
            : only is null ? ("unknown", Unknown)
            : (only, RaceLabels[only]);
    }

    private static Func<int, (string, string)> Ethnicity(EvaluationContext c)
    {
        var codes = Codes(c, S.Ethnicity);
        return p => Ethnicity(codes(p));
    }

    /// <summary>The ethnicity stratum of a patient's ethnicity codes: the first OMB ethnicity code among them.</summary>
    public static (string Code, string Label) Ethnicity(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var raw in codes)
        {
            switch (Bare(raw))
            {
                case "2135-2": return ("2135-2", "Hispanic or Latino");
                case "2186-5": return ("2186-5", "Not Hispanic or Latino");
            }
        }
        return ("unknown", Unknown);
    }

    private static Func<int, (string, string)> RaceEthnicity(EvaluationContext c)
    {
        var race = Codes(c, S.Race);
        var ethnicity = Codes(c, S.Ethnicity);
        return p => RaceEthnicity(race(p), ethnicity(p));
    }

    /// <summary>The combined measure most US equity reports use: Hispanic of any race, then non-Hispanic by race.</summary>
    public static (string Code, string Label) RaceEthnicity(IEnumerable<string> raceCodes, IEnumerable<string> ethnicityCodes)
    {
        var (e, _) = Ethnicity(ethnicityCodes);
        if (e == "2135-2")
        {
            return ("hispanic", "Hispanic or Latino (any race)");
        }
        var (code, label) = Race(raceCodes);
        return e == "2186-5" ? ("nh-" + code, "Non-Hispanic " + label) : ("unknown", Unknown);
    }

    private static Func<int, (string, string)> Sex(EvaluationContext c)
    {
        var column = c.Patients.Get<StringColumn>(S.Gender);
        return p => Sex(column[p]);
    }

    /// <summary>The sex stratum of an administrative gender value.</summary>
    public static (string Code, string Label) Sex(string? gender) => gender switch
    {
        "female" => ("female", "Female"),
        "male" => ("male", "Male"),
        "other" => ("other", "Other"),
        _ => ("unknown", Unknown),
    };

    /// <summary>The age band of an age in completed years (null without a birth date).</summary>
    public static (string Code, string Label) AgeBand(int? age)
    {
        if (age is { } a && a >= 0)
        {
            foreach (var (min, max, label) in AgeBands)
            {
                if (a >= min && a <= max)
                {
                    return (label, label);
                }
            }
        }
        return ("unknown", Unknown);
    }

    /// <summary>Coverage active on the date; with several, the first of Medicare, Medicaid, private, other public, other, uninsured.</summary>
    private static Func<int, (string, string)> Payer(EvaluationContext c, DateOnly at)
    {
        var best = new int[c.PatientCount];
        Array.Fill(best, int.MaxValue);
        if (c.HasTable(S.Coverage))
        {
            var table = c.Table(S.Coverage);
            var rows = c.PatientRows(S.Coverage);
            var payer = table.Get<StringColumn>(S.PayerType);
            var rank = payer.Dictionary
                .Select(v => PayerTypes.Classify(v) is { } t ? Array.IndexOf(PayerPriority, t) : int.MaxValue)
                .ToArray();
            var start = table.Get<DateColumn>(S.PeriodStart);
            var end = table.Get<DateColumn>(S.PeriodEnd);
            var day = at.DayNumber;
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] >= 0 && payer.Codes[r] >= 0 && (start.IsNull(r) || start.Days[r] <= day) && (end.IsNull(r) || end.Days[r] >= day))
                {
                    best[rows[r]] = Math.Min(best[rows[r]], rank[payer.Codes[r]]);
                }
            }
        }
        return p => Payer(best[p] == int.MaxValue ? null : PayerPriority[best[p]]);
    }

    /// <summary>
    /// Payer classes in the order that decides a patient with several active coverages (first wins); a store
    /// that ranks coverage itself walks the same order.
    /// </summary>
    public static IReadOnlyList<string> PayerOrder => PayerPriority;

    /// <summary>The payer stratum of the deciding payer class (<see cref="PayerOrder"/>), or null with no classified coverage active.</summary>
    public static (string Code, string Label) Payer(string? payerClass) =>
        payerClass is null ? ("unknown", "No coverage on record") : (payerClass, PayerTypes.Label(payerClass));

    private static Func<int, (string, string)> Language(EvaluationContext c)
    {
        var column = c.Patients.Get<StringColumn>(S.Language);
        return p => Language(column[p]);
    }

    /// <summary>The language stratum of a preferred-language code (BCP 47, possibly "system|code"): its primary subtag.</summary>
    public static (string Code, string Label) Language(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return ("unknown", Unknown);
        }
        var primary = Bare(code).Split('-')[0].ToLowerInvariant();
        return (primary, LanguageLabels.TryGetValue(primary, out var label) ? label : primary);
    }

    private static Func<int, (string, string)> County(EvaluationContext c)
    {
        var column = c.Patients.Get<StringColumn>(S.CountyFips);
        return p => County(column[p], c.Areas);
    }

    /// <summary>The county stratum of a county FIPS code, named by the area directory when it knows it.</summary>
    public static (string Code, string Label) County(string? fips, IAreaDirectory? areas) => fips is not null
        ? (fips, areas?.CountyName(fips) is { } name ? $"{name} ({fips})" : fips)
        : ("unresolved", "County not resolved");

    private static Func<int, (string, string)> Rurality(EvaluationContext c)
    {
        var column = c.Patients.Get<StringColumn>(S.CountyFips);
        return p => Rurality(column[p], c.Areas);
    }

    /// <summary>The rurality stratum of a county FIPS code by its Rural-Urban Continuum Code.</summary>
    public static (string Code, string Label) Rurality(string? fips, IAreaDirectory? areas) =>
        fips is not null && areas?.Rucc(fips) is { } rucc
            ? rucc <= 3 ? ("metro", "Metro (RUCC 1-3)") : ("nonmetro", "Nonmetro (RUCC 4-9)")
            : ("unknown", Unknown);
}
