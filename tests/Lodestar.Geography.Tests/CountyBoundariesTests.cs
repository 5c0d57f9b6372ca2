namespace Lodestar.Geography.Tests;

public sealed class CountyBoundariesTests
{
    private static readonly CountyBoundaries Boundaries = CountyBoundaries.Default;

    [Theory]
    [InlineData(32.2988, -90.1848, "28049")]  // Jackson, MS (state capitol area) → Hinds
    [InlineData(35.0844, -106.6504, "35001")] // Albuquerque → Bernalillo
    [InlineData(38.6365, -90.2856, "29510")]  // Forest Park, St. Louis city
    [InlineData(38.6426, -90.3237, "29189")]  // Clayton → St. Louis County, not the city
    [InlineData(39.0997, -94.5786, "29095")]  // Kansas City, MO → Jackson County, MO
    [InlineData(32.3199, -106.7637, "35013")] // Las Cruces → Doña Ana
    public void Known_points_fall_in_their_county(double lat, double lon, string fips)
    {
        Assert.Equal(fips, Boundaries.FindCounty(lat, lon));
        Assert.True(Boundaries.Contains(fips, lat, lon));
    }

    [Theory]
    [InlineData(28.0, -89.0)]  // Gulf of Mexico
    [InlineData(51.5, -0.12)]  // London
    public void Points_outside_the_US_are_in_no_county(double lat, double lon) =>
        Assert.Null(Boundaries.FindCounty(lat, lon));

    [Fact]
    public void Every_county_of_the_founding_states_has_a_shape_with_an_interior_point_inside_it()
    {
        foreach (var state in new[] { "MS", "NM", "MO" })
        {
            foreach (var county in CountyRegistry.Default.GetState(state).Counties)
            {
                var p = Boundaries.InteriorPoint(county.Fips);
                Assert.NotNull(p);
                Assert.Equal(county.Fips, Boundaries.FindCounty(p.Value.Latitude, p.Value.Longitude));
            }
        }
    }
}
