using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>CMS165 on hand-built patients, period 2025, each row pinning one boundary of the eCQM logic.</summary>
public sealed class ControllingHighBloodPressureTests
{
    private const string Measure = "cms165-controlling-high-blood-pressure";

    private static ClinicalFixture Hypertensive(string id, string birth = "1960-05-01", string onset = "2020-01-01") =>
        new ClinicalFixture().Patient(id, birth).Condition(id, Hypertension, onset).Encounter(id, "2025-03-01");

    [Theory]
    [InlineData("2007-12-31", "IP DEN NUM")]   // turns 18 on the last day of the period: in
    [InlineData("2008-01-01", "none")]         // turns 18 the day after the period: out
    [InlineData("1940-01-01", "IP DEN NUM")]   // 85 at the end of the period: in
    [InlineData("1939-12-31", "none")]         // turns 86 on the last day: out
    public void Age_is_18_to_85_at_the_end_of_the_period(string birth, string expected)
    {
        var f = Hypertensive("p", birth).BloodPressure("p", "2025-06-01", 120, 80);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Theory]
    [InlineData("2025-06-30", "IP DEN NUM")]   // diagnosed on the last day of the first six months: in
    [InlineData("2025-07-01", "none")]         // diagnosed one day later: out
    [InlineData("2010-01-01", "IP DEN NUM")]   // long-standing diagnosis: in
    public void Hypertension_must_overlap_the_first_six_months(string onset, string expected)
    {
        var f = Hypertensive("p", onset: onset).BloodPressure("p", "2025-09-01", 120, 80);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void Abated_before_the_period_is_not_in_the_population()
    {
        var f = new ClinicalFixture().Patient("p", "1960-01-01")
            .Condition("p", Hypertension, "2015-01-01", abatement: "2024-12-31").Encounter("p", "2025-03-01");
        Assert.Equal("none", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void A_refuted_diagnosis_never_counts()
    {
        var f = new ClinicalFixture().Patient("p", "1960-01-01")
            .Condition("p", Hypertension, "2020-01-01", verification: "refuted").Encounter("p", "2025-03-01");
        Assert.Equal("none", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void Needs_a_qualifying_visit_in_the_period()
    {
        var f = new ClinicalFixture().Patient("p", "1960-01-01").Condition("p", Hypertension, "2020-01-01")
            .Encounter("p", "2024-12-31")                       // a day before the period
            .Encounter("p", "2025-05-01", code: Cpt + "99285", cls: "EMER"); // an ED visit is not a qualifying visit
        Assert.Equal("none", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Theory]
    [InlineData(139, 89, "IP DEN NUM")]   // just under both thresholds: controlled
    [InlineData(140, 80, "IP DEN")]       // systolic at 140 is not < 140
    [InlineData(130, 90, "IP DEN")]       // diastolic at 90 is not < 90
    public void Most_recent_reading_must_be_below_140_over_90(double systolic, double diastolic, string expected)
    {
        var f = Hypertensive("p").BloodPressure("p", "2025-02-01", 180, 100).BloodPressure("p", "2025-11-01", systolic, diastolic);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void On_the_most_recent_day_the_lowest_systolic_and_lowest_diastolic_are_used()
    {
        // 150/70 and 130/95 on the same day: lowest systolic 130, lowest diastolic 70 → controlled (CMS165 rule).
        var f = Hypertensive("p").BloodPressure("p", "2025-10-01", 150, 70).BloodPressure("p", "2025-10-01", 130, 95);
        Assert.Equal("IP DEN NUM", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void A_reading_after_the_period_is_ignored_and_no_reading_means_not_controlled()
    {
        var f = Hypertensive("p").BloodPressure("p", "2026-01-01", 120, 70);
        Assert.Equal("IP DEN", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void End_stage_renal_disease_excludes_and_removes_from_the_numerator()
    {
        var f = Hypertensive("p").BloodPressure("p", "2025-06-01", 120, 70).Condition("p", Icd10 + "N18.6", "2023-04-01");
        Assert.Equal("IP DEN DENEX", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void Death_in_the_period_excludes()
    {
        var f = new ClinicalFixture().Patient("p", "1950-01-01", deceased: "2025-12-31")
            .Condition("p", Hypertension, "2020-01-01").Encounter("p", "2025-03-01");
        Assert.Equal("IP DEN DENEX", MeasureHarness.Membership(Measure, f, "p"));
    }
}
