namespace Lodestar.Equity.Tests;

public sealed class DirectStandardisationTests
{
    // European Standard Population 2013, 19 bands (0-4 … 85-89, 90+): PHEindicatormethods' default standard (esp2013).
    private static readonly double[] Esp2013 =
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];

    // PHEindicatormethods v2.1.0 tests/testthat/testdata_DSR_ISR.xlsx, sheet testdata_multiarea (shared band populations).
    private static readonly double[] Population =
        [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];

    private static readonly long[] Big = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91];
    private static readonly long[] Small = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4];
    private static readonly long[] Tiny = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3]; // one NA count, read as 0 like PHE

    // Expected: sheet testresults_DSR of the same workbook (calculate_dsr, Dobson method), 1e-9 relative.
    [Theory]
    [InlineData("big", 10_000, 0.95, 1043.0247991469423, 971.77090679856803, 1117.894091547925)]
    [InlineData("big", 10_000, 0.998, 1043.0247991469423, 932.32878802199036, 1162.0595999522059)]
    [InlineData("small", 10_000, 0.95, 110.3212025300104, 87.745576753670903, 136.70882227251795)]       // 91 events
    [InlineData("small", 100_000, 0.998, 1103.212025300104, 763.64203579398793, 1530.0328948244762)]
    public void Dobson_matches_PHEindicatormethods_test_results(string area, double per, double confidence, double value, double lower, double upper)
    {
        var events = area == "big" ? Big : Small;
        var r = DirectStandardisation.Rate(events, Population, Esp2013, new DsrOptions { Multiplier = per, Confidence = confidence, Method = DsrMethod.Dobson });
        Tolerance.Relative(value, r.Value!.Value);
        Tolerance.Relative(lower, r.Lower!.Value);
        Tolerance.Relative(upper, r.Upper!.Value);
    }

    [Fact]
    public void Dobson_blanks_the_rate_below_ten_events_like_PHE()
    {
        // testresults_DSR: testdata_tiny (9 events) → value NA, "dsr NA for total count < 10".
        var r = DirectStandardisation.Rate(Tiny, Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        Assert.Null(r.Value);
        Assert.Null(r.Lower);
        Assert.Equal(9, r.Events);
        Assert.Contains("< 10", r.Note, StringComparison.Ordinal);
    }

    // PHEindicatormethods v2.1.0 testdata_DSR_ISR.xlsx, sheet testdata_nonindepe: persons per band with exactly 1, 2, 3
    // and 4 events (columns f1–f4; blank cells read as 0), same band populations as above. Expected: sheet
    // testresults_DSR rows testdata_nonind_* (calculate_dsr, independent_events = FALSE, ESP2013, per 100,000).
    public static TheoryData<string, double, double, double, double> NonIndependentCases => new()
    {
        // area, confidence, value, lower, upper
        { "big", 0.95, 10430.24799147, 9532.9497786200009, 11373.074832980001 },
        { "big", 0.998, 10430.24799147, 9036.2563135700002, 11929.24980749 },
        { "dummy", 0.95, 10430.24799147, 9512.2988375200002, 11394.77359633 },
        { "dummy", 0.998, 10430.24799147, 9004.1741812100008, 11963.748704039999 },
        { "small", 0.95, 1082.9541984099999, 817.68609755, 1393.5588492700001 },   // 89 events
        { "small", 0.998, 1082.9541984099999, 684.16751792000002, 1585.4964559299999 },
    };

    private static long[][] NonIndependentPersons(string area) => area switch
    {
        "big" =>
        [
            [75, 16, 11, 12, 8, 18, 26, 18, 18, 21, 21, 23, 23, 39, 25, 40, 46, 49, 56],
            [16, 3, 2, 3, 0, 3, 6, 3, 4, 4, 4, 4, 6, 8, 5, 9, 9, 10, 11],
            [4, 1, 1, 1, 0, 1, 2, 1, 1, 1, 1, 1, 2, 2, 1, 2, 2, 3, 3],
            [2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1],
        ],
        "dummy" =>
        [
            [80, 15, 10, 17, 12, 25, 30, 20, 19, 23, 19, 30, 19, 25, 15, 20, 30, 29, 22],
            [10, 5, 1, 2, 0, 1, 9, 2, 5, 3, 5, 2, 7, 14, 10, 18, 16, 19, 21],
            [9, 0, 2, 0, 0, 0, 0, 1, 0, 1, 1, 0, 4, 4, 1, 4, 4, 5, 9],
        ],
        _ =>
        [
            [7, 4, 3, 0, 3, 4, 5, 2, 2, 3, 4, 5, 3, 5, 5, 3, 5, 5, 4],
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0],
        ],
    };

    // The workbook rounds these rows to 8 decimal places (9532.94977862); 1e-11 relative is inside that rounding.
    [Theory]
    [MemberData(nameof(NonIndependentCases))]
    public void Non_independent_events_match_PHEindicatormethods_test_results(string area, double confidence, double value, double lower, double upper)
    {
        var persons = NonIndependentPersons(area);
        var frequencies = Enumerable.Range(1, persons.Length).ToArray();
        var options = new DsrOptions { Confidence = confidence, Method = DsrMethod.Dobson };
        var r = DirectStandardisation.RateNonIndependent(frequencies, persons, Population, Esp2013, options);
        Tolerance.Relative(value, r.Value!.Value, 1e-11);
        Tolerance.Relative(lower, r.Lower!.Value, 1e-11);
        Tolerance.Relative(upper, r.Upper!.Value, 1e-11);
        Assert.Contains("non-independent", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_independent_rate_equals_the_rate_of_all_events_and_widens_the_interval()
    {
        var persons = NonIndependentPersons("big");
        var r = DirectStandardisation.RateNonIndependent([1, 2, 3, 4], persons, Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        var independent = DirectStandardisation.Rate(Big, Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        Assert.Equal(895, r.Events);
        Tolerance.Relative(independent.Value!.Value, r.Value!.Value);
        Assert.True(r.Lower < independent.Lower && r.Upper > independent.Upper);
    }

    [Fact]
    public void Non_independent_events_with_one_event_each_are_the_independent_case()
    {
        var r = DirectStandardisation.RateNonIndependent([1], [Big], Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        var independent = DirectStandardisation.Rate(Big, Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        Tolerance.Relative(independent.Lower!.Value, r.Lower!.Value);
        Tolerance.Relative(independent.Upper!.Value, r.Upper!.Value);
    }

    [Fact]
    public void Non_independent_events_blank_below_ten_events_and_refuse_other_methods()
    {
        // testdata_nonind_tiny: 9 events (one person with 2, one with 3) → "dsr NA for total count < 10".
        long[][] tiny = [[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]];
        var r = DirectStandardisation.RateNonIndependent([1, 2, 3], tiny, Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson });
        Assert.Null(r.Value);
        Assert.Equal(9, r.Events);
        Assert.Throws<ArgumentException>(() => DirectStandardisation.RateNonIndependent([1], [Big], Population, Esp2013, new DsrOptions { Method = DsrMethod.FayFeuer }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DirectStandardisation.RateNonIndependent([0], [Big], Population, Esp2013, new DsrOptions { Method = DsrMethod.Dobson }));
    }

    // SEER*Stat tutorial "Calculating Age-adjusted Rates", step 3 (seer.cancer.gov/seerstat/tutorials/aarates/step3.html):
    // SEER 9, Nov 2006 submission, 19 age groups, 2000 US standard → 400.3 per 100,000 (published to 1 decimal).
    [Fact]
    public void Age_adjusted_rate_matches_the_SEER_Stat_tutorial()
    {
        long[] count = [29, 87, 67, 71, 87, 177, 290, 657, 1072, 1691, 2428, 2931, 2881, 2817, 2817, 2744, 2634, 1884, 1705];
        double[] pop = [139879, 553189, 736212, 770999, 651390, 639159, 676354, 736557, 724826, 700200, 617437, 516541, 361170, 259440, 206204, 172087, 142958, 99654, 92692];
        var standard = StandardPopulation.Us2000Seer19.Bands.Select(b => b.Weight).ToArray();
        var r = DirectStandardisation.Rate(count, pop, standard);
        Assert.Equal(400.3, Math.Round(r.Value!.Value, 1));
        Assert.InRange(r.Value!.Value, r.Lower!.Value, r.Upper!.Value);
    }

    // Fay & Feuer 1997: the gamma interval is exact whenever the standard is proportional to the study population,
    // so with one band (or proportional bands) it must equal the exact Poisson limits; the values are
    // PHEindicatormethods testdata_Rate.xlsx exact rows (x/100 per 100).
    [Theory]
    [InlineData(1, 0.95, 2.5317807984289897E-2, 5.571643390938898)]
    [InlineData(5, 0.998, 0.739371731917839, 16.454745203680105)]
    public void Fay_Feuer_reduces_to_exact_Poisson_limits_for_a_proportional_standard(long x, double confidence, double lower, double upper)
    {
        var one = DirectStandardisation.Rate([x], [100], [1], new DsrOptions { Multiplier = 100, Confidence = confidence });
        Tolerance.Relative(lower, one.Lower!.Value);
        Tolerance.Relative(upper, one.Upper!.Value);

        // Split the same events over two bands whose standard is proportional to their population (60 : 40).
        var split = DirectStandardisation.Rate([x / 2, x - x / 2], [60, 40], [6, 4], new DsrOptions { Multiplier = 100, Confidence = confidence });
        Tolerance.Relative(lower, split.Lower!.Value);
        Tolerance.Relative(upper, split.Upper!.Value);
        // Tiwari's upper limit coincides with Fay-Feuer when all per-band weights are equal.
        var tiwari = DirectStandardisation.Rate([x / 2, x - x / 2], [60, 40], [6, 4], new DsrOptions { Multiplier = 100, Confidence = confidence, Method = DsrMethod.Tiwari });
        Tolerance.Relative(upper, tiwari.Upper!.Value);
    }

    // Down syndrome births by maternal age, Michigan 1950–64 (Stark & Mantel 1966 via Fleiss 1981 p. 249): the data of
    // Fay & Feuer 1997 Tables I–II, shipped as the examples of epitools::ageadjust.direct and asht::wspoissonTest.
    // Birth order 5+, standard = all births. The published Table II was not available (see docs/statistics.md), so the
    // expected figures are the two reference implementations' own output, run in R 4.2.2 and printed to 17 digits:
    // epitools 0.5-10.1 ageadjust.direct (Fay–Feuer) and asht 1.0.1 wspoissonTest(wmtype = "max" and "tcz"), which
    // agree with each other to 1e-15. They pin the non-integer-shape gamma quantiles to 1e-9.
    [Theory]
    [InlineData(DsrMethod.FayFeuer, 75.529007445256781, 67.702120417646626, 188.30017272777584)]
    [InlineData(DsrMethod.Tiwari, 75.529007445256781, 67.702120417646626, 112.85842908497972)] // same lower limit, far lower upper
    public void Gamma_intervals_match_an_independent_evaluation_on_the_Fay_Feuer_data(DsrMethod method, double value, double lower, double upper)
    {
        long[] cases = [0, 8, 63, 112, 262, 295]; // first band has no case: the max weight comes from a tiny population
        double[] births = [327, 30666, 123419, 149919, 104088, 34392];
        double[] standard = [319933, 931318, 786511, 488235, 237863, 61313];
        var r = DirectStandardisation.Rate(cases, births, standard, new DsrOptions { Method = method });
        Tolerance.Relative(value, r.Value!.Value);
        Tolerance.Relative(lower, r.Lower!.Value);
        Tolerance.Relative(upper, r.Upper!.Value);
    }

    [Fact]
    public void Fay_Feuer_matches_an_independent_evaluation_for_birth_order_one()
    {
        // Same source data, birth order 1, standard = the mean population of the five birth orders (as in the
        // epitools example that "recreates Table 1 of Fay and Feuer, 1997"); expected = epitools::ageadjust.direct.
        long[] cases = [107, 141, 60, 40, 39, 25];
        double[] births = [230061, 329449, 114920, 39487, 14208, 3052];
        double[] standard = [(230061 + 72202 + 15050 + 2293 + 327) / 5.0, (329449 + 326701 + 175702 + 68800 + 30666) / 5.0,
            (114920 + 208667 + 207081 + 132424 + 123419) / 5.0, (39487 + 83228 + 117300 + 98301 + 149919) / 5.0,
            (14208 + 28466 + 45026 + 46075 + 104088) / 5.0, (3052 + 5375 + 8660 + 9834 + 34392) / 5.0];
        var r = DirectStandardisation.Rate(cases, births, standard);
        Tolerance.Relative(92.304525533199453, r.Value!.Value);
        Tolerance.Relative(80.441749850704255, r.Lower!.Value);
        Tolerance.Relative(105.76334574926118, r.Upper!.Value);
        // asht::wspoissonTest(wmtype = "tcz") on the same data: 92.304525533199438 (80.441749850704241, 105.35631831253471).
        var tiwari = DirectStandardisation.Rate(cases, births, standard, new DsrOptions { Method = DsrMethod.Tiwari });
        Tolerance.Relative(80.441749850704241, tiwari.Lower!.Value);
        Tolerance.Relative(105.35631831253471, tiwari.Upper!.Value);
    }

    // The SEER*Stat tutorial data (above) at 95% and 99.8%: epitools::ageadjust.direct and asht::wspoissonTest
    // (wmtype = "tcz") output for 19 bands weighted by the P25-1130 counts, per 100,000, R 4.2.2.
    [Theory]
    [InlineData(DsrMethod.FayFeuer, 0.95, 395.45744104627823, 405.19871432463088)]
    [InlineData(DsrMethod.FayFeuer, 0.998, 392.68332945620989, 408.03138458439014)]
    [InlineData(DsrMethod.Tiwari, 0.95, 395.45744104627823, 405.1925723760454)]
    public void Gamma_intervals_match_epitools_and_asht_on_the_SEER_Stat_tutorial_data(DsrMethod method, double confidence, double lower, double upper)
    {
        long[] count = [29, 87, 67, 71, 87, 177, 290, 657, 1072, 1691, 2428, 2931, 2881, 2817, 2817, 2744, 2634, 1884, 1705];
        double[] pop = [139879, 553189, 736212, 770999, 651390, 639159, 676354, 736557, 724826, 700200, 617437, 516541, 361170, 259440, 206204, 172087, 142958, 99654, 92692];
        var standard = StandardPopulation.Us2000Seer19.Bands.Select(b => b.Weight).ToArray();
        var r = DirectStandardisation.Rate(count, pop, standard, new DsrOptions { Method = method, Confidence = confidence });
        Tolerance.Relative(400.30400962102533, r.Value!.Value);
        Tolerance.Relative(lower, r.Lower!.Value);
        Tolerance.Relative(upper, r.Upper!.Value);
    }

    [Fact]
    public void Tiwari_interval_is_no_wider_than_Fay_Feuer_and_shares_its_lower_limit()
    {
        var ff = DirectStandardisation.Rate(Small, Population, Esp2013);
        var tw = DirectStandardisation.Rate(Small, Population, Esp2013, new DsrOptions { Method = DsrMethod.Tiwari });
        Assert.Equal(ff.Lower, tw.Lower);
        Assert.True(tw.Upper <= ff.Upper);
        Assert.True(tw.Upper > tw.Value);
    }

    [Fact]
    public void Nchs_rule_uses_the_normal_interval_from_100_events()
    {
        var r = DirectStandardisation.Rate(Big, Population, Esp2013, new DsrOptions { Method = DsrMethod.Nchs });
        var z = Proportions.Z(0.95);
        Tolerance.Relative(r.Value!.Value - z * r.StandardError!.Value, r.Lower!.Value, 1e-12);
        var small = DirectStandardisation.Rate(Small, Population, Esp2013, new DsrOptions { Method = DsrMethod.Nchs });
        var gamma = DirectStandardisation.Rate(Small, Population, Esp2013);
        Assert.Equal(gamma.Upper, small.Upper); // 91 events: gamma
    }

    [Fact]
    public void Zero_events_give_rate_zero_lower_zero_and_a_positive_upper_limit()
    {
        var r = DirectStandardisation.Rate(new long[19], Population, Esp2013);
        Assert.Equal(0, r.Value);
        Assert.Equal(0, r.Lower);
        Assert.True(r.Upper > 0);
        Assert.Contains("unreliable", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_with_no_population_makes_the_rate_not_estimable()
    {
        var r = DirectStandardisation.Rate([1, 2], [0, 100], [1, 1]);
        Assert.Null(r.Value);
        Assert.Contains("no population", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_contains_the_estimate_and_narrows_as_population_grows()
    {
        var previous = double.MaxValue;
        foreach (var scale in new[] { 1, 10, 100 })
        {
            var r = DirectStandardisation.Rate(Small.Select(x => x * scale).ToArray(), Population.Select(n => n * scale).ToArray(), Esp2013, new DsrOptions());
            Assert.InRange(r.Value!.Value, r.Lower!.Value, r.Upper!.Value);
            Assert.True(r.Upper!.Value - r.Lower!.Value < previous);
            previous = r.Upper!.Value - r.Lower!.Value;
        }
    }
}
