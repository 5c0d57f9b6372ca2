using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;
using static Lodestar.Measures.Tests.ClinicalFixture;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.Measures.Tests;

public sealed class ClinicalSchemaTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-schema-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Patients whose populations each depend on a column only a few rows use: a status that voids a row, a unit,
    /// a blood pressure component, a discharge day, a coverage end. Dropping any of them changes some count.
    /// </summary>
    private static ClinicalFixture Sensitive()
    {
        var f = new ClinicalFixture();
        f.Patient("bp-refuted", "1960-01-01").Condition("bp-refuted", Hypertension, "2020-01-01", verification: "refuted").Encounter("bp-refuted", "2025-03-01");
        f.Patient("bp-met", "1960-01-01", gender: "male").Condition("bp-met", Hypertension, "2020-01-01", abatement: "2030-01-01").Encounter("bp-met", "2025-03-01")
            .BloodPressure("bp-met", "2025-06-01", 150, 95).BloodPressure("bp-met", "2025-09-01", 120, 80);
        f.Patient("a1c-mmol", "1970-01-01").Condition("a1c-mmol", Diabetes, "2019-03-01").Encounter("a1c-mmol", "2025-04-01")
            .Lab("a1c-mmol", HbA1c, "2025-08-10", 76, "mmol/mol");
        f.Patient("mammo-void", "1960-01-01").Encounter("mammo-void", "2025-02-01").Procedure("mammo-void", Cpt + "77067", "2025-03-01", status: "entered-in-error");
        f.Patient("mammo-done", "1961-01-01").Encounter("mammo-done", "2025-02-01").Procedure("mammo-done", Cpt + "77067", "2025-03-01");
        f.Patient("flu-not-done", "1980-01-01").Encounter("flu-not-done", "2025-01-15").Immunization("flu-not-done", "140", "2024-10-01", status: "not-done");
        f.Patient("flu-given", "1981-01-01").Encounter("flu-given", "2025-01-15").Immunization("flu-given", "140", "2024-10-01");
        f.Patient("statin-stopped", "1950-01-01").Condition("statin-stopped", Snomed + "10273003", "2010-01-01").Encounter("statin-stopped", "2025-05-01")
            .Medication("statin-stopped", "259255", "2025-05-01", status: "entered-in-error");
        f.Patient("stays", "1955-01-01", deceased: "2026-02-01")
            .Encounter("stays", "2025-03-01", Snomed + "32485007", "IMP", end: "2025-03-04")
            .Encounter("stays", "2025-03-20", Snomed + "32485007", "IMP", end: "2025-03-22")
            .Coverage("stays", "medicare", "2020-01-01", "2025-06-30").Coverage("stays", "medicaid", "2025-07-01", null);
        f.Patient("died", "1950-01-01", deceased: "2025-06-01").Condition("died", Hypertension, "2020-01-01").Encounter("died", "2025-03-01");
        return f;
    }

    [Fact]
    public void A_saved_workspace_opened_with_only_the_columns_measures_read_gives_every_count_of_the_whole_workspace()
    {
        var whole = WithUnreadColumns(Sensitive().Build());
        Workspace.Save(folder, whole.Tables.Values, whole.Manifest);
        var opened = Workspace.Open(folder, S.IsReadByMeasures);

        // What the views write and no criterion reads is left on disk.
        Assert.False(opened[S.Encounter].Has(S.Id));
        Assert.False(opened[S.Observation].Has("encounter_key"));
        Assert.True(opened[S.Patient].Has(S.Id)); // care gaps and audits name patients by it

        var catalog = MeasureHarness.Catalog;
        var periods = new[] { Period.Year(2024), Period.Year(2025) };
        var expected = Counts(new MeasureEngine(new EvaluationContext(whole, catalog)).Evaluate(catalog.Measures, periods));
        var actual = Counts(new MeasureEngine(new EvaluationContext(opened, catalog)).Evaluate(catalog.Measures, periods));
        Assert.Equal(expected, actual);
        // The fixture reaches the status and value columns: these patients are in some measure's numerator or out of it.
        Assert.Contains(expected, l => l.StartsWith("cms125-breast-cancer-screening 2025 all ", StringComparison.Ordinal) && l.Contains(" numerator=1", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.StartsWith("cms147-adult-influenza-immunization 2025 all ", StringComparison.Ordinal) && l.Contains(" numerator=1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(S.Patient, S.Id, true)]              // care-gap and audit lists name patients
    [InlineData(S.Patient, S.CountyFips, true)]      // county and rurality strata
    [InlineData(S.Patient, "address_city", false)]
    [InlineData(S.Encounter, S.PatientKey, true)]    // every event's patient reference
    [InlineData(S.Encounter, S.Id, false)]           // an event's own id: unique per row, read by nothing
    [InlineData(S.Encounter, "encounter_key", false)]
    [InlineData(S.Observation, "encounter_key", false)] // eleven million distinct strings at a million patients
    [InlineData(S.Observation, "component_values", false)]
    [InlineData(S.Procedure, S.Status, true)]        // voids entered-in-error rows
    [InlineData(S.Condition, S.VerificationStatus, true)]
    [InlineData("location", "id", false)]            // a table no measure reads
    public void Only_the_columns_criteria_and_stratifiers_read_are_kept(string table, string column, bool kept) =>
        Assert.Equal(kept, S.IsReadByMeasures(table, column));

    /// <summary>The fixture's tables plus columns the shipped views write that no measure reads.</summary>
    private static Workspace WithUnreadColumns(Workspace workspace) => Workspace.InMemory(workspace.Tables.Values.Select(t =>
    {
        var extra = new StringColumn("encounter_key", Enumerable.Range(0, t.RowCount).ToArray(), Enumerable.Range(0, t.RowCount).Select(i => $"Encounter/x{i}").ToArray());
        return new Table(t.Name, [.. t.Columns, extra]);
    }));

    private static List<string> Counts(IReadOnlyList<MeasureResult> results)
    {
        var lines = new List<string>();
        foreach (var r in results)
        {
            lines.Add($"{r.Measure.Id} {r.Period} all {Line(r.Group)}");
            foreach (var s in r.Stratifiers)
            {
                lines.AddRange(s.Strata.Select(x => $"{r.Measure.Id} {r.Period} {s.Id}:{x.Stratum.Code} {Line(x.Populations)}"));
            }
        }
        return lines;
    }

    private static string Line(PopulationCounts c) =>
        string.Join(' ', c.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + (c.Events is null ? "" : " events " + string.Join(' ', c.Events.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")))
        + (c.Observed is null ? "" : $" observed={c.Observed.Count}");
}
