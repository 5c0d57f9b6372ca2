using Lodestar.Diagnostics;
using Lodestar.Geography;

namespace Lodestar.Synth.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public void Default_scenario_plants_the_three_documented_effects()
    {
        var s = Scenario.Default;
        var bp = Assert.Single(s.Effects, e => e.Outcome == Outcome.BloodPressureControl);
        Assert.Equal(-0.08, bp.Difference);
        Assert.Equal([OmbGroup.Black], bp.Who.Races);
        var mammo = Assert.Single(s.Effects, e => e.Outcome == Outcome.Mammography);
        Assert.True(mammo.Who.Rural);
        Assert.Equal(-0.12, mammo.Difference);
        var uninsured = Assert.Single(s.Effects, e => e.Outcome == Outcome.Uninsured);
        Assert.Equal(3.0, uninsured.Ratio);
        Assert.Contains("28049", uninsured.Who.Counties!);
    }

    [Fact]
    public void JSON_scenarios_are_read_too()
    {
        var s = Scenario.Parse("""{"name":"j","baseline":{"flu-vaccination":0.4},"effects":[{"id":"a","outcome":"flu-vaccination","who":{"language":["es"]},"difference":-0.1}]}""", "s.json");
        Assert.Equal(0.4, s.BaselineOf(Outcome.FluVaccination));
        Assert.Equal(["es"], s.Effects[0].Who.Languages);
    }

    [Theory]
    [InlineData("effects: [{id: a, outcome: nope, difference: 0.1}]", "outcome")]
    [InlineData("effects: [{id: a, outcome: bp-control}]", "exactly one")]
    [InlineData("effects: [{id: a, outcome: bp-control, difference: 2}]", "difference")]
    [InlineData("effects: [{id: a, outcome: uninsured, difference: 0.1}]", "ratio")]
    [InlineData("effects: [{id: a, outcome: bp-control, difference: 0.1, who: {race: [martian]}}]", "race")]
    [InlineData("effects: [{id: a, outcome: bp-control, difference: 0.1, who: {counties: [1001]}}]", "counties")] // 01001 written as a number lost its zero
    [InlineData("effects: [{id: a, outcome: bp-control, difference: 0.1}, {id: a, outcome: mammography, difference: 0.1}]", "unique")]
    [InlineData("baseline: {bp-control: 1.5}", "probability")]
    [InlineData("effects: [{id: a, outcome: bp-control, difference: 0.1, colour: red}]", "s.yaml")] // unknown field
    [InlineData("effects: [", "s.yaml")]
    public void Bad_scenarios_are_user_errors_that_name_the_problem(string yaml, string mentions)
    {
        var e = Assert.Throws<UserErrorException>(() => Scenario.Parse(yaml, "s.yaml"));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_combine_with_and()
    {
        var county = CountyRegistry.Default.GetCounty("28049");
        var person = new PersonTraits(0, county, OmbGroup.Black, true, new DateOnly(1970, 1, 1), "39201", "Jackson", 32.3, -90.2, "en");
        Assert.True(new PopulationSelector(Races: [OmbGroup.Black], Sex: "female").Matches(person, 55));
        Assert.False(new PopulationSelector(Races: [OmbGroup.Black], Rural: true).Matches(person, 55)); // Hinds is metro (RUCC 2)
        Assert.False(new PopulationSelector(MinAge: 60).Matches(person, 55));
    }
}
