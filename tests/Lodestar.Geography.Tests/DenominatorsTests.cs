namespace Lodestar.Geography.Tests;

public sealed class DenominatorsTests
{
    [Fact]
    public void Rate_per_100000_scales_events_by_population()
    {
        Assert.Equal(2.5, Denominators.RatePer100000(5, 200_000), 12);
        Assert.True(double.IsNaN(Denominators.RatePer100000(5, 0)));
    }

    [Fact]
    public void Representation_index_is_one_when_a_cohort_mirrors_the_state()
    {
        var ms = CountyRegistry.Default.GetState("MS");
        var share = ms.Share(OmbGroup.Black);
        Assert.InRange(share, 0.36, 0.39); // ACS 2018–2022: about 37% of Mississippians are Black, non-Hispanic
        Assert.Equal(1.0, Denominators.RepresentationIndex((long)Math.Round(share * 1_000_000), 1_000_000, ms, OmbGroup.Black), 5);
        Assert.Equal(0.5, Denominators.RepresentationIndex((long)Math.Round(share * 500_000), 1_000_000, ms, OmbGroup.Black), 5);
    }
}
