namespace Lodestar.Measures.Tests;

/// <summary>CMS117 (combination 10) on hand-built children, period 2025.</summary>
public sealed class ChildhoodImmunizationStatusTests
{
    private const string Measure = "cms117-childhood-immunization-status";

    /// <summary>A child with the full series: doses on distinct days, all in the window.</summary>
    private static ClinicalFixture Child(string birth = "2023-06-15", string? skip = null, int? rotaDoses = null, string rota = "116")
    {
        var f = new ClinicalFixture().Patient("c", birth).Encounter("c", "2025-06-20");
        void Doses(string cvx, int n)
        {
            if (cvx == skip)
            {
                n--;
            }
            for (var i = 0; i < n; i++)
            {
                f.Immunization("c", cvx, $"2024-{1 + i:00}-{10 + i:00}");
            }
        }
        Doses("20", 4); Doses("10", 3); Doses("03", 1); Doses("49", 3); Doses("08", 3);
        Doses("21", 1); Doses("133", 4); Doses("83", 1); Doses(rota, rotaDoses ?? 3); Doses("150", 2);
        return f;
    }

    [Theory]
    [InlineData("2023-01-01", "IP DEN NUM")]   // second birthday on the first day of the period: in
    [InlineData("2022-12-31", "none")]         // second birthday the day before the period: out
    [InlineData("2023-12-31", "IP DEN NUM")]   // second birthday on the last day: in
    [InlineData("2024-01-01", "none")]         // turns 2 after the period: out
    public void Children_who_turn_2_during_the_period(string birth, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Child(birth), "c"));

    [Theory]
    [InlineData(null, "IP DEN NUM")]   // the full series
    [InlineData("20", "IP DEN")]       // three DTaP instead of four
    [InlineData("133", "IP DEN")]      // three PCV instead of four
    [InlineData("03", "IP DEN")]       // no MMR
    [InlineData("150", "IP DEN")]      // one influenza dose instead of two
    public void Every_antigen_series_must_be_complete(string? skip, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Child(skip: skip), "c"));

    [Theory]
    [InlineData("116", 3, "IP DEN NUM")]   // RotaTeq: three doses
    [InlineData("116", 2, "IP DEN")]       // RotaTeq: two are not enough
    [InlineData("119", 2, "IP DEN NUM")]   // Rotarix: two doses suffice
    public void Rotavirus_counts_by_its_schedule(string cvx, int doses, string expected) =>
        Assert.Equal(expected, MeasureHarness.Membership(Measure, Child(rota: cvx, rotaDoses: doses), "c"));

    [Fact]
    public void Two_doses_on_the_same_day_count_once()
    {
        var f = Child(skip: "150").Immunization("c", "150", "2024-01-10");   // same day as the first flu dose
        Assert.Equal("IP DEN", MeasureHarness.Membership(Measure, f, "c"));
    }
}
