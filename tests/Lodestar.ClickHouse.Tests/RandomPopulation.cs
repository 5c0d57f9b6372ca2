using Lodestar.Measures.Definitions;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// A seeded synthetic population built straight as workspace tables, made to hit every edge the executors
/// must agree on: codes drawn from every catalog value set plus noise, null dates, onsets and abatements,
/// refuted and voided rows, unit spellings, several readings on one day, multiracial and unknown race,
/// coverage with and without end dates, inpatient stays close together, births before 1970.
/// </summary>
internal static class RandomPopulation
{
    private static readonly string[] Classes = ["AMB", "AMB", "AMB", "IMP", "EMER", "ACUTE", "NONAC", "VR", "amb"];
    private static readonly string[] Races = ["2106-3", "2054-5", "2028-9", "1002-5", "2076-8", "2131-1", "2118-8", "ASKU", "2108-9"];
    private static readonly string?[] Ethnicities = ["2186-5", "2186-5", "2135-2", "UNK", null];
    private static readonly string?[] Languages = ["en", "en", "es", "es-MX", "vi", "zh", "xx", null];
    private static readonly string?[] Genders = ["female", "male", "other", "unknown", null, "Female"];
    private static readonly string?[] Units = ["%", "mmol/mol", null, " percent ", "mg/dL", ""];
    private static readonly string?[] Verification = ["confirmed", "confirmed", "confirmed", "refuted", "entered-in-error", null];
    private static readonly string?[] Statuses = ["completed", "completed", "completed", "active", "entered-in-error", "not-done", "cancelled", "stopped", null];
    private static readonly string?[] Payers = ["1", "11", "2", "21", "3", "4", "5", "6", "7", "81", "82", "9", "medicaid", "private", "uninsured", "self-pay", "other-public", "x", null];

    public static Workspace Build(int patients, int seed, MeasureCatalog catalog)
    {
        var random = new Random(seed);
        var codes = catalog.ValueSets.Values.SelectMany(v => v.Codes.Select(c => c.Key)).Distinct().Order(StringComparer.Ordinal).ToArray();
        string Code() => random.Next(8) == 0 ? "http://example.org|noise" + random.Next(5) : codes[random.Next(codes.Length)];
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        int Day(int fromYear, int toYear) => new DateOnly(fromYear, 1, 1).DayNumber + random.Next(new DateOnly(toYear, 12, 31).DayNumber - new DateOnly(fromYear, 1, 1).DayNumber + 1);
        int? MaybeDay(int fromYear, int toYear, int nullOneIn) => random.Next(nullOneIn) == 0 ? null : Day(fromYear, toYear);

        var p = new TableBuilder(S.Patient, [(S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.BirthDate, ColumnType.Date), (S.Gender, ColumnType.String),
            (S.Deceased, ColumnType.Bool), (S.DeceasedDate, ColumnType.Date), (S.Race, ColumnType.StringList), (S.Ethnicity, ColumnType.String),
            (S.Language, ColumnType.String), (S.CountyFips, ColumnType.String)]);
        var e = new TableBuilder(S.Encounter, [(S.PatientKey, ColumnType.String), (S.Class, ColumnType.String), (S.CodesOf(S.Encounter), ColumnType.StringList), (S.Start, ColumnType.Date), (S.End, ColumnType.Date)]);
        var c = new TableBuilder(S.Condition, [(S.PatientKey, ColumnType.String), (S.CodesOf(S.Condition), ColumnType.StringList), (S.Onset, ColumnType.Date), (S.Abatement, ColumnType.Date), (S.VerificationStatus, ColumnType.String)]);
        var o = new TableBuilder(S.Observation, [(S.PatientKey, ColumnType.String), (S.CodesOf(S.Observation), ColumnType.StringList), (S.Effective, ColumnType.Date),
            (S.Value, ColumnType.Double), (S.Unit, ColumnType.String), (S.Systolic, ColumnType.Double), (S.Diastolic, ColumnType.Double)]);
        var pr = new TableBuilder(S.Procedure, [(S.PatientKey, ColumnType.String), (S.CodesOf(S.Procedure), ColumnType.StringList), (S.Performed, ColumnType.Date), (S.Status, ColumnType.String)]);
        var im = new TableBuilder(S.Immunization, [(S.PatientKey, ColumnType.String), (S.CodesOf(S.Immunization), ColumnType.StringList), (S.Occurrence, ColumnType.Date), (S.Status, ColumnType.String)]);
        var md = new TableBuilder(S.MedicationRequest, [(S.PatientKey, ColumnType.String), (S.CodesOf(S.MedicationRequest), ColumnType.StringList), (S.Authored, ColumnType.Date), (S.Status, ColumnType.String)]);
        var cv = new TableBuilder(S.Coverage, [(S.PatientKey, ColumnType.String), (S.PayerType, ColumnType.String), (S.PeriodStart, ColumnType.Date), (S.PeriodEnd, ColumnType.Date)]);

        for (var i = 0; i < patients; i++)
        {
            var key = "Patient/" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            var dead = random.Next(20) == 0;
            p.Column<StringColumnBuilder>(0).Append("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            p.Column<StringColumnBuilder>(1).Append(key);
            p.Column<DateColumnBuilder>(2).Append(random.Next(50) == 0 ? null : Day(1925, 2024));
            p.Column<StringColumnBuilder>(3).Append(Pick(Genders));
            p.Column<BoolColumnBuilder>(4).Append(dead ? true : random.Next(3) == 0 ? false : null);
            p.Column<DateColumnBuilder>(5).Append(dead && random.Next(4) > 0 ? Day(2020, 2026) : null);
            p.Column<StringListColumnBuilder>(6).Append(Enumerable.Range(0, random.Next(4) == 0 ? random.Next(3) : 1).Select(_ => "urn:oid:2.16.840.1.113883.6.238|" + Pick(Races)).ToList());
            p.Column<StringColumnBuilder>(7).Append(Pick(Ethnicities));
            p.Column<StringColumnBuilder>(8).Append(Pick(Languages));
            p.Column<StringColumnBuilder>(9).Append(random.Next(10) == 0 ? null : "280" + random.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture));

            for (var n = random.Next(7); n > 0; n--)
            {
                var start = MaybeDay(2022, 2026, 30);
                e.Column<StringColumnBuilder>(0).Append(key);
                e.Column<StringColumnBuilder>(1).Append(random.Next(15) == 0 ? null : Pick(Classes));
                e.Column<StringListColumnBuilder>(2).Append([Code()]);
                e.Column<DateColumnBuilder>(3).Append(start);
                e.Column<DateColumnBuilder>(4).Append(start is { } s && random.Next(5) > 0 ? s + random.Next(-1, 12) : null);
            }
            for (var n = random.Next(4); n > 0; n--)
            {
                var onset = MaybeDay(2000, 2026, 6);
                c.Column<StringColumnBuilder>(0).Append(key);
                c.Column<StringListColumnBuilder>(1).Append(random.Next(5) == 0 ? [Code(), Code()] : [Code()]);
                c.Column<DateColumnBuilder>(2).Append(onset);
                c.Column<DateColumnBuilder>(3).Append(random.Next(3) == 0 ? (onset ?? Day(2000, 2026)) + random.Next(0, 3000) : null);
                c.Column<StringColumnBuilder>(4).Append(Pick(Verification));
            }
            for (var n = random.Next(6); n > 0; n--)
            {
                var day = MaybeDay(2023, 2026, 25);
                for (var same = random.Next(4) == 0 ? 2 : 1; same > 0; same--)
                {
                    o.Column<StringColumnBuilder>(0).Append(key);
                    o.Column<StringListColumnBuilder>(1).Append([Code()]);
                    o.Column<DateColumnBuilder>(2).Append(day);
                    o.Column<DoubleColumnBuilder>(3).Append(random.Next(8) == 0 ? null : Math.Round(4 + random.NextDouble() * 80, 1));
                    o.Column<StringColumnBuilder>(4).Append(Pick(Units));
                    o.Column<DoubleColumnBuilder>(5).Append(random.Next(6) == 0 ? null : 100 + random.Next(70));
                    o.Column<DoubleColumnBuilder>(6).Append(random.Next(6) == 0 ? null : 60 + random.Next(45));
                }
            }
            foreach (var t in new[] { pr, im, md })
            {
                var day = Day(2014, 2026);
                for (var n = random.Next(4); n > 0; n--)
                {
                    t.Column<StringColumnBuilder>(0).Append(key);
                    t.Column<StringListColumnBuilder>(1).Append([Code()]);
                    t.Column<DateColumnBuilder>(2).Append(random.Next(20) == 0 ? null : random.Next(3) == 0 ? day : Day(2014, 2026));
                    t.Column<StringColumnBuilder>(3).Append(Pick(Statuses));
                }
            }
            for (var n = random.Next(3); n > 0; n--)
            {
                cv.Column<StringColumnBuilder>(0).Append(key);
                cv.Column<StringColumnBuilder>(1).Append(Pick(Payers));
                cv.Column<DateColumnBuilder>(2).Append(MaybeDay(2015, 2026, 5));
                cv.Column<DateColumnBuilder>(3).Append(MaybeDay(2024, 2027, 3));
            }
        }
        // Events of a patient with no patient row: ignored by both executors.
        e.Column<StringColumnBuilder>(0).Append("Patient/nobody");
        e.Column<StringColumnBuilder>(1).Append("IMP");
        e.Column<StringListColumnBuilder>(2).Append([codes[0]]);
        e.Column<DateColumnBuilder>(3).Append(Day(2025, 2025));
        e.Column<DateColumnBuilder>(4).Append(null);
        return Workspace.InMemory([p.Build(), e.Build(), c.Build(), o.Build(), pr.Build(), im.Build(), md.Build(), cv.Build()]);
    }

    /// <summary>Measures beyond the catalog so every criterion kind, window form and combination is compared.</summary>
    public static IReadOnlyList<MeasureDefinition> ExtraMeasures()
    {
        var period = Window.MeasurementPeriod;
        var start = DateAnchor.PeriodStart;
        var end = DateAnchor.PeriodEnd;
        MeasureDefinition M(string id, Direction direction, Dictionary<string, Criterion> populations) =>
            new(id, id, id, "patient-care", "test", Scoring.Proportion, direction, populations, MeasureParser.KnownStratifiers, [], "test");
        return
        [
            M("x-utilization", Direction.LowerIsBetter, new()
            {
                [PopulationCodes.InitialPopulation] = new AllOf([new AgeCriterion(end, 0, null),
                    new AnyOf([new EncounterCriterion(null, ["IMP", "acute"], period, 1), new EncounterCriterion("office-visit", [], period, 3)])]),
                [PopulationCodes.Denominator] = new PopulationRef(PopulationCodes.InitialPopulation),
                [PopulationCodes.DenominatorExclusion] = new Not(new CoverageCriterion([PayerTypes.Medicare, PayerTypes.Medicaid], end)),
                [PopulationCodes.Numerator] = new AnyOf([new ReadmissionCriterion(period, 30), new ReadmissionCriterion(new Window(start with { Years = -1 }, end), 7)]),
            }),
            M("x-prevention", Direction.HigherIsBetter, new()
            {
                [PopulationCodes.InitialPopulation] = new AllOf([new GenderCriterion(["Female", "male"]), new AgeCriterion(start, 2, 80)]),
                [PopulationCodes.Denominator] = new AllOf([new PopulationRef(PopulationCodes.InitialPopulation), new Not(new DeceasedCriterion(start))]),
                [PopulationCodes.Numerator] = new AllOf([new ImmunizationCriterion("mammography", new Window(new DateAnchor(false, -2, 0, 0), end), 2),
                    new AnyOf([new MedicationCriterion("diabetes", period), new ProcedureCriterion("colonoscopy", new Window(new DateAnchor(false, -9, 0, 0), end))])]),
                [PopulationCodes.DenominatorException] = new CoverageCriterion([PayerTypes.Uninsured, PayerTypes.Private, PayerTypes.Other], new DateAnchor(false, 0, 6, 0)),
            }),
            M("x-observations", Direction.HigherIsBetter, new()
            {
                [PopulationCodes.InitialPopulation] = new AnyOf([new ObservationCriterion("blood-pressure", period, ObservationPick.Any, null, null, null),
                    new ConditionCriterion("essential-hypertension", new Window(start, new DateAnchor(false, 0, 6, -1)))]),
                [PopulationCodes.Numerator] = new AnyOf([
                    new ObservationCriterion("hba1c-laboratory-test", new Window(new DateAnchor(false, -1, 0, 0), end), ObservationPick.Any, new ValueComparison(Comparator.LessOrEqual, 60, "mmol/mol"), null, null),
                    new ObservationCriterion("hba1c-laboratory-test", period, ObservationPick.Latest, new ValueComparison(Comparator.GreaterOrEqual, 8, null), null, null, MissingPasses: true),
                    new ObservationCriterion("blood-pressure", period, ObservationPick.Latest, null, new ValueComparison(Comparator.Less, 130, "mm[Hg]"), new ValueComparison(Comparator.Equal, 80, null)),
                    new ObservationCriterion("blood-pressure", period, ObservationPick.Any, null, null, new ValueComparison(Comparator.Greater, 100, null), MissingPasses: true)]),
            }),
        ];
    }
}
