using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using static Lodestar.Measures.Tests.ClinicalFixture;

namespace Lodestar.Measures.Tests;

public sealed class MeasureEngineTests
{
    private static ClinicalFixture Mixed()
    {
        var f = new ClinicalFixture();
        var races = new[] { "2106-3", "2054-5", "1002-5", "2028-9" };
        for (var i = 0; i < 40; i++)
        {
            var id = $"p{i}";
            f.Patient(id, $"{1950 + i % 30}-03-0{1 + i % 9}", gender: i % 3 == 0 ? "male" : "female", race: races[i % 4],
                ethnicity: i % 5 == 0 ? "2135-2" : "2186-5", county: i % 2 == 0 ? "28049" : null)
             .Condition(id, Hypertension, "2018-01-01").Encounter(id, "2025-02-02")
             .Coverage(id, i % 4 == 0 ? "medicare" : i % 4 == 1 ? "2" : "5", "2020-01-01", null);
            if (i % 3 != 0)
            {
                f.BloodPressure(id, "2025-07-07", 120 + i, 80);
            }
        }
        return f;
    }

    [Fact]
    public void Within_each_stratifier_the_strata_sum_to_the_group_totals()
    {
        var catalog = MeasureHarness.Catalog;
        var engine = new MeasureEngine(new EvaluationContext(Mixed().Build(), catalog));
        var result = Assert.Single(engine.Evaluate([catalog.Get("cms165-controlling-high-blood-pressure")], [Period.Year(2025)]));
        Assert.Equal(40, result.Group[PopulationCodes.InitialPopulation]);
        Assert.Equal(MeasureParser.KnownStratifiers.Count, result.Stratifiers.Count);
        foreach (var stratifier in result.Stratifiers)
        {
            foreach (var population in PopulationCodes.All)
            {
                Assert.Equal(result.Group[population], stratifier.Strata.Sum(s => s.Populations[population]));
            }
        }
        var race = result.Stratifiers.Single(s => s.Id == "race");
        Assert.Equal(["American Indian or Alaska Native", "Asian", "Black or African American", "White"], race.Strata.Select(s => s.Stratum.Label));
        var payer = result.Stratifiers.Single(s => s.Id == "payer");
        Assert.Equal(10, payer.Strata.Single(s => s.Stratum.Code == PayerTypes.Medicare).Populations[PopulationCodes.Denominator]);
        var county = result.Stratifiers.Single(s => s.Id == "county");
        Assert.Equal(20, county.Strata.Single(s => s.Stratum.Code == "unresolved").Populations[PopulationCodes.InitialPopulation]);
    }

    [Fact]
    public void Numerator_members_are_denominator_members_not_excluded()
    {
        var engine = new MeasureEngine(new EvaluationContext(Mixed().Build(), MeasureHarness.Catalog));
        var sets = engine.Populations(MeasureHarness.Catalog.Get("cms165-controlling-high-blood-pressure"), Period.Year(2025));
        var num = sets[PopulationCodes.Numerator];
        var allowed = sets[PopulationCodes.Denominator].AndNot(sets[PopulationCodes.DenominatorExclusion]);
        Assert.Equal(num.Cardinality(), num.And(allowed).Cardinality());
        Assert.True(num.Cardinality() > 0);
    }

    [Fact]
    public void Multiracial_patients_form_their_own_stratum_and_payer_prefers_active_insurance_over_self_pay()
    {
        var workspace = new ClinicalFixture()
            .Patient("a", "1970-01-01").Coverage("a", "self_pay_uninsured", "2025-01-01", null).Coverage("a", "medicaid", "2025-06-01", "2026-06-01")
            .Patient("b", "1970-01-01").Coverage("b", "81", "2025-01-01", null).Coverage("b", "5", "2020-01-01", "2025-12-30")
            .Build();
        var context = new EvaluationContext(workspace, MeasureHarness.Catalog);
        var payer = Stratifiers.Compute("payer", context, Period.Year(2025));
        Assert.Equal(PayerTypes.Medicaid, payer.Strata[payer.StratumOf[0]].Code);  // Medicaid active on Dec 31 beats self-pay
        Assert.Equal(PayerTypes.Uninsured, payer.Strata[payer.StratumOf[1]].Code); // private ended Dec 30
    }
    /// <summary>A store that counts strata itself, here answering fixed counts and recording what it was asked.</summary>
    private sealed class FixedCounter : IStratumCounter
    {
        public List<(string Measure, IReadOnlyList<string> Stratifiers)> Asked { get; } = [];

        public StratifiedCounts Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers)
        {
            Asked.Add((measure.Id, stratifiers));
            var counts = new PopulationCounts(PopulationCodes.All.ToDictionary(p => p, _ => 7L, StringComparer.Ordinal));
            return new StratifiedCounts(counts, stratifiers.Select(id => new StratifierResult(id, Stratifiers.Label(id), [new StratumResult(new Stratum("x", "X"), counts)])).ToList());
        }
    }

    /// <summary>A store that counts several measures together (one pass over its tables); counting one alone is refused.</summary>
    private sealed class BatchCounter : IStratumCounter
    {
        public List<(Period Period, IReadOnlyList<string> Measures)> Asked { get; } = [];

        public StratifiedCounts Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers) =>
            throw new InvalidOperationException("measures of a period are counted together");

        public IReadOnlyList<StratifiedCounts> Count(IReadOnlyList<(MeasureDefinition Measure, IReadOnlyList<string> Stratifiers)> measures, Period period)
        {
            Asked.Add((period, measures.Select(m => m.Measure.Id).ToList()));
            // Each measure's numerator is its position in the batch plus one, so a misplaced answer shows.
            return measures.Select((m, i) => new StratifiedCounts(
                new PopulationCounts(PopulationCodes.All.ToDictionary(p => p, _ => i + 1L, StringComparer.Ordinal)), [])).ToList();
        }
    }

    [Fact]
    public void With_a_counter_the_measures_of_a_period_are_counted_in_one_call_and_answered_in_order()
    {
        var catalog = MeasureHarness.Catalog;
        var context = new EvaluationContext(Mixed().Build(), catalog);
        var counter = new BatchCounter();
        var engine = new MeasureEngine(() => context, new CriterionEvaluator(context), counter);
        var first = catalog.Get("cms165-controlling-high-blood-pressure");
        var second = catalog.Get("readmission-30-day");

        var results = engine.Evaluate([first, second], [Period.Year(2024), Period.Year(2025)], ["sex"]);

        Assert.Equal([Period.Year(2024), Period.Year(2025)], counter.Asked.Select(a => a.Period));
        Assert.All(counter.Asked, a => Assert.Equal([first.Id, second.Id], a.Measures));
        Assert.Equal([first.Id, second.Id, first.Id, second.Id], results.Select(r => r.Measure.Id));
        Assert.Equal([1L, 2L, 1L, 2L], results.Select(r => r.Group[PopulationCodes.Numerator]));
    }

    [Fact]
    public void With_a_counter_the_counts_are_the_counters_and_member_sets_are_evaluated_only_when_asked_for()
    {
        var catalog = MeasureHarness.Catalog;
        var opened = 0;
        var context = new EvaluationContext(Mixed().Build(), catalog);
        var counter = new FixedCounter();
        var engine = new MeasureEngine(() => { opened++; return context; }, new CriterionEvaluator(context), counter);
        var measure = catalog.Get("cms165-controlling-high-blood-pressure");

        var result = Assert.Single(engine.Evaluate([measure], [Period.Year(2025)], ["sex", "race", "county"]));

        Assert.Equal(7, result.Group[PopulationCodes.Numerator]);
        // The measure's own stratifier order, filtered by what was asked.
        Assert.Equal(measure.Stratifiers.Where(new[] { "sex", "race", "county" }.Contains), Assert.Single(counter.Asked).Stratifiers);
        Assert.Equal(0, opened);
        var embedded = new MeasureEngine(context).Populations(measure, Period.Year(2025));
        Assert.Equal(embedded[PopulationCodes.Numerator].Cardinality(), result.Members[PopulationCodes.Numerator].Cardinality());
        Assert.Equal(1, opened);
    }

    [Fact]
    public void With_a_counter_an_unknown_stratifier_is_refused_as_the_embedded_engine_refuses_it()
    {
        var context = new EvaluationContext(Mixed().Build(), MeasureHarness.Catalog);
        var engine = new MeasureEngine(() => context, new CriterionEvaluator(context), new FixedCounter());
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Evaluate([MeasureHarness.Catalog.Get("cms165-controlling-high-blood-pressure")], [Period.Year(2025)], ["zodiac"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeasureEngine(context).Evaluate([MeasureHarness.Catalog.Get("cms165-controlling-high-blood-pressure")], [Period.Year(2025)], ["zodiac"]));
    }
}

public sealed class PayerTypesTests
{
    [Theory]
    // The shipped coverage view's own values pass through unchanged.
    [InlineData("self_pay_uninsured", "self_pay_uninsured")]
    [InlineData("other_public", "other_public")]
    [InlineData("medicare", "medicare")]
    // Raw PHDSC source-of-payment codes from a replaced view.
    [InlineData("81", "self_pay_uninsured")]
    [InlineData("21", "medicaid")]
    [InlineData("311", "other_public")]
    [InlineData("7", "other")]        // managed care, public or private unknown
    [InlineData("62", "private")]     // BCBS
    // Friendly spellings in measure definitions.
    [InlineData("uninsured", "self_pay_uninsured")]
    [InlineData("self-pay", "self_pay_uninsured")]
    [InlineData("other-public", "other_public")]
    [InlineData("Z", null)]
    public void Payer_values_classify_like_the_shipped_coverage_view(string value, string? expected) =>
        Assert.Equal(expected, PayerTypes.Classify(value));

}
