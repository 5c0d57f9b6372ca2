using Lodestar.Measures.Tests;
using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// The shared conformance corpus: hand-built patients (the embedded engine's own fixture and boundary
/// cases) with the populations each must land in. Every case uses its own patient id, so the whole corpus
/// is one workspace and each executor evaluates each measure once. Run by <see cref="ConformanceTests"/>
/// against the embedded engine and against a two-shard ClickHouse cluster.
/// </summary>
internal static class ConformanceCorpus
{
    public const string Bp = "cms165-controlling-high-blood-pressure";
    public const string A1c = "cms122-diabetes-hba1c-poor-control";
    public const string Breast = "cms125-breast-cancer-screening";
    public const string Colorectal = "cms130-colorectal-cancer-screening";
    public const string Prenatal = "prenatal-care-first-trimester";

    public sealed record Case(string Patient, string Measure, string Expected, string Pins);

    private static readonly List<(Case Case, Action<ClinicalFixture, string> Build)> Cases = [];

    static ConformanceCorpus()
    {
        void Add(string measure, string expected, string pins, Action<ClinicalFixture, string> build) =>
            Cases.Add((new Case($"c{Cases.Count:D2}", measure, expected, pins), build));
        void Hypertensive(ClinicalFixture f, string p, string birth = "1960-05-01", string onset = "2020-01-01") =>
            f.Patient(p, birth).Condition(p, Hypertension, onset).Encounter(p, "2025-03-01");
        void Diabetic(ClinicalFixture f, string p, string birth = "1970-01-01") =>
            f.Patient(p, birth).Condition(p, Diabetes, "2019-03-01").Encounter(p, "2025-04-01");

        // CMS165
        Add(Bp, "IP DEN NUM", "turns 18 on the last day of the period", (f, p) => { Hypertensive(f, p, "2007-12-31"); f.BloodPressure(p, "2025-06-01", 120, 80); });
        Add(Bp, "none", "turns 18 the day after the period", (f, p) => { Hypertensive(f, p, "2008-01-01"); f.BloodPressure(p, "2025-06-01", 120, 80); });
        Add(Bp, "IP DEN NUM", "85 at the end of the period", (f, p) => { Hypertensive(f, p, "1940-01-01"); f.BloodPressure(p, "2025-06-01", 120, 80); });
        Add(Bp, "none", "turns 86 on the last day", (f, p) => { Hypertensive(f, p, "1939-12-31"); f.BloodPressure(p, "2025-06-01", 120, 80); });
        Add(Bp, "IP DEN NUM", "diagnosed on the last day of the first six months", (f, p) => { Hypertensive(f, p, onset: "2025-06-30"); f.BloodPressure(p, "2025-09-01", 120, 80); });
        Add(Bp, "none", "diagnosed one day later", (f, p) => { Hypertensive(f, p, onset: "2025-07-01"); f.BloodPressure(p, "2025-09-01", 120, 80); });
        Add(Bp, "IP DEN", "unknown onset: on the problem list (onset = -inf)", (f, p) => f.Patient(p, "1960-01-01").Condition(p, Hypertension, null).Encounter(p, "2025-03-01"));
        Add(Bp, "none", "abated before the period", (f, p) => f.Patient(p, "1960-01-01").Condition(p, Hypertension, "2015-01-01", abatement: "2024-12-31").Encounter(p, "2025-03-01"));
        Add(Bp, "none", "a refuted diagnosis never counts", (f, p) => f.Patient(p, "1960-01-01").Condition(p, Hypertension, "2020-01-01", verification: "refuted").Encounter(p, "2025-03-01"));
        Add(Bp, "IP DEN", "no verification status: counts", (f, p) => f.Patient(p, "1960-01-01").Condition(p, Hypertension, "2020-01-01", verification: null).Encounter(p, "2025-03-01"));
        Add(Bp, "none", "visit a day before the period; an ED visit does not qualify", (f, p) => f.Patient(p, "1960-01-01").Condition(p, Hypertension, "2020-01-01").Encounter(p, "2024-12-31").Encounter(p, "2025-05-01", code: Cpt + "99285", cls: "EMER"));
        Add(Bp, "IP DEN NUM", "just under both thresholds", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2025-02-01", 180, 100).BloodPressure(p, "2025-11-01", 139, 89); });
        Add(Bp, "IP DEN", "systolic at 140 is not < 140", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2025-02-01", 180, 100).BloodPressure(p, "2025-11-01", 140, 80); });
        Add(Bp, "IP DEN", "diastolic at 90 is not < 90", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2025-02-01", 180, 100).BloodPressure(p, "2025-11-01", 130, 90); });
        Add(Bp, "IP DEN NUM", "lowest systolic and lowest diastolic of the most recent day", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2025-10-01", 150, 70).BloodPressure(p, "2025-10-01", 130, 95); });
        Add(Bp, "IP DEN", "a reading after the period is ignored", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2026-01-01", 120, 70); });
        Add(Bp, "IP DEN DENEX", "end-stage renal disease excludes", (f, p) => { Hypertensive(f, p); f.BloodPressure(p, "2025-06-01", 120, 70).Condition(p, Icd10 + "N18.6", "2023-04-01"); });
        Add(Bp, "IP DEN DENEX", "death in the period excludes", (f, p) => f.Patient(p, "1950-01-01", deceased: "2025-12-31").Condition(p, Hypertension, "2020-01-01").Encounter(p, "2025-03-01"));
        Add(Bp, "IP DEN", "death after the period does not exclude", (f, p) => f.Patient(p, "1950-01-01", deceased: "2026-01-01").Condition(p, Hypertension, "2020-01-01").Encounter(p, "2025-03-01"));
        Add(Bp, "IP DEN", "born before 1970 (18.16's Date would zero it): age still right", (f, p) => f.Patient(p, "1941-02-28").Condition(p, Hypertension, "1965-01-01").Encounter(p, "2025-03-01"));
        // CMS122 (inverse)
        Add(A1c, "IP DEN NUM", "above 9%", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-01-10", 12, "%").Lab(p, HbA1c, "2025-08-10", 9.1, "%"); });
        Add(A1c, "IP DEN", "exactly 9% is not > 9%", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-01-10", 12, "%").Lab(p, HbA1c, "2025-08-10", 9.0, "%"); });
        Add(A1c, "IP DEN NUM", "76 mmol/mol = 9.10 %", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-01-10", 12, "%").Lab(p, HbA1c, "2025-08-10", 76, "mmol/mol"); });
        Add(A1c, "IP DEN", "74 mmol/mol = 8.92 %", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-01-10", 12, "%").Lab(p, HbA1c, "2025-08-10", 74, "mmol/mol"); });
        Add(A1c, "IP DEN", "no unit: taken as %", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-01-10", 12, "%").Lab(p, HbA1c, "2025-08-10", 6.5, null); });
        Add(A1c, "IP DEN NUM", "unit padded and spelled 'percent'", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-08-10", 9.5, " percent "); });
        Add(A1c, "IP DEN NUM", "no HbA1c in the period", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2024-12-31", 6.0, "%"); });
        Add(A1c, "IP DEN NUM", "a result without a value", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-05-01", null, "%"); });
        Add(A1c, "IP DEN", "same latest day: the lowest value", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-05-01", 10, "%").Lab(p, HbA1c, "2025-05-01", 7, "%"); });
        Add(A1c, "IP DEN", "same latest day, one without value: the other decides", (f, p) => { Diabetic(f, p); f.Lab(p, HbA1c, "2025-05-01", null, "%").Lab(p, HbA1c, "2025-05-01", 7, "%"); });
        Add(A1c, "IP DEN NUM", "75 at the end of 2025", (f, p) => Diabetic(f, p, "1950-01-01"));
        Add(A1c, "none", "76 on the last day", (f, p) => Diabetic(f, p, "1949-12-31"));
        // CMS125 / CMS130
        Add(Breast, "IP DEN NUM", "first day of the 27-month look-back", (f, p) => f.Patient(p, "1960-01-01").Encounter(p, "2025-02-01").Procedure(p, Cpt + "77067", "2022-10-01"));
        Add(Breast, "IP DEN", "one day before it", (f, p) => f.Patient(p, "1960-01-01").Encounter(p, "2025-02-01").Procedure(p, Cpt + "77067", "2022-09-30"));
        Add(Breast, "IP DEN NUM", "last day of the period", (f, p) => f.Patient(p, "1960-01-01").Encounter(p, "2025-02-01").Procedure(p, Cpt + "77067", "2025-12-31"));
        Add(Breast, "none", "men are not in breast screening", (f, p) => f.Patient(p, "1960-01-01", gender: "male").Encounter(p, "2025-02-01"));
        Add(Breast, "none", "51 at the end of 2025", (f, p) => f.Patient(p, "1974-01-01").Encounter(p, "2025-02-01"));
        Add(Breast, "IP DEN", "turns 52 on the last day", (f, p) => f.Patient(p, "1973-12-31").Encounter(p, "2025-02-01"));
        Add(Breast, "IP DEN DENEX", "bilateral mastectomy excludes", (f, p) => f.Patient(p, "1960-01-01").Encounter(p, "2025-02-01").Condition(p, Icd10 + "Z90.13", "2011-05-05"));
        Add(Breast, "IP DEN", "a procedure entered in error does not count", (f, p) => f.Patient(p, "1960-01-01").Encounter(p, "2025-02-01").Procedure(p, Cpt + "77067", "2025-03-01", status: "entered-in-error"));
        Add(Colorectal, "IP DEN NUM", "first day of the nine years before", (f, p) => f.Patient(p, "1965-06-01", gender: "male").Encounter(p, "2025-02-01").Procedure(p, Cpt + "45378", "2016-01-01"));
        Add(Colorectal, "IP DEN", "one day earlier", (f, p) => f.Patient(p, "1965-06-01", gender: "male").Encounter(p, "2025-02-01").Procedure(p, Cpt + "45378", "2015-12-31"));
        // Prenatal care: a prenatal visit 280..183 days before a 2025-06-30 delivery (event-relative window)
        void Delivered(ClinicalFixture f, string p, string visit, string status = "completed") =>
            f.Patient(p, "1995-04-01").Procedure(p, Cpt + "59400", "2025-06-30", status).Encounter(p, visit, Snomed + "424619006");
        Add(Prenatal, "IP DEN NUM", "visit 280 days before delivery: the trimester's first day", (f, p) => Delivered(f, p, "2024-09-23"));
        Add(Prenatal, "IP DEN", "281 days before", (f, p) => Delivered(f, p, "2024-09-22"));
        Add(Prenatal, "IP DEN NUM", "183 days before: the trimester's last day", (f, p) => Delivered(f, p, "2024-12-29"));
        Add(Prenatal, "IP DEN", "182 days before: second trimester", (f, p) => Delivered(f, p, "2024-12-30"));
        Add(Prenatal, "none", "a delivery entered in error anchors nothing", (f, p) => Delivered(f, p, "2024-11-01", "entered-in-error"));
        Add(Prenatal, "IP DEN", "only the delivery in the period anchors", (f, p) => f.Patient(p, "1990-04-01").Procedure(p, Cpt + "59400", "2024-03-01")
            .Procedure(p, Cpt + "59400", "2025-11-30").Encounter(p, "2024-06-01", Snomed + "424619006"));
        Add(Colorectal, "IP DEN", "a patient key with quotes and a backslash travels intact", (f, p) => f.Patient(p + "'\\\"x", "1965-06-01", race: "2054-5", ethnicity: "2135-2", language: "es").Encounter(p + "'\\\"x", "2025-02-01"));
    }

    public static IReadOnlyList<Case> All => Cases.Select(c => c.Case).ToList();

    public static TheoryData<string> Ids() => new(Cases.Select(c => c.Case.Patient));

    public static Case Get(string patient) => Cases.Single(c => c.Case.Patient == patient).Case;

    /// <summary>Every case's patient in one workspace, plus a patient with events but no patient row.</summary>
    public static ClinicalFixture Build()
    {
        var f = new ClinicalFixture();
        foreach (var (c, build) in Cases)
        {
            build(f, c.Patient);
        }
        f.Encounter("orphan", "2025-02-01").Condition("orphan", Hypertension, "2020-01-01");
        return f;
    }

    /// <summary>The last case's patient id has extra characters; the others are their case id.</summary>
    public static string PatientId(Case c) => c.Pins.StartsWith("a patient key with quotes", StringComparison.Ordinal) ? c.Patient + "'\\\"x" : c.Patient;
}
