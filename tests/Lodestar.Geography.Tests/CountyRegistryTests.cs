using System.Globalization;
using Lodestar.IO;
using Lodestar.Testing;

namespace Lodestar.Geography.Tests;

public sealed class CountyRegistryTests
{
    private static readonly CountyRegistry Registry = CountyRegistry.Default;

    [Fact]
    public void Registry_holds_every_county_equivalent_and_state_in_2022_geography()
    {
        Assert.Equal(3144, Registry.Counties.Count);
        Assert.Equal(51, Registry.States.Count);
        Assert.Equal(82, Registry.GetState("MS").Counties.Count);
        Assert.Equal(33, Registry.GetState("NM").Counties.Count);
        Assert.Equal(115, Registry.GetState("MO").Counties.Count);
    }

    [Theory]
    // fips, name, census 2020, RUCC 2023 — the published values (SOURCES.md spot checks)
    [InlineData("28049", "Hinds County", 227742, 2)]
    [InlineData("35001", "Bernalillo County", 676444, 2)]
    [InlineData("29510", "St. Louis city", 301578, 1)]
    [InlineData("29095", "Jackson County", 717204, 1)]
    public void Known_counties_carry_their_published_figures(string fips, string name, long census2020, int rucc)
    {
        var county = Registry.GetCounty(fips);
        Assert.Equal(name, county.Name);
        Assert.Equal(census2020, county.Population.Census2020);
        Assert.Equal(rucc, county.RuralUrbanContinuumCode);
        Assert.False(county.IsRural);
    }

    [Fact]
    public void Hinds_and_Bernalillo_race_and_ethnicity_match_SVI_2022()
    {
        var hinds = Registry.GetCounty("28049");
        Assert.Equal(226541, hinds.RaceEthnicity.Total);
        Assert.Equal(164769, hinds.RaceEthnicity.Black);
        var bernalillo = Registry.GetCounty("35001");
        Assert.Equal(342361, bernalillo.RaceEthnicity.Hispanic);
        Assert.Equal(26351, bernalillo.RaceEthnicity[OmbGroup.AmericanIndianAlaskaNative]);
        Assert.Equal(674692, bernalillo.Ages.Total);
    }

    [Theory]
    [InlineData("MS", 2961279)]
    [InlineData("NM", 2117522)]
    [InlineData("MO", 6154913)]
    public void State_census_denominators_reconcile_with_the_published_2020_counts(string state, long expected)
    {
        Assert.Equal(expected, Registry.GetState(state).Population.Census2020);
    }

    [Fact]
    public void State_estimates_equal_the_sum_of_their_counties_every_year()
    {
        foreach (var state in Registry.States)
        {
            for (var year = 2020; year <= 2023; year++)
            {
                Assert.Equal(state.Population.ForYear(year), state.Counties.Sum(c => c.Population.ForYear(year)));
            }
        }
        Assert.Equal(334_914_895, Registry.States.Sum(s => s.Population.Estimate2023));
    }

    [Fact]
    public void Every_county_matches_the_SVI_file_group_by_group()
    {
        using var csv = new StreamReader(Path.Combine(RepoPaths.Shared, "data", "svi", "SVI_2022_US_county.csv"));
        var reader = new CsvReader(csv, "svi");
        var header = reader.ReadHeader().ToList();
        int Col(string name) => header.IndexOf(name);
        var checkedRows = 0;
        foreach (var (record, _, _) in reader.ReadRecords(header.Count))
        {
            long V(string name) => long.Parse(record.Fields[Col(name)], CultureInfo.InvariantCulture);
            var county = Registry.GetCounty(record.Fields[Col("FIPS")].PadLeft(5, '0'));
            Assert.Equal(V("E_TOTPOP"), county.RaceEthnicity.Total);
            Assert.Equal(V("E_TOTPOP") - V("E_MINRTY"), county.RaceEthnicity.White);
            Assert.Equal(V("E_HISP"), county.RaceEthnicity.Hispanic);
            Assert.Equal(V("E_AFAM"), county.RaceEthnicity.Black);
            Assert.Equal(V("E_NHPI"), county.RaceEthnicity.NativeHawaiianPacificIslander);
            Assert.Equal(V("E_AGE65"), county.Ages.Age65AndOver);
            Assert.Equal(V("E_AGE17"), county.Ages.Under18);
            checkedRows++;
        }
        Assert.Equal(3144, checkedRows);
    }

    [Fact]
    public void Rucc_distribution_of_the_three_founding_states_matches_ERS()
    {
        // SOURCES.md: 1:21, 2:21, 3:20, 4:8, 5:14, 6:27, 7:26, 8:41, 9:52 across MS, NM, MO.
        var counts = new[] { "MS", "NM", "MO" }.SelectMany(s => Registry.GetState(s).Counties)
            .GroupBy(c => c.RuralUrbanContinuumCode).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal(new[] { 21, 21, 20, 8, 14, 27, 26, 41, 52 }, counts);
    }

    [Fact]
    public void Hpsa_scores_keep_the_documented_zero_pattern()
    {
        // Urban Institute derivation: MS 53/82, NM 24/33, MO 8/115 counties above 0.
        Assert.Equal(53, Registry.GetState("MS").Counties.Count(c => c.IsPrimaryCareShortageArea));
        Assert.Equal(24, Registry.GetState("NM").Counties.Count(c => c.IsPrimaryCareShortageArea));
        Assert.Equal(8, Registry.GetState("MO").Counties.Count(c => c.IsPrimaryCareShortageArea));
    }

    [Fact]
    public void Counties_list_their_ZIP_codes_with_centroids()
    {
        var zips = Registry.ZipsIn("28049");
        var downtown = Assert.Single(zips, z => z.Zip == "39201");
        Assert.True(downtown.HasCentroid);
        Assert.InRange(downtown.Latitude!.Value, 32.2, 32.4);
        Assert.Contains(Registry.ZipCounties("87102"), z => z.CountyFips == "35001");
        Assert.True(Registry.GetState("MS").Counties.All(c => Registry.ZipsIn(c.Fips).Count > 0));
    }

    [Fact]
    public void Counties_carry_PLACES_estimates_except_where_PLACES_has_none()
    {
        // SOURCES.md spot checks: Hinds DIABETES 15.1, BPHIGH 44.0; Bernalillo DIABETES 10.7.
        Assert.Equal(15.1, Registry.GetCounty("28049").Health!.DiabetesPercent);
        Assert.Equal(44.0, Registry.GetCounty("28049").Health!.HighBloodPressurePercent);
        Assert.Equal(10.7, Registry.GetCounty("35001").Health!.DiabetesPercent);
        Assert.All(Registry.GetState("FL").Counties, c => Assert.Null(c.Health));
        Assert.All(new[] { "MS", "NM", "MO" }.SelectMany(s => Registry.GetState(s).Counties), c => Assert.NotNull(c.Health));
    }

    [Theory]
    [InlineData("ms")]
    [InlineData("28")]
    [InlineData("Mississippi")]
    public void States_are_found_by_code_fips_or_name(string key)
    {
        Assert.True(Registry.TryGetState(key, out var state));
        Assert.Equal("MS", state.Abbreviation);
    }
}
