using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>The event-relative criterion in the embedded engine, on hand-built patients (period 2025).</summary>
public sealed class RelativeEventTests
{
    private const string Pregnancy = Snomed + "77386006";
    private const string PrenatalVisit = Snomed + "424619006";

    // A prenatal visit 0..90 days after the pregnancy's onset, any time in 2024..2025.
    private static readonly RelativeEvent VisitAfterOnset = new(
        new EncounterCriterion("prenatal-visit", [], new Window(DateAnchor.PeriodStart with { Years = -1 }, DateAnchor.PeriodEnd), 1),
        new ConditionCriterion("pregnancy-condition", Window.MeasurementPeriod), 0, 90);

    private static bool Holds(RelativeEvent criterion, ClinicalFixture f)
    {
        var context = new EvaluationContext(f.Build(), MeasureHarness.Catalog);
        var set = new CriterionEvaluator(context).Evaluate(criterion, Period.Year(2025), new Dictionary<string, PatientSet>());
        return set[Enumerable.Range(0, context.PatientCount).Single(p => context.PatientId(p) == "p")];
    }

    [Theory]
    [InlineData("2025-03-10", true)]    // the onset day itself: 0 days after
    [InlineData("2025-06-08", true)]    // 90 days after: the window's last day
    [InlineData("2025-06-09", false)]   // 91 days after
    [InlineData("2025-03-09", false)]   // a day before the onset
    public void An_event_counts_only_within_the_days_after_the_anchor(string visit, bool expected)
    {
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Condition("p", Pregnancy, "2025-03-10").Encounter("p", visit, PrenatalVisit);
        Assert.Equal(expected, Holds(VisitAfterOnset, f));
    }

    [Fact]
    public void A_condition_without_onset_dates_nothing()
    {
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Condition("p", Pregnancy, null).Encounter("p", "2025-03-10", PrenatalVisit);
        Assert.False(Holds(VisitAfterOnset, f));
    }

    [Fact]
    public void Any_anchor_of_the_patient_may_pair_with_any_event()
    {
        // The first pregnancy is long before the visit, the second 30 days before it: the second pairs.
        var f = new ClinicalFixture().Patient("p", "1990-01-01").Condition("p", Pregnancy, "2025-01-05", abatement: "2025-02-01")
            .Condition("p", Pregnancy, "2025-08-01").Encounter("p", "2025-08-31", PrenatalVisit);
        Assert.True(Holds(VisitAfterOnset, f));
    }

    [Fact]
    public void Another_patients_anchor_never_pairs()
    {
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Patient("q", "1995-01-01")
            .Condition("q", Pregnancy, "2025-03-10").Encounter("p", "2025-03-20", PrenatalVisit);
        Assert.False(Holds(VisitAfterOnset, f));
    }

    [Theory]
    [InlineData("2025-03-03", true)]    // 7 days before the anchor: the window's first day
    [InlineData("2025-03-02", false)]   // 8 days before
    [InlineData("2025-03-09", true)]    // 1 day before: the window's last day
    [InlineData("2025-03-10", false)]   // the same day is not before
    public void A_negative_window_looks_before_the_anchor(string visit, bool expected)
    {
        var before = VisitAfterOnset with { MinDays = -7, MaxDays = -1 };
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Condition("p", Pregnancy, "2025-03-10").Encounter("p", visit, PrenatalVisit);
        Assert.Equal(expected, Holds(before, f));
    }

    [Fact]
    public void The_event_keeps_its_own_window()
    {
        // 30 days after the onset, but the event criterion only looks at 2025 and the visit is in 2024.
        var f = new ClinicalFixture().Patient("p", "1995-01-01").Condition("p", Pregnancy, "2024-12-01").Encounter("p", "2024-12-31", PrenatalVisit);
        var onlyThisYear = VisitAfterOnset with { Event = new EncounterCriterion("prenatal-visit", [], Window.MeasurementPeriod, 1) };
        Assert.True(Holds(VisitAfterOnset, f));
        Assert.False(Holds(onlyThisYear, f));
    }
}
