using Lodestar.Geography;

namespace Lodestar.Synth.Tests;

public sealed class PopulationModelTests
{
    private static readonly PopulationModel Ms = new(CountyRegistry.Default.GetState("MS"), CountyRegistry.Default, CountyBoundaries.Default, new CountyResolver());

    [Fact]
    public void County_condition_factors_follow_PLACES_and_average_to_one_over_the_state()
    {
        var counties = Ms.Counties;
        var weighted = 0.0;
        for (var c = 0; c < counties.Length; c++)
        {
            weighted += Ms.ConditionFactor(c, ConditionKind.Diabetes) * counties[c].Population.Census2020;
        }
        Assert.Equal(1.0, weighted / counties.Sum(c => (double)c.Population.Census2020), 6);
        var highest = Array.IndexOf(counties, counties.MaxBy(c => c.Health!.DiabetesPercent));
        var lowest = Array.IndexOf(counties, counties.MinBy(c => c.Health!.DiabetesPercent));
        Assert.True(Ms.ConditionFactor(highest, ConditionKind.Diabetes) > 1.1);
        Assert.True(Ms.ConditionFactor(lowest, ConditionKind.Diabetes) < 0.9);
        Assert.Equal(1.0, Ms.ConditionFactor(0, ConditionKind.BreastCancer)); // no PLACES measure: no county factor
    }

    [Fact]
    public void Homes_are_at_ZIPs_of_the_county_they_are_drawn_for()
    {
        var rng = new Rng(1, 2);
        for (var c = 0; c < Ms.Counties.Length; c++)
        {
            var home = Ms.PickHome(ref rng, c);
            Assert.Contains(CountyRegistry.Default.ZipsIn(Ms.Counties[c].Fips), z => z.Zip == home.Zip);
            Assert.True(CountyBoundaries.Default.Contains(Ms.Counties[c].Fips, home.Latitude, home.Longitude));
        }
    }
}
