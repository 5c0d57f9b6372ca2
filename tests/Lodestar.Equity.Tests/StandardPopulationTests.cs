using Lodestar.Diagnostics;

namespace Lodestar.Equity.Tests;

public sealed class StandardPopulationTests
{
    [Fact]
    public void Nchs_11_groups_sum_to_the_standard_million()
    {
        // Anderson & Rosenberg, NVSR 47(3) 1998, Table I: the standard million sums to 1,000,000.
        var s = StandardPopulation.Us2000Nchs11;
        Assert.Equal(11, s.Bands.Count);
        Assert.Equal(1_000_000, s.Bands.Sum(b => b.Weight));
        Assert.Equal(13818, s.Bands[s.IndexOf("Under 1")].Weight);
        Assert.Equal(15508, s.Bands[s.IndexOf("85+")].Weight);
    }

    [Fact]
    public void Seer_19_groups_sum_to_the_P25_1130_total()
    {
        // seer.cancer.gov/stdpopulations: 2000 US standard, total 274,633,642; age 0 = 3,794,901.
        var s = StandardPopulation.Us2000Seer19;
        Assert.Equal(19, s.Bands.Count);
        Assert.Equal(274_633_642, s.Bands.Sum(b => b.Weight));
        Assert.Equal(3_794_901, s.Bands[s.IndexOf("00")].Weight);
        Assert.Equal(0.072532, Math.Round(s.Bands[s.IndexOf("05-09")].Weight / 274_633_642, 6));
    }

    [Fact]
    public void Labels_match_case_insensitively_and_trimmed()
    {
        Assert.Equal(0, StandardPopulation.Us2000Nchs11.IndexOf(" under 1 "));
        Assert.Equal(-1, StandardPopulation.Us2000Nchs11.IndexOf("0-4"));
    }

    [Fact]
    public void A_user_standard_is_read_from_csv()
    {
        var s = StandardPopulation.Read(new StringReader("age_band,weight\n0-44,0.6\n45+,0.4\n"), "std.csv");
        Assert.Equal(2, s.Bands.Count);
        Assert.Equal("std", s.Name);
        Assert.Equal(0.4, s.Bands[1].Weight);
    }

    [Theory]
    [InlineData("age_band,weight\n0-44,-1\n", "std.csv:2: weight: not a weight >= 0: '-1'")]     // negative weight
    [InlineData("band,weight\n0-44,1\n", "std.csv:1: age_band:")]                                 // missing label column
    [InlineData("age_band,weight\n0-44,1\n0-44,2\n", "std.csv:3: age_band: age band '0-44' appears twice")] // duplicate
    public void Malformed_user_standard_is_a_user_error(string csv, string message)
    {
        var e = Assert.Throws<UserErrorException>(() => StandardPopulation.Read(new StringReader(csv), "std.csv"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
