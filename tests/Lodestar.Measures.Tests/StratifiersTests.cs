using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.Measures.Tests;

/// <summary>The per-patient stratum functions both executors share (the embedded engine per row, ClickHouse per raw key).</summary>
public sealed class StratifiersTests
{
    [Theory]
    [InlineData("", "unknown")]
    [InlineData("urn:oid:2.16.840.1.113883.6.238|2106-3", "2106-3")]
    [InlineData("2106-3,2106-3", "2106-3")]              // the same category twice is still one race
    [InlineData("2106-3,2054-5", "multiracial")]
    [InlineData("2106-3,ASKU", "2106-3")]                // a non-OMB code does not make a second race
    [InlineData("1735-0", "unknown")]                    // a detailed code alone: no OMB category
    public void Race_is_the_one_OMB_category_or_multiracial(string codes, string expected)
    {
        Assert.Equal(expected, Stratifiers.Race(codes.Length == 0 ? [] : codes.Split(',')).Code);
    }

    [Theory]
    [InlineData("", "2106-3", "unknown")]                // no ethnicity: unknown even with a race
    [InlineData("2135-2", "2054-5", "hispanic")]         // Hispanic of any race
    [InlineData("2186-5", "2054-5", "nh-2054-5")]
    [InlineData("2186-5", "", "nh-unknown")]
    [InlineData("x,2186-5,2135-2", "2106-3", "nh-2106-3")] // the first OMB ethnicity code decides
    public void Race_and_ethnicity_put_Hispanic_first_then_race(string ethnicity, string race, string expected)
    {
        static string[] Split(string s) => s.Length == 0 ? [] : s.Split(',');
        Assert.Equal(expected, Stratifiers.RaceEthnicity(Split(race), Split(ethnicity)).Code);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    [InlineData("urn:ietf:bcp:47|es-MX", "es")]
    [InlineData("EN-us", "en")]
    [InlineData("xx", "xx")]
    public void Language_is_the_lower_case_primary_subtag(string? code, string expected)
    {
        Assert.Equal(expected, Stratifiers.Language(code).Code);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(-1, "unknown")]   // born after the date: not an age
    [InlineData(0, "0-17")]
    [InlineData(17, "0-17")]
    [InlineData(18, "18-44")]
    [InlineData(74, "65-74")]
    [InlineData(75, "75+")]
    public void Age_bands_have_inclusive_bounds(int? age, string expected)
    {
        Assert.Equal(expected, Stratifiers.AgeBand(age).Code);
    }

    [Fact]
    public void Payer_and_sex_have_labels_and_an_unknown()
    {
        Assert.Equal(("medicare", "Medicare"), Stratifiers.Payer(PayerTypes.Medicare));
        Assert.Equal(("unknown", "No coverage on record"), Stratifiers.Payer(null));
        Assert.Equal(PayerTypes.Medicare, Stratifiers.PayerOrder[0]);
        Assert.Equal(PayerTypes.Uninsured, Stratifiers.PayerOrder[^1]);
        Assert.Equal(("unknown", "Unknown"), Stratifiers.Sex("Female"));
        Assert.Equal(("female", "Female"), Stratifiers.Sex("female"));
    }

    [Fact]
    public void Strata_are_ordered_by_label_with_unknowns_last_and_ties_by_code()
    {
        var ordered = Stratifiers.Ordered("language", [new Stratum("unknown", "Unknown"), new Stratum("zz", "Same"), new Stratum("aa", "Same"), new Stratum("es", "Spanish"), new Stratum("ar", "Arabic")]);
        Assert.Equal(["ar", "aa", "zz", "es", "unknown"], ordered.Select(s => s.Code));
    }

    [Fact]
    public void Age_bands_are_ordered_by_their_lower_bound()
    {
        var bands = new[] { "75+", "18-44", "unknown", "65-74", "0-17", "45-64" }.Select(b => new Stratum(b, b));
        Assert.Equal(["0-17", "18-44", "45-64", "65-74", "75+", "unknown"], Stratifiers.Ordered("age", bands).Select(s => s.Code));
    }

    [Fact]
    public void County_and_rurality_without_an_area_directory_keep_the_code()
    {
        Assert.Equal(("28049", "28049"), Stratifiers.County("28049", null));
        Assert.Equal(("unresolved", "County not resolved"), Stratifiers.County(null, null));
        Assert.Equal("unknown", Stratifiers.Rurality("28049", null).Code);
    }
}
