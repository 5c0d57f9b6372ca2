using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>CMS125 breast and CMS130 colorectal cancer screening on hand-built patients, period 2025.</summary>
public sealed class ScreeningMeasureTests
{
    private const string Breast = "cms125-breast-cancer-screening";
    private const string Colorectal = "cms130-colorectal-cancer-screening";

    [Theory]
    [InlineData("2022-10-01", "IP DEN NUM")]  // first day of the 27-month look-back (October 1 two years prior)
    [InlineData("2022-09-30", "IP DEN")]      // one day before it
    [InlineData("2025-12-31", "IP DEN NUM")]  // last day of the period
    public void Mammogram_counts_from_October_1_two_years_before(string date, string expected)
    {
        var f = new ClinicalFixture().Patient("w", "1960-01-01").Encounter("w", "2025-02-01").Procedure("w", Cpt + "77067", date);
        Assert.Equal(expected, MeasureHarness.Membership(Breast, f, "w"));
    }

    [Fact]
    public void Only_women_52_to_74_are_in_the_breast_screening_population()
    {
        var f = new ClinicalFixture()
            .Patient("man", "1960-01-01", gender: "male").Encounter("man", "2025-02-01")
            .Patient("51", "1974-01-01").Encounter("51", "2025-02-01")   // 51 at the end of 2025
            .Patient("52", "1973-12-31").Encounter("52", "2025-02-01");  // turns 52 on the last day
        Assert.Equal("none", MeasureHarness.Membership(Breast, f, "man"));
        Assert.Equal("none", MeasureHarness.Membership(Breast, f, "51"));
        Assert.Equal("IP DEN", MeasureHarness.Membership(Breast, f, "52"));
    }

    [Fact]
    public void Bilateral_mastectomy_excludes()
    {
        var f = new ClinicalFixture().Patient("w", "1960-01-01").Encounter("w", "2025-02-01").Condition("w", Icd10 + "Z90.13", "2011-05-05");
        Assert.Equal("IP DEN DENEX", MeasureHarness.Membership(Breast, f, "w"));
    }

    [Fact]
    public void A_procedure_entered_in_error_does_not_count()
    {
        var f = new ClinicalFixture().Patient("w", "1960-01-01").Encounter("w", "2025-02-01").Procedure("w", Cpt + "77067", "2025-03-01", status: "entered-in-error");
        Assert.Equal("IP DEN", MeasureHarness.Membership(Breast, f, "w"));
    }

    [Theory]
    [InlineData("2016-01-01", "IP DEN NUM")]  // first day of the nine years before the period
    [InlineData("2015-12-31", "IP DEN")]      // one day earlier
    public void Colonoscopy_counts_in_the_period_and_nine_years_before(string date, string expected)
    {
        var f = new ClinicalFixture().Patient("a", "1965-06-01", gender: "male").Encounter("a", "2025-02-01").Procedure("a", Cpt + "45378", date);
        Assert.Equal(expected, MeasureHarness.Membership(Colorectal, f, "a"));
    }
}
