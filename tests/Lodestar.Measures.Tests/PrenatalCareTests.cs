using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>Prenatal care in the first trimester: deliveries in 2025, a prenatal visit 280..183 days before the delivery.</summary>
public sealed class PrenatalCareTests
{
    private const string Measure = "prenatal-care-first-trimester";
    private const string Delivery = Cpt + "59400";
    private const string PrenatalVisit = Snomed + "424619006";

    [Theory]
    [InlineData("2024-09-23", "IP DEN NUM")]   // 280 days before a 2025-06-30 delivery: the trimester's first day
    [InlineData("2024-09-22", "IP DEN")]       // 281 days before: before the estimated start of pregnancy
    [InlineData("2024-12-29", "IP DEN NUM")]   // 183 days before: the trimester's last day (13 weeks 6 days)
    [InlineData("2024-12-30", "IP DEN")]       // 182 days before: second trimester
    public void The_first_trimester_is_280_to_183_days_before_delivery(string visit, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1995-04-01").Procedure("p", Delivery, "2025-06-30").Encounter("p", visit, PrenatalVisit);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Theory]
    [InlineData("2025-01-01", "2024-03-27", "IP DEN NUM")]   // delivery on the period's first day; visit in the prior year counts
    [InlineData("2025-12-31", "2025-03-26", "IP DEN NUM")]   // delivery on the period's last day
    [InlineData("2024-12-31", "2024-03-26", "none")]         // delivery a day before the period: not in the population
    [InlineData("2026-01-01", "2025-03-27", "none")]         // delivery a day after it
    public void Deliveries_in_the_period_define_the_population(string delivered, string visit, string expected)
    {
        var f = new ClinicalFixture().Patient("p", "1995-04-01").Procedure("p", Delivery, delivered).Encounter("p", visit, PrenatalVisit);
        Assert.Equal(expected, MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void An_office_visit_that_is_not_coded_as_prenatal_does_not_count()
    {
        var f = new ClinicalFixture().Patient("p", "1995-04-01").Procedure("p", Delivery, "2025-06-30").Encounter("p", "2024-11-01", OfficeVisit);
        Assert.Equal("IP DEN", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void The_trimester_is_counted_from_the_delivery_in_the_period_not_an_earlier_one()
    {
        // Only the 2025 delivery anchors (the anchor is a delivery during the period);
        // here it is 2024-06-01: after the earlier delivery and 547 days before the 2025 one.
        var f = new ClinicalFixture().Patient("p", "1990-04-01")
            .Procedure("p", Delivery, "2024-03-01").Procedure("p", Delivery, "2025-11-30").Encounter("p", "2024-06-01", PrenatalVisit);
        Assert.Equal("IP DEN", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void A_delivery_entered_in_error_is_no_delivery()
    {
        var f = new ClinicalFixture().Patient("p", "1995-04-01").Procedure("p", Delivery, "2025-06-30", status: "entered-in-error")
            .Encounter("p", "2024-11-01", PrenatalVisit);
        Assert.Equal("none", MeasureHarness.Membership(Measure, f, "p"));
    }

    [Fact]
    public void A_cesarean_coded_in_SNOMED_is_a_delivery()
    {
        var f = new ClinicalFixture().Patient("p", "1995-04-01").Procedure("p", Snomed + "11466000", "2025-06-30").Encounter("p", "2024-11-01", Cpt + "0500F");
        Assert.Equal("IP DEN NUM", MeasureHarness.Membership(Measure, f, "p"));
    }
}
