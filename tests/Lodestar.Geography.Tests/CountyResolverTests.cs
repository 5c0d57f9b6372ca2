namespace Lodestar.Geography.Tests;

public sealed class CountyResolverTests
{
    private static readonly CountyResolver Resolver = new();

    [Theory]
    [InlineData("MS", "Hinds County", "28049")]
    [InlineData("Mississippi", "HINDS", "28049")]
    [InlineData("NM", "Doña Ana County", "35013")]
    [InlineData("NM", "dona ana", "35013")]     // accents folded
    [InlineData("MO", "St. Louis City", "29510")] // the independent city …
    [InlineData("MO", "Saint Louis County", "29189")] // … is not the county
    [InlineData("MO", "st louis", "29189")]
    [InlineData("LA", "Orleans Parish", "22071")]
    [InlineData(null, "Bernalillo", "35001")]   // unique nationally: no state needed
    public void District_names_resolve_as_people_write_them(string? state, string district, string fips)
    {
        var r = Resolver.Resolve(state, district, null, null, null);
        Assert.True(r.IsResolved, r.Problem);
        Assert.Equal(fips, r.County.Fips);
        Assert.Equal(ResolutionMethod.District, r.Method);
    }

    [Fact]
    public void An_ambiguous_district_is_settled_by_the_ZIP()
    {
        var r = Resolver.Resolve(null, "Jackson County", "39201", null, null);
        Assert.Equal("28049", r.County?.Fips); // 39201 is in Hinds, so Jackson cannot match → ZIP decides
        Assert.Equal(ResolutionMethod.PostalCode, r.Method);
        var mo = Resolver.Resolve(null, "Jackson County", "64106", null, null);
        Assert.Equal("29095", mo.County?.Fips);
        Assert.Equal(ResolutionMethod.District, mo.Method);
    }

    [Theory]
    [InlineData("39201", "28049")]
    [InlineData("39201-1234", "28049")]
    [InlineData("87102", "35001")]
    [InlineData("63103", "29510")]
    public void ZIP_codes_resolve_when_there_is_no_district(string zip, string fips)
    {
        var r = Resolver.Resolve("", null, zip, null, null);
        Assert.Equal(fips, r.County?.Fips);
        Assert.Equal(ResolutionMethod.PostalCode, r.Method);
    }

    [Fact]
    public void A_ZIP_spanning_counties_resolves_to_the_county_holding_its_centroid()
    {
        var registry = CountyRegistry.Default;
        var multi = registry.GetState("MS").Counties.SelectMany(c => registry.ZipsIn(c.Fips))
            .GroupBy(z => z.Zip).Where(g => g.Count() > 1 && g.First().HasCentroid).Take(40).ToList();
        Assert.NotEmpty(multi);
        var byCentroid = 0;
        foreach (var zip in multi)
        {
            var chosen = Resolver.FromZip(zip.Key);
            Assert.NotNull(chosen);
            Assert.Contains(zip, z => z.CountyFips == chosen.Fips);
            var c = zip.First();
            var holder = zip.FirstOrDefault(z => CountyBoundaries.Default.Contains(z.CountyFips, c.Latitude!.Value, c.Longitude!.Value));
            if (holder is not null)
            {
                Assert.Equal(holder.CountyFips, chosen.Fips);
                byCentroid++;
            }
        }
        Assert.True(byCentroid > multi.Count / 2, $"only {byCentroid} of {multi.Count} decided by centroid");
    }

    [Theory]
    [InlineData(32.2988, -90.1848, "28049")]
    [InlineData(35.0844, -106.6504, "35001")]
    [InlineData(38.6365, -90.2856, "29510")]
    public void Coordinates_resolve_when_nothing_else_does(double lat, double lon, string fips)
    {
        var r = Resolver.Resolve("MS", "Nowhere County", "00000", lat, lon);
        Assert.Equal(fips, r.County?.Fips);
        Assert.Equal(ResolutionMethod.Coordinates, r.Method);
    }

    [Theory]
    [InlineData(null, null, null, null, null, "no district")]
    [InlineData("ZZ", "Jackson", null, null, null, "state 'ZZ'")] // a bad state is reported when the name needs it
    [InlineData(null, "Jackson", null, null, null, "matches")]
    [InlineData("MS", null, "99999", null, null, "not a known ZIP")]
    [InlineData("MS", null, "87102", null, null, "not in MS")]
    [InlineData(null, null, null, 28.0, -89.0, "in no US county")]
    [InlineData(null, null, null, double.NaN, 12.0, "not a valid")]
    [InlineData(null, null, null, 123.0, 12.0, "not a valid")]
    public void Unresolvable_addresses_are_reported_not_thrown(string? state, string? district, string? zip, double? lat, double? lon, string reason)
    {
        var r = Resolver.Resolve(state, district, zip, lat, lon);
        Assert.False(r.IsResolved);
        Assert.Equal(ResolutionMethod.Unresolved, r.Method);
        Assert.Contains(reason, r.Problem, StringComparison.Ordinal);
    }
}
