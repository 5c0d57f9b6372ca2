using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>Event-counted measures (ratio, rate per 1,000): ED visits, ACS admissions, readmissions, telehealth share; and the uninsured share.</summary>
public sealed class UtilisationMeasureTests
{
    private const string Ed = Cpt + "99283";
    private const string Inpatient = Snomed + "32485007";

    private static MeasureResult Evaluate(string measureId, ClinicalFixture fixture)
    {
        var catalog = MeasureHarness.Catalog;
        var engine = new MeasureEngine(new EvaluationContext(fixture.Build(), catalog));
        return engine.Evaluate(catalog.Get(measureId), Period.Year(2025), []);
    }

    [Fact]
    public void ED_visits_per_1000_count_visits_not_patients()
    {
        var f = new ClinicalFixture()
            .Patient("a", "1980-01-01").Encounter("a", "2025-01-01", Ed, "EMER").Encounter("a", "2025-12-31", Ed, "EMER") // both period edges count
            .Encounter("a", "2024-12-31", Ed, "EMER")                                                                      // a day before: not counted
            .Patient("b", "1980-01-01").Encounter("b", "2025-05-01")                                                       // served, no ED visit
            .Patient("c", "1980-01-01").Encounter("c", "2026-01-01", Ed, "EMER");                                          // not served in the period
        var group = Evaluate("ed-visits-per-1000", f).Group;
        Assert.Equal(2, group[PopulationCodes.Denominator]);
        Assert.Equal(1, group.Numerator);                 // one patient with visits
        Assert.Equal(2, group.NumeratorUnits);            // two visits
        Assert.Equal(1000.0, group.ScoreFor(Scoring.RatePer1000));
    }

    [Fact]
    public void Telehealth_share_is_virtual_visits_over_all_outpatient_visits()
    {
        var f = new ClinicalFixture()
            .Patient("a", "1980-01-01").Encounter("a", "2025-02-01", cls: "VR").Encounter("a", "2025-03-01").Encounter("a", "2025-04-01")
            .Patient("b", "1980-01-01").Encounter("b", "2025-02-01").Encounter("b", "2025-06-01", Ed, "EMER"); // ED is not an outpatient visit
        var group = Evaluate("telehealth-share-of-visits", f).Group;
        Assert.Equal(4, group.DenominatorUnits);
        Assert.Equal(1, group.NumeratorUnits);
        Assert.Equal(0.25, group.ScoreFor(Scoring.Ratio));
    }

    [Theory]
    [InlineData("2025-03-11", 1)]   // readmitted 10 days after discharge
    [InlineData("2025-03-31", 1)]   // readmitted on day 30: counts
    [InlineData("2025-04-01", 0)]   // day 31: does not
    [InlineData("2025-03-01", 0)]   // same-day transfer (gap 0) is not a readmission
    public void Readmission_within_30_days_of_discharge(string readmitted, int expected)
    {
        var f = new ClinicalFixture().Patient("a", "1960-01-01")
            .Encounter("a", "2025-02-25", Inpatient, "IMP", end: "2025-03-01")
            .Encounter("a", readmitted, Inpatient, "IMP", end: readmitted);
        var group = Evaluate("readmission-30-day", f).Group;
        Assert.Equal(2, group.DenominatorUnits);   // two index stays
        Assert.Equal(expected, group.NumeratorUnits);
    }

    [Fact]
    public void ACS_admissions_count_only_admissions_of_adults_with_the_conditions()
    {
        var f = new ClinicalFixture()
            .Patient("a", "1960-01-01").Condition("a", Hypertension, "2015-01-01")
            .Encounter("a", "2025-02-01", Inpatient, "IMP").Encounter("a", "2025-08-01", Inpatient, "IMP")
            .Patient("b", "1960-01-01").Encounter("b", "2025-02-01", Inpatient, "IMP")                       // no ACS condition
            .Patient("c", "2010-01-01").Condition("c", Snomed + "195967001", "2018-01-01").Encounter("c", "2025-02-01", Inpatient, "IMP"); // a child
        var group = Evaluate("acs-admissions-per-1000", f).Group;
        Assert.Equal(2, group[PopulationCodes.Denominator]);
        Assert.Equal(2, group.NumeratorUnits);
        Assert.Equal(1000.0, group.ScoreFor(Scoring.RatePer1000));
    }

    [Theory]
    [InlineData("81", "2020-01-01", null, "IP DEN NUM")]          // self-pay at the end of the period
    [InlineData(null, null, null, "IP DEN NUM")]                  // no coverage record at all
    [InlineData("2", "2020-01-01", "2025-12-30", "IP DEN NUM")]   // Medicaid ended the day before the end
    [InlineData("2", "2020-01-01", "2025-12-31", "IP DEN")]       // Medicaid through the last day
    public void Uninsured_share_takes_coverage_at_the_end_of_the_period(string? payer, string? start, string? end, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1980-01-01").Encounter("p", "2025-05-01");
        if (payer is not null)
        {
            f.Coverage("p", payer, start, end);
        }
        Assert.Equal(expected, MeasureHarness.Membership("uninsured-share", f, "p"));
    }

    [Fact]
    public void Uninsured_share_is_not_stratified_by_payer_which_would_restate_its_numerator()
    {
        var f = new ClinicalFixture().Patient("p", "1980-01-01").Encounter("p", "2025-05-01");
        var catalog = MeasureHarness.Catalog;
        var result = new MeasureEngine(new EvaluationContext(f.Build(), catalog)).Evaluate([catalog.Get("uninsured-share")], [Period.Year(2025)]).Single();
        Assert.Equal(["race", "ethnicity", "race-ethnicity", "sex", "age", "language", "county", "rurality"], result.Stratifiers.Select(s => s.Id));
    }

    [Fact]
    public void Rates_get_Poisson_limits_not_Wilson_and_can_exceed_one()
    {
        var f = new ClinicalFixture();
        for (var i = 0; i < 30; i++)
        {
            f.Patient($"p{i}", "1980-01-01").Encounter($"p{i}", "2025-01-05", Ed, "EMER").Encounter($"p{i}", "2025-02-05", Ed, "EMER");
        }
        var figures = MeasureAnalysis.Analyse(Evaluate("ed-visits-per-1000", f));
        var rate = Assert.NotNull(figures.Group.Rate);
        Assert.Equal(2000.0, rate.Value, 9);
        var expected = Equity.Rates.Crude(60, 30, 1000).Estimate;   // 60 visits over 30 patients, Byar limits
        Assert.Equal(expected.Lower, rate.Lower, 9);
        Assert.Equal(expected.Upper, rate.Upper, 9);
        Assert.Equal(30, figures.Group.Eligible);
    }

    [Fact]
    public void Proportion_strata_are_compared_with_the_score_test_not_a_zero_width_wald_interval()
    {
        // 12 of 12 men uninsured against 850 of 1,000 women (the largest stratum, so the reference). The Wald pair
        // difference would give the men's 100% no sampling error (z ≈ 13, "worse"); the pooled score test does not:
        // R prop.test(c(12, 850), c(12, 1000), correct = FALSE)$p.value = 0.14603127570792379.
        var f = new ClinicalFixture();
        for (var i = 0; i < 1000; i++)
        {
            f.Patient($"w{i}", "1980-01-01").Encounter($"w{i}", "2025-05-01");
            if (i >= 850)
            {
                f.Coverage($"w{i}", "2", "2020-01-01", null);
            }
        }
        for (var i = 0; i < 12; i++)
        {
            f.Patient($"m{i}", "1980-01-01", gender: "male").Encounter($"m{i}", "2025-05-01");
        }
        var catalog = MeasureHarness.Catalog;
        var context = new EvaluationContext(f.Build(), catalog);
        var result = new MeasureEngine(context).Evaluate(catalog.Get("uninsured-share"), Period.Year(2025), [Stratifiers.Compute("sex", context, Period.Year(2025))]);
        var men = MeasureAnalysis.Analyse(result).Stratifiers[0].Strata.Single(s => s.Stratum.Code == "male");
        var c = Assert.NotNull(men.VersusReference);
        Assert.Equal(15, c.Difference * 100, 9);
        Assert.Equal(0.14603127570792379, c.DifferenceP!.Value, 12);
        Assert.Equal(Equity.AhrqClass.Same, c.Class);
    }

    [Fact]
    public void Strata_event_counts_sum_to_the_group()
    {
        var f = new ClinicalFixture()
            .Patient("a", "1980-01-01", gender: "male").Encounter("a", "2025-01-05", Ed, "EMER").Encounter("a", "2025-02-05", Ed, "EMER")
            .Patient("b", "1980-01-01").Encounter("b", "2025-03-05", Ed, "EMER");
        var catalog = MeasureHarness.Catalog;
        var context = new EvaluationContext(f.Build(), catalog);
        var result = new MeasureEngine(context).Evaluate(catalog.Get("ed-visits-per-1000"), Period.Year(2025), [Stratifiers.Compute("sex", context, Period.Year(2025))]);
        Assert.Equal(3, result.Group.NumeratorUnits);
        Assert.Equal(3, result.Stratifiers[0].Strata.Sum(s => s.Populations.NumeratorUnits));
    }
}
