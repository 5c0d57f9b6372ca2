using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>Adult influenza (CMS147), depression screening (CMS2), statins (CMS347), HbA1c testing and BMI screening, period 2025.</summary>
public sealed class PreventionMeasureTests
{
    [Theory]
    [InlineData("2024-10-01", "2024-08-01", "IP DEN NUM")]   // visit on the first day of the season, vaccine on the first day of the window
    [InlineData("2024-09-30", "2024-10-15", "none")]         // visit a day before the season: not in the population
    [InlineData("2025-03-31", "2024-07-31", "IP DEN")]       // visit on the season's last day; vaccine a day before the window
    [InlineData("2025-03-31", "2025-04-01", "IP DEN")]       // vaccine a day after the season
    public void Influenza_uses_the_flu_season_windows(string visit, string vaccine, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1970-01-01").Encounter("p", visit).Immunization("p", "158", vaccine);
        Assert.Equal(expected, MeasureHarness.Membership("cms147-adult-influenza-immunization", f, "p"));
    }

    [Theory]
    [InlineData(Cpt + "90686", "2024-08-01", "completed", "IP DEN NUM")]          // CPT-coded vaccination on the window's first day
    [InlineData(Snomed + "86198006", "2025-03-31", "completed", "IP DEN NUM")]   // SNOMED administration on its last day
    [InlineData(Cpt + "90686", "2024-07-31", "completed", "IP DEN")]              // a day before the window
    [InlineData(Cpt + "90686", "2024-11-01", "not-done", "IP DEN")]               // recorded as not done
    [InlineData(Cpt + "90732", "2024-11-01", "completed", "IP DEN")]              // a pneumococcal vaccine, not influenza
    public void Influenza_vaccinations_recorded_as_procedures_count(string code, string date, string status, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1970-01-01").Encounter("p", "2024-12-01").Procedure("p", code, date, status);
        Assert.Equal(expected, MeasureHarness.Membership("cms147-adult-influenza-immunization", f, "p"));
    }

    [Theory]
    [InlineData("2007-01-01", "IP DEN NUM")]   // 18 on the first day of the period: in
    [InlineData("2007-01-02", "none")]         // 17 on the first day: out (children are in CMS117)
    public void Influenza_is_for_adults_at_the_start_of_the_period(string birth, string expected)
    {
        var f = new ClinicalFixture().Patient("p", birth).Encounter("p", "2025-01-10").Immunization("p", "150", "2024-11-01");
        Assert.Equal(expected, MeasureHarness.Membership("cms147-adult-influenza-immunization", f, "p"));
    }

    [Theory]
    [InlineData("2013-01-01", null, "IP DEN NUM")]            // 12 on the first day of the period, screened
    [InlineData("2013-01-02", null, "none")]                  // 11 on the first day: out
    [InlineData("1980-01-01", "2024-12-31", "IP DEN DENEX")]  // depression diagnosed the day before the period: excluded
    [InlineData("1980-01-01", "2025-01-01", "IP DEN NUM")]    // diagnosed during the period: not excluded
    public void Depression_screening_age_and_prior_diagnosis(string birth, string? diagnosed, string expected)
    {
        var f = new ClinicalFixture().Patient("p", birth).Encounter("p", "2025-05-01").Lab("p", Loinc + "73832-8", "2025-05-01", null, null);
        if (diagnosed is not null)
        {
            f.Condition("p", Icd10 + "F32.9", diagnosed);
        }
        Assert.Equal(expected, MeasureHarness.Membership("cms2-depression-screening", f, "p"));
    }

    [Theory]
    [InlineData("1970-01-01", "ascvd", "2025-03-01", "IP DEN NUM")]    // coronary disease, statin ordered in the period
    [InlineData("1970-01-01", "ascvd", "2024-12-31", "IP DEN")]        // statin ordered a day before the period
    [InlineData("1985-01-01", "diabetes", "2025-03-01", "IP DEN NUM")] // diabetes at 40 on the first day of the period
    [InlineData("1985-01-02", "diabetes", "2025-03-01", "none")]       // diabetes at 39: not in the population
    [InlineData("1985-01-02", "ascvd", "2025-03-01", "IP DEN NUM")]    // the same age with ASCVD is in
    public void Statins_for_ASCVD_or_diabetes_40_to_75(string birth, string condition, string ordered, string expected)
    {
        var f = new ClinicalFixture().Patient("p", birth).Encounter("p", "2025-02-01")
            .Condition("p", condition == "ascvd" ? Icd10 + "I25.10" : Diabetes, "2019-01-01")
            .Medication("p", "617312", ordered);
        Assert.Equal(expected, MeasureHarness.Membership("cms347-statin-therapy", f, "p"));
    }

    [Fact]
    public void A_statin_order_entered_in_error_does_not_count()
    {
        var f = new ClinicalFixture().Patient("p", "1960-01-01").Encounter("p", "2025-02-01")
            .Condition("p", Snomed + "53741008", "2019-01-01").Medication("p", "859747", "2025-03-01", status: "entered-in-error");
        Assert.Equal("IP DEN", MeasureHarness.Membership("cms347-statin-therapy", f, "p"));
    }

    [Theory]
    [InlineData("2025-12-31", 7.5, "IP DEN NUM")]   // tested on the last day of the period
    [InlineData("2024-12-31", 7.5, "IP DEN")]       // tested a day before the period
    [InlineData("2025-06-01", null, "IP DEN NUM")]  // a test without a result still counts as testing
    public void HbA1c_testing_needs_a_test_in_the_period(string date, double? value, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1960-01-01").Condition("p", Diabetes, "2015-01-01").Encounter("p", "2025-03-01")
            .Lab("p", HbA1c, date, value, value is null ? null : "%");
        Assert.Equal(expected, MeasureHarness.Membership("hba1c-testing", f, "p"));
    }

    [Theory]
    [InlineData("2024-01-01", "IP DEN NUM")]   // BMI on the first day of the year before the period
    [InlineData("2023-12-31", "IP DEN")]       // a day earlier
    public void BMI_counts_in_the_period_and_the_year_before(string date, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1970-01-01").Encounter("p", "2025-03-01").Lab("p", Loinc + "39156-5", date, 27.1, "kg/m2");
        Assert.Equal(expected, MeasureHarness.Membership("bmi-screening", f, "p"));
    }

    [Fact]
    public void Pregnancy_in_the_period_excludes_from_BMI_screening()
    {
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Encounter("p", "2025-03-01").Condition("p", Snomed + "77386006", "2025-02-01", "2025-10-01");
        Assert.Equal("IP DEN DENEX", MeasureHarness.Membership("bmi-screening", f, "p"));
    }
}
