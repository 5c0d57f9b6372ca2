using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Tests;

public sealed class MeasureParserTests
{
    private static readonly HashSet<string> ValueSets = ["diabetes", "office-visit"];

    private static List<Diagnostic> Problems(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        MeasureParser.Parse("m.yaml", yaml, ValueSets.Contains, diagnostics);
        return diagnostics;
    }

    private const string Valid = """
        id: m
        title: T
        direction: higher-is-better
        populations:
          initial-population:
            all:
              - age: { at: end, min: 18, max: 75 }
              - condition: { value-set: diabetes, overlaps: period }
          denominator: initial-population
          numerator:
            encounter: { value-set: office-visit, during: { from: start-1y, to: end }, at-least: 2 }
        """;

    [Fact]
    public void A_valid_definition_parses_into_the_criterion_tree()
    {
        var diagnostics = new List<Diagnostic>();
        var m = MeasureParser.Parse("m.yaml", Valid, ValueSets.Contains, diagnostics);
        Assert.Empty(diagnostics);
        var ip = Assert.IsType<AllOf>(m!.Populations[PopulationCodes.InitialPopulation]);
        Assert.Equal(new AgeCriterion(DateAnchor.PeriodEnd, 18, 75), ip.Children[0]);
        Assert.Equal(new PopulationRef(PopulationCodes.InitialPopulation), m.Populations[PopulationCodes.Denominator]);
        var num = Assert.IsType<EncounterCriterion>(m.Populations[PopulationCodes.Numerator]);
        Assert.Equal(2, num.AtLeast);
        Assert.Equal("start-1y..end", num.During.ToString());
    }

    [Theory]
    // Each row: a mistake, the line it is on, and words of the fix the message must offer.
    [InlineData("value-set: diabetes", "value-set: diabetis", 8, "unknown value set 'diabetis'")]
    [InlineData("min: 18, max: 75", "min: 80, max: 75", 7, "swap them")]
    [InlineData("overlaps: period", "overlap: period", 8, "did you mean 'overlaps'?")]
    [InlineData("- age:", "- agee:", 7, "did you mean 'age'?")]
    [InlineData("during: { from: start-1y, to: end }", "during: { from: end, to: start-1y }", 11, "swap 'from' and 'to'")]
    [InlineData("at: end", "at: the end", 7, "'start-27mo'")]
    [InlineData("direction: higher-is-better", "direction: up", 3, "expected one of: higher-is-better, lower-is-better")]
    public void Definition_errors_name_the_line_and_the_fix(string correct, string mistake, int line, string fix)
    {
        var problems = Problems(Valid.Replace(correct, mistake, StringComparison.Ordinal));
        var problem = Assert.Single(problems);
        Assert.Equal("m.yaml", problem.Source);
        Assert.Equal(line, problem.Line);
        Assert.Contains(fix, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_comparison_is_reported()
    {
        var yaml = Valid.Replace("encounter: { value-set: office-visit, during: { from: start-1y, to: end }, at-least: 2 }",
            "observation: { value-set: diabetes, value: \"about 9\" }", StringComparison.Ordinal);
        Assert.Contains("is not a comparison", Assert.Single(Problems(yaml)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_a_diagnostic_not_an_exception()
    {
        var problem = Assert.Single(Problems("id: [unclosed\ntitle: x\n"));
        Assert.Contains("not valid YAML", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_population_may_not_refer_to_a_later_one()
    {
        var yaml = Valid.Replace("denominator: initial-population", "denominator: numerator", StringComparison.Ordinal);
        Assert.Contains("not defined before it", Assert.Single(Problems(yaml)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_catalog_loads_without_problems()
    {
        var catalog = MeasureCatalog.Load();
        Assert.True(catalog.Measures.Count >= 4);
        Assert.All(catalog.ValueSets.Values, vs => Assert.NotEmpty(vs.Source));
    }

    [Fact]
    public void Unknown_measure_id_suggests_the_closest()
    {
        var e = Assert.Throws<UserErrorException>(() => MeasureCatalog.Load().Get("cms165-controlling-high-blood-presure"));
        Assert.Contains("did you mean 'cms165-controlling-high-blood-pressure'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_wrap_an_encounter_or_a_readmission_and_nothing_else()
    {
        var ok = Valid.Replace("encounter: { value-set: office-visit, during: { from: start-1y, to: end }, at-least: 2 }",
            "events: { encounter: { class: [EMER], during: period } }", StringComparison.Ordinal).Replace("direction:", "scoring: rate-per-1000\ndirection:", StringComparison.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var m = MeasureParser.Parse("m.yaml", ok, ValueSets.Contains, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(Scoring.RatePer1000, m!.Scoring);
        var events = Assert.IsType<EventCount>(m.Populations[PopulationCodes.Numerator]);
        Assert.IsType<EncounterCriterion>(events.Event);

        var bad = Valid.Replace("encounter: { value-set: office-visit, during: { from: start-1y, to: end }, at-least: 2 }",
            "events: { condition: { value-set: diabetes } }", StringComparison.Ordinal);
        var problem = Assert.Single(Problems(bad));
        Assert.Contains("'events' counts an 'encounter' or a 'readmission' criterion", problem.ToString(), StringComparison.Ordinal);
    }

    private const string Relative = """
        id: m
        title: T
        direction: higher-is-better
        populations:
          initial-population:
            condition: { value-set: diabetes, overlaps: period }
          denominator: initial-population
          numerator:
            relative:
              event: { encounter: { value-set: office-visit, during: { from: start-1y, to: end } } }
              anchor: { condition: { value-set: diabetes, overlaps: period } }
              min-days: -7
              max-days: 90
        """;

    [Fact]
    public void A_relative_criterion_parses_with_both_sides_and_its_days()
    {
        var diagnostics = new List<Diagnostic>();
        var m = MeasureParser.Parse("m.yaml", Relative, ValueSets.Contains, diagnostics);
        Assert.Empty(diagnostics);
        var r = Assert.IsType<RelativeEvent>(m!.Populations[PopulationCodes.Numerator]);
        Assert.IsType<EncounterCriterion>(r.Event);
        Assert.IsType<ConditionCriterion>(r.Anchor);
        Assert.Equal((-7, 90), (r.MinDays, r.MaxDays));
    }

    [Theory]
    // Each row: a mistake in a relative criterion, its line, and words of the fix.
    [InlineData("min-days: -7", "min-days: 100", 12, "min-days 100 is above max-days 90; swap them")]
    [InlineData("max-days: 90", "", 10, "'max-days' is required")]
    [InlineData("anchor:", "ancor:", 11, "did you mean 'anchor'?")]
    [InlineData("anchor: { condition: { value-set: diabetes, overlaps: period } }", "anchor: { age: { min: 18 } }", 11, "must be one dated event")]
    [InlineData("during: { from: start-1y, to: end } }", "during: period, at-least: 2 }", 10, "without 'at-least' above 1")]
    [InlineData("value-set: diabetes, overlaps: period } }", "value-set: diabetis, overlaps: period } }", 11, "unknown value set 'diabetis'")]
    public void Relative_criterion_errors_name_the_line_and_the_fix(string correct, string mistake, int line, string fix)
    {
        var text = Relative.Replace(correct, mistake, StringComparison.Ordinal);
        Assert.NotEqual(Relative, text);
        var problems = Problems(text);
        Assert.Contains(problems, p => p.Line == line && p.Reason.Contains(fix, StringComparison.Ordinal));
    }

    private const string Continuous = """
        id: m
        title: T
        scoring: continuous
        direction: lower-is-better
        populations:
          initial-population:
            encounter: { class: [IMP], during: period }
          measure-population: initial-population
          measure-population-exclusion:
            deceased: { on-or-before: end }
          measure-observation:
            aggregate: median
            length-of-stay: { class: [IMP], during: period }
        """;

    [Fact]
    public void A_continuous_measure_parses_with_its_observation_and_aggregate()
    {
        var diagnostics = new List<Diagnostic>();
        var m = MeasureParser.Parse("m.yaml", Continuous, ValueSets.Contains, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(Scoring.Continuous, m!.Scoring);
        Assert.Equal(new PopulationRef(PopulationCodes.InitialPopulation), m.Populations[PopulationCodes.MeasurePopulation]);
        Assert.IsType<DeceasedCriterion>(m.Populations[PopulationCodes.MeasurePopulationExclusion]);
        Assert.Equal(AggregateMethod.Median, m.Observation!.Aggregate);
        var los = Assert.IsType<LengthOfStay>(m.Observation.Function);
        Assert.Equal(["IMP"], los.Encounters.Classes);
        Assert.Equal("d", m.Observation.Unit);
    }

    [Theory]
    // Each row: a mistake in a continuous measure, its line, and words of the fix.
    [InlineData("aggregate: median", "aggregate: mean", 12, "did you mean 'median'?")]                                  // closest spelling offered
    [InlineData("    aggregate: median\n", "", 12, "'aggregate' is required")]
    [InlineData("length-of-stay: { class: [IMP], during: period }", "length-of-stay: { class: [IMP], at-least: 2 }", 13, "'at-least' has no meaning here")]
    [InlineData("length-of-stay: { class: [IMP], during: period }", "lengthofstay: { class: [IMP] }", 13, "did you mean 'length-of-stay'?")]
    [InlineData("  measure-population: initial-population\n", "", 6, "a continuous measure needs 'measure-population'")]
    [InlineData("measure-population-exclusion:", "denominator-exclusion:", 9, "a continuous measure has initial-population, measure-population")]
    [InlineData("scoring: continuous", "scoring: proportion", 8, "'measure-population' belongs to continuous measures; set 'scoring: continuous'")]
    public void Continuous_measure_errors_name_the_line_and_the_fix(string correct, string mistake, int line, string fix)
    {
        var text = Continuous.Replace(correct.Replace("\\n", "\n", StringComparison.Ordinal), mistake, StringComparison.Ordinal);
        Assert.NotEqual(Continuous, text);
        var problems = Problems(text);
        Assert.Contains(problems, p => p.Line == line && p.Reason.Contains(fix, StringComparison.Ordinal));
    }

    [Fact]
    public void Days_between_needs_two_dated_sides()
    {
        var text = Continuous.Replace("length-of-stay: { class: [IMP], during: period }",
            "days-between: { from: { age: { min: 18 } }, to: { encounter: { class: [IMP] } } }", StringComparison.Ordinal);
        var problem = Assert.Single(Problems(text));
        Assert.Contains("must be one dated event", problem.Reason, StringComparison.Ordinal);
    }
}
