using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>CMS122 (inverse: the numerator is poor control) on hand-built patients, period 2025.</summary>
public sealed class DiabetesPoorControlTests
{
    private const string Measure = "cms122-diabetes-hba1c-poor-control";

    private static ClinicalFixture Diabetic(string birth = "1970-01-01") =>
        new ClinicalFixture().Patient("p", birth).Condition("p", Diabetes, "2019-03-01").Encounter("p", "2025-04-01");

    [Theory]
    [InlineData(9.1, "%", "IP DEN NUM")]        // above 9%: poor control
    [InlineData(9.0, "%", "IP DEN")]            // exactly 9% is not > 9%
    [InlineData(76.0, "mmol/mol", "IP DEN NUM")] // 0.09148 × 76 + 2.152 = 9.10 % NGSP: poor control (unit variant)
    [InlineData(74.0, "mmol/mol", "IP DEN")]     // 0.09148 × 74 + 2.152 = 8.92 %: controlled
    [InlineData(6.5, null, "IP DEN")]           // no unit: taken as %
    public void Latest_HbA1c_above_9_percent_is_poor_control(double value, string? unit, string expected)
    {
        var f = Diabetic().Lab("p", HbA1c, "2025-01-10", 12, "%").Lab("p", HbA1c, "2025-08-10", value, unit);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void No_HbA1c_in_the_period_counts_as_poor_control()
    {
        var f = Diabetic().Lab("p", HbA1c, "2024-12-31", 6.0, "%");
        Assert.Equal("IP DEN NUM", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void A_result_without_a_value_counts_as_poor_control()
    {
        var f = Diabetic().Lab("p", HbA1c, "2025-05-01", null, "%");
        Assert.Equal("IP DEN NUM", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Theory]
    [InlineData("1950-01-01", "IP DEN NUM")]  // 75 at the end of 2025: in
    [InlineData("1949-12-31", "none")]        // 76 on the last day: out
    public void Age_is_18_to_75(string birth, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Diabetic(birth), "p"));
}
