namespace Lodestar.Geography.Tests;

public sealed class AgeBandsTests
{
    [Fact]
    public void Single_year_distribution_keeps_each_band_total_of_the_county()
    {
        var hinds = CountyRegistry.Default.GetCounty("28049");
        var p = AgeBands.SingleYearDistribution(hinds.Ages);
        Assert.Equal(AgeBands.MaxAge + 1, p.Length);
        Assert.Equal(1.0, p.Sum(), 9);
        Assert.Equal((double)hinds.Ages.Under18 / hinds.Ages.Total, p[..18].Sum(), 9);
        Assert.Equal((double)hinds.Ages.Age65AndOver / hinds.Ages.Total, p[65..].Sum(), 9);
        Assert.True(p[85] > p[99]); // the open 85+ group declines
    }
}
