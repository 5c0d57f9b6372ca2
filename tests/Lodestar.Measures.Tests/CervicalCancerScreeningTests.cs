using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>CMS124 on hand-built patients, period 2025.</summary>
public sealed class CervicalCancerScreeningTests
{
    private const string Measure = "cms124-cervical-cancer-screening";
    private const string Cytology = Cpt + "88175";
    private const string PapLoinc = Loinc + "10524-7";
    private const string Hpv = Loinc + "59420-0";

    private static ClinicalFixture Woman(string birth = "1980-05-01", string gender = "female") =>
        new ClinicalFixture().Patient("p", birth, gender).Encounter("p", "2025-03-01");

    [Theory]
    [InlineData("2001-12-31", "IP DEN NUM")]   // turns 24 on the last day of the period: in
    [InlineData("2002-01-01", "none")]         // turns 24 the day after: out
    [InlineData("1961-01-01", "IP DEN NUM")]   // 64 at the end of the period: in
    [InlineData("1960-12-31", "none")]         // turns 65 on the last day: out
    public void Age_is_24_to_64_at_the_end_of_the_period(string birth, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Woman(birth).Procedure("p", Cytology, "2025-04-01"), "p"));

    [Theory]
    [InlineData("2023-01-01", "IP DEN NUM")]   // cytology on the first day of the three-year window: counts
    [InlineData("2022-12-31", "IP DEN")]       // one day earlier: does not
    [InlineData("2026-01-01", "IP DEN")]       // after the period: does not
    public void Cytology_counts_in_the_period_and_the_two_years_before(string date, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Woman().Procedure("p", Cytology, date), "p"));

    [Fact]
    public void A_LOINC_coded_Pap_observation_counts_like_the_procedure() =>
        Assert.Equal("IP DEN NUM", MeasureHarness.Membership(Measure, Woman().Lab("p", PapLoinc, "2024-06-01", null, null), "p"));

    [Theory]
    [InlineData("1980-05-01", "2021-01-01", "IP DEN NUM")]   // 45, HPV on the first day of the five-year window
    [InlineData("1980-05-01", "2020-12-31", "IP DEN")]       // one day before the window
    [InlineData("1995-12-31", "2024-01-01", "IP DEN NUM")]   // 28 at the test but 30 on the last day of the period (deviation: age at end)
    [InlineData("1996-01-01", "2024-01-01", "IP DEN")]       // turns 30 the day after the period: HPV alone does not count
    public void HPV_counts_for_five_years_from_age_30(string birth, string date, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Woman(birth).Lab("p", Hpv, date, null, null), "p"));

    [Theory]
    [InlineData("procedure")]   // hysterectomy with no residual cervix, years ago
    [InlineData("condition")]   // acquired absence of cervix on the problem list
    public void No_cervix_excludes(string how)
    {
        var f = Woman().Procedure("p", Cytology, "2025-04-01");
        f = how == "procedure" ? f.Procedure("p", Cpt + "58150", "2010-01-01") : f.Condition("p", Icd10 + "Z90.710", "2010-01-01");
        Assert.Equal("IP DEN DENEX", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void Men_are_not_in_the_population() =>
        Assert.Equal("none", MeasureHarness.Membership(Measure, Woman(gender: "male").Procedure("p", Cytology, "2025-04-01"), "p"));

    [Fact]
    public void A_not_done_cytology_does_not_count() =>
        Assert.Equal("IP DEN", MeasureHarness.Membership(Measure, Woman().Procedure("p", Cytology, "2025-04-01", status: "not-done"), "p"));
}
