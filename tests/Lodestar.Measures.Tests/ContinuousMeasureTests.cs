using Lodestar.Diagnostics;
using Lodestar.Equity;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

/// <summary>Continuous-variable scoring: the populations, the observations, their aggregate and its interval, suppression.</summary>
public sealed class ContinuousMeasureTests
{
    private const string Stay = Snomed + "32485007";
    private const string LengthOfStay = "inpatient-length-of-stay";

    private static MeasureResult Evaluate(MeasureDefinition measure, ClinicalFixture fixture, params string[] stratifiers)
    {
        var context = new EvaluationContext(fixture.Build(), MeasureHarness.Catalog);
        var period = Period.Year(2025);
        return new MeasureEngine(context).Evaluate(measure, period, stratifiers.Select(s => Stratifiers.Compute(s, context, period)).ToList());
    }

    private static MeasureResult Evaluate(ClinicalFixture fixture, params string[] stratifiers) =>
        Evaluate(MeasureHarness.Catalog.Get(LengthOfStay), fixture, stratifiers);

    /// <summary>The boundary patients of the catalog's median length of stay.</summary>
    private static ClinicalFixture Boundaries() => new ClinicalFixture()
        .Patient("a", "1960-05-01")
        .Encounter("a", "2025-01-01", Stay, "IMP", end: "2025-01-05")          // admitted on the period's first day: counts, 4 days
        .Encounter("a", "2025-12-31", Stay, "IMP", end: "2026-01-02")          // admitted on its last day: counts, 2 days (discharge after the period)
        .Encounter("a", "2025-03-01")                                           // an office visit is not a stay
        .Patient("b", "1960-05-01").Encounter("b", "2024-12-31", Stay, "IMP", end: "2025-01-03") // admitted the day before: not in the period
        .Patient("c", "2007-01-01").Encounter("c", "2025-02-01", Stay, "ACUTE", end: "2025-02-08") // 18 on the period's first day: in, 7 days
        .Patient("y", "2007-01-02").Encounter("y", "2025-02-01", Stay, "IMP", end: "2025-02-03")   // 17 on the first day: not an adult
        .Patient("d", "1950-01-01", deceased: "2025-06-01").Encounter("d", "2025-02-01", Stay, "IMP", end: "2025-03-01") // died: excluded
        .Patient("e", "1970-01-01")
        .Encounter("e", "2025-04-01", Stay, "IMP", end: "2025-04-01")          // same-day stay: 0 days
        .Encounter("e", "2025-09-01", Stay, "IMP", open: true)                 // not yet discharged: no length
        .Patient("f", "1970-01-01").Encounter("f", "2025-09-01", Stay, "IMP", end: "2025-08-30"); // ends before it starts: no length, still in the population

    [Fact]
    public void Populations_follow_continuous_variable_semantics()
    {
        var group = Evaluate(Boundaries()).Group;
        Assert.Equal(5, group[PopulationCodes.InitialPopulation]);                  // a, c, d, e, f
        Assert.Equal(5, group[PopulationCodes.MeasurePopulation]);
        Assert.Equal(1, group[PopulationCodes.MeasurePopulationExclusion]);         // d
        Assert.Equal(4, group.ObservedPopulation);
        Assert.Equal(0, group[PopulationCodes.Denominator]);                        // no proportion populations
    }

    [Fact]
    public void Each_closed_stay_of_an_observed_patient_is_one_observation()
    {
        var observed = Evaluate(Boundaries()).Group.Observed!;
        Assert.Equal([0.0, 2, 4, 7], observed.Sorted);                              // e 0; a 2 and 4; c 7 — d excluded, open and reversed stays unmeasured
        Assert.Equal(3.0, observed.Aggregate(AggregateMethod.Median));              // (2 + 4) / 2
        Assert.Equal(13.0 / 4, observed.Aggregate(AggregateMethod.Average));
        Assert.Equal(13.0, observed.Aggregate(AggregateMethod.Sum));
        Assert.Equal(4.0, observed.Aggregate(AggregateMethod.Count));
        Assert.Equal(3.0, Evaluate(Boundaries()).Group.ScoreFor(MeasureHarness.Catalog.Get(LengthOfStay)));
    }

    [Fact]
    public void Strata_observations_sum_to_the_group()
    {
        var f = Boundaries().Patient("m", "1980-01-01", gender: "male").Encounter("m", "2025-05-01", Stay, "IMP", end: "2025-05-11");
        var result = Evaluate(f, "sex", "age");
        foreach (var s in result.Stratifiers)
        {
            Assert.Equal(result.Group.Observed!.Count, s.Strata.Sum(x => x.Populations.Observed!.Count));
            Assert.Equal(result.Group.Observed.Sorted, s.Strata.SelectMany(x => x.Populations.Observed!.Sorted).Order());
            Assert.Equal(result.Group[PopulationCodes.MeasurePopulation], s.Strata.Sum(x => x.Populations[PopulationCodes.MeasurePopulation]));
        }
        var male = result.Stratifiers[0].Strata.Single(x => x.Stratum.Code == "male").Populations;
        Assert.Equal(10.0, male.ScoreFor(result.Measure));
    }

    [Fact]
    public void Median_and_its_order_statistic_interval_are_published_when_no_count_is_small()
    {
        // Eleven adults with one stay each of 1..11 days: median 6; for n = 11 at 95% the ranks are 2 and 10
        // (P(B ≤ 1) = 12/2048 ≤ 0.025 < P(B ≤ 2) = 67/2048), so the interval is [2, 10].
        var f = new ClinicalFixture();
        for (var i = 1; i <= 11; i++)
        {
            f.Patient($"p{i}", "1970-01-01").Encounter($"p{i}", "2025-03-01", Stay, "IMP", end: new DateOnly(2025, 3, 1).AddDays(i).ToString("yyyy-MM-dd"));
        }
        var figures = MeasureAnalysis.Analyse(Evaluate(f));
        Assert.Equal(new Estimate(6, 2, 10), figures.Group.Rate);
        Assert.Equal(11, figures.Group.Eligible);
        Assert.Equal(11, figures.Group.Populations[PopulationCodes.MeasureObservation].Shown);
        Assert.Equal(11, figures.Group.Populations[PopulationCodes.MeasurePopulation].Shown);
    }

    [Fact]
    public void A_score_from_fewer_observations_than_the_threshold_is_withheld()
    {
        var figures = MeasureAnalysis.Analyse(Evaluate(Boundaries()));
        Assert.Null(figures.Group.Rate);
        Assert.True(figures.Group.RateWithheld);
        Assert.False(figures.Group.Populations[PopulationCodes.MeasureObservation].IsShown);
        var open = MeasureAnalysis.Analyse(Evaluate(Boundaries()), new AnalysisOptions { SuppressionThreshold = 1 });
        Assert.Equal(3.0, open.Group.Rate!.Value.Value);
        Assert.Equal(0.0, open.Group.Rate.Value.Lower);    // n = 4: too few for 95%, the interval is the range
        Assert.Equal(7.0, open.Group.Rate.Value.Upper);
    }

    [Fact]
    public void A_stratum_observation_count_cannot_be_recovered_by_subtraction()
    {
        // Twelve women and one man: the man's one observation is withheld, so the women's, which would reveal it
        // from the shown group total, is withheld too.
        var f = new ClinicalFixture();
        for (var i = 0; i < 12; i++)
        {
            f.Patient($"w{i}", "1970-01-01").Encounter($"w{i}", "2025-03-01", Stay, "IMP", end: "2025-03-04");
        }
        f.Patient("m", "1970-01-01", gender: "male").Encounter("m", "2025-03-01", Stay, "IMP", end: "2025-03-09");
        var figures = MeasureAnalysis.Analyse(Evaluate(f, "sex"));
        var strata = figures.Stratifiers[0].Strata;
        var man = strata.Single(s => s.Stratum.Code == "male");
        var women = strata.Single(s => s.Stratum.Code == "female");
        Assert.False(man.Populations[PopulationCodes.MeasureObservation].IsShown);
        Assert.Null(man.Rate);
        Assert.False(women.Populations[PopulationCodes.MeasureObservation].IsShown && figures.Group.Populations[PopulationCodes.MeasureObservation].IsShown);
    }

    [Fact]
    public void Days_between_observes_each_patient_once_from_the_first_event_to_the_next_follow_up()
    {
        const string Depression = Snomed + "35489007";
        var measure = Parse("""
            id: days-to-follow-up
            title: Days from a depression diagnosis to a visit
            scoring: continuous
            direction: lower-is-better
            populations:
              initial-population:
                condition: { value-set: major-depression, overlaps: period }
              measure-population: initial-population
              measure-observation:
                aggregate: average
                days-between:
                  from: { condition: { value-set: major-depression, overlaps: period } }
                  to: { encounter: { value-set: office-visit, during: { from: start, to: end+90d } } }
            """);
        var f = new ClinicalFixture()
            .Patient("a", "1970-01-01").Condition("a", Depression, "2025-03-01").Condition("a", Depression, "2025-05-01")
            .Encounter("a", "2025-02-01").Encounter("a", "2025-03-11").Encounter("a", "2025-03-20")   // before the first: ignored; first after: 10 days
            .Patient("b", "1970-01-01").Condition("b", Depression, "2025-12-30").Encounter("b", "2025-12-30") // same day: 0
            .Patient("c", "1970-01-01").Condition("c", Depression, "2025-06-01");                       // never seen again: no observation
        var result = Evaluate(measure, f);
        Assert.Equal(3, result.Group[PopulationCodes.MeasurePopulation]);
        Assert.Equal([0.0, 10], result.Group.Observed!.Sorted);
        Assert.Equal(5.0, result.Group.ScoreFor(measure));
        var figures = MeasureAnalysis.Analyse(result, new AnalysisOptions { SuppressionThreshold = 1 });
        // t interval of {0, 10}: 5 ± t(0.975; 1) × 5 = 5 ± 12.7062047 × 5.
        Assert.Equal(5 - 63.531023, figures.Group.Rate!.Value.Lower, 5);
        Assert.Equal(5 + 63.531023, figures.Group.Rate.Value.Upper, 5);
    }

    [Fact]
    public void Care_gaps_are_not_defined_for_a_continuous_measure()
    {
        var context = new EvaluationContext(Boundaries().Build(), MeasureHarness.Catalog);
        var result = new MeasureEngine(context).Evaluate(MeasureHarness.Catalog.Get(LengthOfStay), Period.Year(2025), []);
        Assert.Empty(new CareGaps(context).Find(result));
    }

    [Fact]
    public void An_executor_without_observations_refuses_the_measure_with_a_user_error()
    {
        var context = new EvaluationContext(Boundaries().Build(), MeasureHarness.Catalog);
        var engine = new MeasureEngine(context, new CriteriaOnly(new CriterionEvaluator(context)));
        var error = Assert.Throws<UserErrorException>(() => engine.Evaluate(MeasureHarness.Catalog.Get(LengthOfStay), Period.Year(2025), []));
        Assert.Contains("continuous measures are not supported on this back end", error.Message, StringComparison.Ordinal);
        // Every other measure still runs on it.
        Assert.NotNull(engine.Evaluate(MeasureHarness.Catalog.Get("readmission-30-day"), Period.Year(2025), []));
    }

    private static MeasureDefinition Parse(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var m = MeasureParser.Parse("m.yaml", yaml, MeasureHarness.Catalog.ValueSets.ContainsKey, diagnostics);
        Assert.Empty(diagnostics);
        return m!;
    }

    /// <summary>An executor that evaluates criteria but not observations, as ClickHouse does today.</summary>
    private sealed class CriteriaOnly(ICriterionEvaluator inner) : ICriterionEvaluator
    {
        public PatientSet Evaluate(Criterion criterion, Period period, IReadOnlyDictionary<string, PatientSet> populations) => inner.Evaluate(criterion, period, populations);

        public EventTally EventsPerPatient(EventCount counted, Period period) => inner.EventsPerPatient(counted, period);
    }
}
