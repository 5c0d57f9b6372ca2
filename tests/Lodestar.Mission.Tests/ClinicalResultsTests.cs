using Lodestar.Diagnostics;
using Lodestar.Equity;
using Lodestar.Measures.Engine;
using Lodestar.Measures.Tests;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;
using Lodestar.Mission.Scorecards;
using Lodestar.Testing;
using static Lodestar.Measures.Tests.ClinicalFixture;
using EngineCatalog = Lodestar.Measures.Definitions.MeasureCatalog;

namespace Lodestar.Mission.Tests;

public sealed class ClinicalResultsTests
{
    private const string Bp = "cms165-controlling-high-blood-pressure";
    private static readonly EngineCatalog Catalog = EngineCatalog.Load();

    /// <summary>
    /// 60 hypertensive adults seen in 2024 and 2025: all controlled in 2024; in 2025 12 of 24 Black and 24 of 36 White
    /// patients controlled (every count ≥ 11, so nothing is suppressed).
    /// </summary>
    private static ClinicalSource Source(IReadOnlyList<int> years)
    {
        var f = new ClinicalFixture();
        for (var i = 0; i < 60; i++)
        {
            var id = $"p{i}";
            var black = i < 24;
            var controlled2025 = black ? i < 12 : i < 48;
            f.Patient(id, "1960-05-01", race: black ? "2054-5" : "2106-3").Condition(id, Hypertension, "2020-01-01")
                .Encounter(id, "2024-03-01").BloodPressure(id, "2024-06-01", 120, 80)
                .Encounter(id, "2025-03-01").BloodPressure(id, "2025-06-01", controlled2025 ? 120 : 150, 80);
        }
        var context = new EvaluationContext(f.Build(), Catalog);
        return new ClinicalSource(new MeasureEngine(context), Catalog, years, "hand-built workspace");
    }

    [Fact]
    public void Clinical_measures_are_evaluated_per_year_on_the_workspace_with_Wilson_intervals_and_race_ethnicity_groups()
    {
        var mission = MissionLoader.LoadShipped("ummc");
        var r = ClinicalResults.Evaluate(mission, "ummc", Source([2024, 2025])).Result(Bp);
        var all2024 = Proportions.Wilson(60, 60);
        var all2025 = Proportions.Wilson(36, 60);
        Assert.Equal([new YearValue(2024, 1.0, all2024.Lower, all2024.Upper, 60, 60), new YearValue(2025, 0.6, all2025.Lower, all2025.Upper, 36, 60)], r.Series);
        Assert.Equal("proportion", r.Unit);
        var black = r.Groups.Single(g => g.Group == "Non-Hispanic Black or African American");
        Assert.Equal((0.5, 24L), (black.Value, black.Count));
        Assert.Equal(Proportions.Wilson(12, 24).Lower, black.Lower, 12);
        var gap = ScorecardBuilder.GapOf(r, GoalDirection.HigherIsBetter)!;
        Assert.Equal(("Non-Hispanic Black or African American", "Non-Hispanic White"), (gap.Worst, gap.Best));
        Assert.Equal(24 / 36.0 - 0.5, gap.Difference, 12);
    }

    [Fact]
    public void A_year_without_eligible_patients_is_left_out_of_the_series_and_named_in_the_note()
    {
        var r = ClinicalResults.Evaluate(MissionLoader.LoadShipped("ummc"), "ummc", Source([2023, 2024, 2025])).Result(Bp);
        Assert.Equal([2024, 2025], r.Series.Select(v => v.Year));
        Assert.Contains("2023", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_workspace_clinical_measures_have_no_value_and_say_why()
    {
        var r = ClinicalResults.Evaluate(MissionLoader.LoadShipped("ummc"), "ummc", null).Result(Bp);
        Assert.Null(r.Latest);
        Assert.Contains("--workspace", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mission_citing_a_measure_missing_from_the_catalog_is_a_user_error_naming_both()
    {
        var folder = Directory.CreateTempSubdirectory("lodestar-mission-clinical-").FullName;
        try
        {
            var path = Path.Combine(folder, "typo.yaml");
            File.WriteAllText(path, File.ReadAllText(Path.Combine(RepoPaths.Root, "missions", "ummc.yaml"))
                .Replace("clinical:" + Bp, "clinical:cms165-controling-high-blood-pressure", StringComparison.Ordinal));
            var e = Assert.Throws<UserErrorException>(() => ClinicalResults.Evaluate(MissionLoader.Load(path), path, Source([2025])));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("clinical:cms165-controling-high-blood-pressure", e.Message, StringComparison.Ordinal);
            Assert.Contains(Bp, e.Message, StringComparison.Ordinal);  // the catalog's suggestion
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ummc")]
    [InlineData("unm-som")]
    [InlineData("unm-hsc")]
    [InlineData("wustl-som")]
    public void Shipped_missions_judge_each_clinical_measure_in_the_catalogs_direction(string id)
    {
        foreach (var (_, _, m) in MissionLoader.LoadShipped(id).AllMeasures().Where(x => MeasureCatalog.IsClinical(x.Measure.Measure)))
        {
            var definition = Catalog.Get(m.Measure[MeasureCatalog.ClinicalPrefix.Length..]);
            Assert.True(definition.LowerIsBetter == (m.Direction == GoalDirection.LowerIsBetter), $"{id}: {m.Measure}");
        }
    }
}
