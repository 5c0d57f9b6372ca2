using System.Globalization;

namespace Lodestar.Cli.Tests;

public sealed class StatsCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "lodestar-stats-" + Guid.NewGuid().ToString("N"));

    public StatsCommandTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<List<Dictionary<string, string>>> RunOk(params string[] args)
    {
        var (code, output, err) = await ExitCodeTests.Run(args);
        Assert.True(code == 0, $"exit {code}: {err}{output}");
        var outPath = args[Array.IndexOf(args, "--out") + 1];
        var lines = File.ReadAllLines(outPath);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => Csv.Fields(l).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static void Near(double expected, string actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - D(actual)) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual}");

    [Fact]
    public async Task Proportion_writes_Wilson_limits_and_keeps_the_input_columns()
    {
        // PHEindicatormethods testdata_Prop: 65/100 → 0.55254443296887967, 0.73635751756902468.
        var input = Write("p.csv", "group,region,numerator,denominator\nA,north,65,100\nB,south,0,20\nC,east,20,20\nD,west,3,0\n");
        var rows = await RunOk("stats", "proportion", "--input", input, "--out", Path.Combine(dir, "p-out.csv"));
        Assert.Equal("north", rows[0]["region"]);
        Near(0.55254443296887967, rows[0]["lower"]);
        Near(0.73635751756902468, rows[0]["upper"]);
        Assert.Equal("0", rows[1]["lower"]);        // 0 events: lower exactly 0
        Assert.Equal("1", rows[2]["upper"]);        // all events: upper exactly 1
        Assert.Equal("", rows[3]["value"]);         // no denominator: defined empty output, not NaN
        Assert.Contains("denominator is 0", rows[3]["note"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proportion_offers_Clopper_Pearson_and_percentages()
    {
        var input = Write("p.csv", "group,numerator,denominator\nA,0,20\n");
        var rows = await RunOk("stats", "proportion", "--input", input, "--out", Path.Combine(dir, "o.csv"), "--method", "clopper-pearson", "--per", "100");
        Assert.Equal(16.84, Math.Round(D(rows[0]["upper"]), 2)); // Newcombe 1998 Table I method 5: 0/20 → 0.1684
        Assert.Equal("clopper-pearson", rows[0]["method"]);
    }

    [Fact]
    public async Task Rate_switches_from_exact_to_Byar_and_suppresses_small_counts()
    {
        // PHEindicatormethods testdata_Rate: 1/100 and 20/100 per 100.
        var input = Write("r.csv", "group,events,population\nA,1,100\nB,20,100\nC,250,220\n");
        var rows = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "r-out.csv"), "--per", "100");
        Assert.Equal("exact", rows[0]["method"]);
        Near(2.5317807984289897E-2, rows[0]["lower"]);
        Assert.Equal("byar", rows[1]["method"]);
        Near(30.889880369197066, rows[1]["upper"]);

        var suppressed = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "s-out.csv"), "--suppress-below", "11");
        Assert.Equal("primary", suppressed[0]["suppressed"]);
        Assert.Equal("", suppressed[0]["events"]);  // the count itself is withheld, not only the rate
        Assert.Equal("", suppressed[0]["value"]);
        Assert.Equal("complementary", suppressed[1]["suppressed"]); // 20 is the next smallest: otherwise 1 = total − 20 − 250
        Assert.Equal("", suppressed[2]["suppressed"]);
    }

    [Fact]
    public async Task Dsr_standardises_to_the_SEER_19_group_standard()
    {
        // SEER*Stat age-adjusted rate tutorial, step 3: 400.3 per 100,000.
        long[] count = [29, 87, 67, 71, 87, 177, 290, 657, 1072, 1691, 2428, 2931, 2881, 2817, 2817, 2744, 2634, 1884, 1705];
        long[] pop = [139879, 553189, 736212, 770999, 651390, 639159, 676354, 736557, 724826, 700200, 617437, 516541, 361170, 259440, 206204, 172087, 142958, 99654, 92692];
        string[] bands = ["00", "01-04", "05-09", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+"];
        var csv = "group,age_band,events,population\n" + string.Concat(bands.Select((b, i) => $"seer9,{b},{count[i]},{pop[i]}\n"));
        var rows = await RunOk("stats", "dsr", "--input", Write("d.csv", csv), "--out", Path.Combine(dir, "d-out.csv"), "--standard", "us2000-19");
        Assert.Equal(400.3, Math.Round(D(rows[0]["value"]), 1));
        Assert.Equal("gamma", rows[0]["method"]);
        Assert.Equal("19", rows[0]["bands"]);
    }

    [Fact]
    public async Task Dsr_with_a_user_standard_and_Dobson_matches_PHE()
    {
        // PHEindicatormethods testdata_DSR_ISR.xlsx, testdata_big with ESP2013: 1043.0247991469423 per 10,000 (Dobson).
        string[] bands = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"];
        int[] esp = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];
        int[] pop = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
        int[] big = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91];
        int[] tiny = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3];
        var standard = Write("esp2013.csv", "age_band,weight\n" + string.Concat(bands.Select((b, i) => $"{b},{esp[i]}\n")));
        var csv = "group,age_band,events,population\n" + string.Concat(bands.Select((b, i) => $"big,{b},{big[i]},{pop[i]}\n"))
            + string.Concat(bands.Select((b, i) => $"tiny,{b},{tiny[i]},{pop[i]}\n"));
        var rows = await RunOk("stats", "dsr", "--input", Write("d.csv", csv), "--out", Path.Combine(dir, "d-out.csv"), "--standard", standard, "--method", "dobson", "--per", "10000");
        Near(1043.0247991469423, rows[0]["value"]);
        Near(971.77090679856803, rows[0]["lower"]);
        Near(1117.894091547925, rows[0]["upper"]);
        Assert.Equal("", rows[1]["value"]); // 9 events: PHE blanks below 10
        Assert.Contains("< 10", rows[1]["note"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsr_non_independent_matches_PHE_and_implies_Dobson()
    {
        // PHEindicatormethods testdata_DSR_ISR.xlsx, sheet testdata_nonindepe, area testdata_nonind_big (persons with 1–4
        // events per band); expected testresults_DSR: 10430.24799147 (9532.94977862, 11373.07483298) per 100,000.
        string[] bands = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"];
        int[] esp = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];
        int[] pop = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
        int[][] persons =
        [
            [75, 16, 11, 12, 8, 18, 26, 18, 18, 21, 21, 23, 23, 39, 25, 40, 46, 49, 56],
            [16, 3, 2, 3, 0, 3, 6, 3, 4, 4, 4, 4, 6, 8, 5, 9, 9, 10, 11],
            [4, 1, 1, 1, 0, 1, 2, 1, 1, 1, 1, 1, 2, 2, 1, 2, 2, 3, 3],
            [2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1],
        ];
        var standard = Write("esp2013.csv", "age_band,weight\n" + string.Concat(bands.Select((b, i) => $"{b},{esp[i]}\n")));
        var csv = "group,age_band,events_per_person,persons,population\n" + string.Concat(
            from f in Enumerable.Range(0, 4) from i in Enumerable.Range(0, bands.Length) where persons[f][i] > 0
            select $"big,{bands[i]},{f + 1},{persons[f][i]},{pop[i]}\n");
        var rows = await RunOk("stats", "dsr", "--input", Write("n.csv", csv), "--out", Path.Combine(dir, "n-out.csv"), "--standard", standard, "--non-independent");
        Near(10430.24799147, rows[0]["value"], 1e-11);
        Near(9532.94977862, rows[0]["lower"], 1e-11);
        Near(11373.07483298, rows[0]["upper"], 1e-11);
        Assert.Equal("895", rows[0]["events"]);
        Assert.Equal("dobson-non-independent", rows[0]["method"]);
    }

    [Theory]
    [InlineData("group,age_band,events_per_person,persons,population\nA,85+,1,3,100\nA,85+,2,1,90\n", ":3: population: population 90 differs from 100")]
    [InlineData("group,age_band,events_per_person,persons,population\nA,85+,1,3,100\nA,85+,1,1,100\n", ":3: events_per_person: events per person 1 appears twice")]
    [InlineData("group,age_band,events_per_person,persons,population\nA,85+,0,3,100\n", ":2: events_per_person: events per person must be a whole number from 1")]
    [InlineData("group,age_band,events,population\nA,85+,3,100\n", "events_per_person: missing column")]
    public async Task Dsr_non_independent_input_errors_name_the_row(string csv, string message)
    {
        var (code, _, err) = await ExitCodeTests.Run("stats", "dsr", "--input", Write("bad.csv", csv), "--out", Path.Combine(dir, "never.csv"), "--non-independent");
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsr_non_independent_refuses_a_method_other_than_Dobson()
    {
        var input = Write("n.csv", "group,age_band,events_per_person,persons,population\nA,85+,1,3,100\n");
        var (code, _, err) = await ExitCodeTests.Run("stats", "dsr", "--input", input, "--out", Path.Combine(dir, "o.csv"), "--non-independent", "--method", "gamma");
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("--non-independent: the adjustment is defined for --method dobson only", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsr_suppresses_groups_with_few_events_and_their_complement()
    {
        var csv = "group,age_band,events,population\nA,Under 1,3,1000\nA,85+,2,900\nB,Under 1,40,1000\nB,85+,30,900\nC,Under 1,400,9000\nC,85+,300,9000\n";
        var rows = await RunOk("stats", "dsr", "--input", Write("d.csv", csv), "--out", Path.Combine(dir, "s-out.csv"), "--suppress-below", "11");
        Assert.Equal("primary", rows[0]["suppressed"]);        // 5 events
        Assert.Equal("", rows[0]["events"]);
        Assert.Equal("", rows[0]["value"]);
        Assert.Equal("complementary", rows[1]["suppressed"]);  // 70 is the smallest other group
        Assert.Equal("", rows[2]["suppressed"]);
        Assert.NotEqual("", rows[2]["value"]);
    }

    [Fact]
    public async Task Dsr_indirect_gives_standardised_ratios_against_all_groups_pooled()
    {
        var csv = "group,age_band,events,population\nA,young,10,1000\nA,old,50,500\nB,young,20,2000\nB,old,100,1000\n";
        var rows = await RunOk("stats", "dsr", "--input", Write("d.csv", csv), "--out", Path.Combine(dir, "i-out.csv"), "--method", "indirect");
        Near(1, rows[0]["value"], 1e-12); // same age-specific rates as the pooled reference
        Assert.Equal("byar", rows[0]["method"]);
    }

    [Fact]
    public async Task Compare_classifies_groups_with_the_AHRQ_rule()
    {
        var input = Write("c.csv", "group,numerator,denominator\nWhite,10000,1000000\nBlack,11000,1000000\nAsian,10900,1000000\nTiny,3,100\n");
        var rows = await RunOk("stats", "compare", "--input", input, "--out", Path.Combine(dir, "c-out.csv"), "--reference", "White");
        Assert.Equal("reference", rows[0]["ahrq"]);
        Assert.Equal("worse", rows[1]["ahrq"]);  // +10% exactly and significant
        Assert.Equal("same", rows[2]["ahrq"]);   // +9%
        Assert.Equal("same", rows[3]["ahrq"]);   // +200% but 3 events: not significant
        Near(1.1, rows[1]["ratio"], 1e-12);
    }

    // Newcombe 1998b Table II example (a), 56/70 against 48/80: method 10 (default) 0.0524 to 0.3339, method 1 0.0575 to 0.3425.
    [Theory]
    [InlineData(null, 0.0524, 0.3339)]
    [InlineData("newcombe", 0.0524, 0.3339)]
    [InlineData("wald", 0.0575, 0.3425)]
    public async Task Compare_bounds_differences_of_proportions_with_the_chosen_method(string? method, double lower, double upper)
    {
        var input = Write("p.csv", "group,numerator,denominator\na,56,70\nb,48,80\n");
        string[] args = ["stats", "compare", "--input", input, "--out", Path.Combine(dir, "p-out.csv"), "--measure", "proportion", "--reference", "b"];
        var rows = await RunOk(method is null ? args : [.. args, "--difference-method", method]);
        Assert.Equal(lower, Math.Round(D(rows[0]["difference_lower"]), 4));
        Assert.Equal(upper, Math.Round(D(rows[0]["difference_upper"]), 4));
    }

    [Fact]
    public async Task Compare_accepts_ready_made_values_and_standard_errors()
    {
        var input = Write("c.csv", "group,value,se,population\nA,100,5,1000\nB,100,5,2000\n");
        var rows = await RunOk("stats", "compare", "--input", input, "--out", Path.Combine(dir, "c-out.csv"));
        Assert.Equal("B", rows[0]["reference"]);           // largest population
        Assert.Equal("1", rows[0]["ratio"]);               // identical groups: ratio 1
        Assert.Equal("0", rows[0]["difference"]);          // and difference 0
        Assert.Equal("same", rows[0]["ahrq"]);
    }

    [Fact]
    public async Task Disparity_reproduces_Chesson_2017_and_adds_ordered_indices()
    {
        // Chesson et al. 2017 Table 4 scenario G: IDisp 166.5, weighted 137.2.
        var input = Write("g.csv", "group,events,population\nWhite,70800,200000000\nBlack,563240,40000000\nHispanic,52360,55000000\nAPI,4480,20000000\nAIAN,2820,3000000\n");
        var rows = await RunOk("stats", "disparity", "--input", input, "--out", Path.Combine(dir, "g-out.csv"));
        var byName = rows.ToDictionary(r => r["index"]);
        Assert.Equal(166.5, Math.Round(D(byName["idisp"]["value"]), 1));
        Assert.Equal(137.2, Math.Round(D(byName["idisp_weighted"]["value"]), 1));
        Assert.False(byName.ContainsKey("sii")); // no order column

        var ordered = Write("q.csv", "group,numerator,denominator,order\nQ1,300,10000,1\nQ2,250,10000,2\nQ3,200,12000,3\nQ4,150,9000,3\nQ5,120,11000,5\nQ6,5,0,6\n");
        var q = (await RunOk("stats", "disparity", "--input", ordered, "--out", Path.Combine(dir, "q-out.csv"))).ToDictionary(r => r["index"]);
        Assert.True(D(q["sii"]["value"]) < 0);    // adverse outcome concentrated among the disadvantaged
        Assert.Contains("Q6", q["groups"]["note"], StringComparison.Ordinal); // no population: set aside, said so
        Assert.Equal("5", q["groups"]["value"]);
    }

    [Fact]
    public async Task Disparity_sii_on_the_log_scale_matches_PHE()
    {
        // PHEindicatormethods testdata_SII "rate (e.g. infant mortality) - log transform", area1: SII −3.1559071389545599,
        // RII 0.44188484360768232 (deterministic). Input as value,se with the SE on the natural scale (r·SE(ln r)).
        double[] pop = [279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836, 138165];
        double[] value = [5.8922196894757208, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.9425683464586041, 2.8287995039913199, 2.7648101907140012];
        double[] seLog = [2.458749781093432E-2, 2.8651772387909245E-2, 3.313428067829554E-2, 3.4656742217817678E-2, 3.7477373945545213E-2, 4.1552591866051265E-2, 4.3478344743185383E-2, 4.5324801522114426E-2, 4.7695676062254659E-2, 5.1071054013305549E-2];
        var csv = "group,value,se,population,order\n" + string.Concat(value.Select((v, i) =>
            FormattableString.Invariant($"q{i + 1},{v:R},{v * seLog[i]:R},{pop[i]:R},{i + 1}\n")));
        var rows = (await RunOk("stats", "disparity", "--input", Write("s.csv", csv), "--out", Path.Combine(dir, "s-out.csv"), "--sii-transform")).ToDictionary(r => r["index"]);
        Near(-3.1559071389545599, rows["sii"]["value"]);
        Near(0.44188484360768232, rows["rii_phe"]["value"]);
        Assert.Contains("log scale", rows["sii"]["note"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disparity_of_equal_groups_is_zero()
    {
        var input = Write("e.csv", "group,events,population,order\nA,10,1000,1\nB,20,2000,2\nC,30,3000,3\n");
        var rows = (await RunOk("stats", "disparity", "--input", input, "--out", Path.Combine(dir, "e-out.csv"))).ToDictionary(r => r["index"]);
        foreach (var name in new[] { "idisp", "idisp_weighted", "bgv", "theil", "mld", "sii", "rci" })
        {
            Assert.True(Math.Abs(D(rows[name]["value"])) < 1e-9, $"{name} = {rows[name]["value"]}");
        }
    }

    [Fact]
    public async Task Trend_reports_APC_and_gap_narrowing()
    {
        var csv = "group,period,numerator,denominator\n"
            + "A,2018,300,10000\nA,2019,260,10000\nA,2020,220,10000\nA,2021,180,10000\nA,2022,150,10000\n"
            + "B,2018,100,10000\nB,2019,101,10000\nB,2020,99,10000\nB,2021,100,10000\nB,2022,100,10000\n"
            + "C,2018,0,100\nC,2019,1,100\nC,2020,0,100\n";
        var rows = (await RunOk("stats", "trend", "--input", Write("t.csv", csv), "--out", Path.Combine(dir, "t-out.csv"), "--reference", "B")).ToDictionary(r => r["group"]);
        Assert.Equal("improving", rows["A"]["trend"]);
        Assert.Equal("narrowing", rows["A"]["gap"]);
        Assert.Equal("no_significant_change", rows["B"]["trend"]);
        Assert.Equal("not_estimable", rows["C"]["trend"]); // a zero rate on the log scale
        Assert.Equal("", rows["C"]["apc"]);
    }

    [Fact]
    public async Task Two_confidence_levels_give_one_pair_of_limit_columns_per_level()
    {
        var input = Write("r.csv", "group,events,population\nA,1,100\nB,20,100\n");
        var both = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "both.csv"), "--confidence", "0.95,0.998", "--per", "100");
        var at95 = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "95.csv"), "--per", "100");
        var at998 = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "998.csv"), "--confidence", "99.8", "--per", "100");
        Assert.Equal("group,events,population,value,lower95,upper95,lower99_8,upper99_8,method,confidence,multiplier,suppressed,note",
            File.ReadLines(Path.Combine(dir, "both.csv")).First());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(at95[i]["value"], both[i]["value"]);
            Assert.Equal(at95[i]["lower"], both[i]["lower95"]);
            Assert.Equal(at95[i]["upper"], both[i]["upper95"]);
            Assert.Equal(at998[i]["lower"], both[i]["lower99_8"]);
            Assert.Equal(at998[i]["upper"], both[i]["upper99_8"]);
            Assert.Equal("0.95;0.998", both[i]["confidence"]);
        }
    }

    [Fact]
    public async Task Dsr_with_two_levels_matches_PHE_both_columns()
    {
        // PHEindicatormethods calculate_dsr(confidence = c(0.95, 0.998)) on testdata_big, ESP2013, per 10,000
        // (testresults_DSR row 1: lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl).
        string[] bands = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"];
        int[] esp = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];
        int[] pop = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
        int[] big = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91];
        var standard = Write("esp2013.csv", "age_band,weight\n" + string.Concat(bands.Select((b, i) => $"{b},{esp[i]}\n")));
        var csv = "group,age_band,events,population\n" + string.Concat(bands.Select((b, i) => $"big,{b},{big[i]},{pop[i]}\n"));
        var rows = await RunOk("stats", "dsr", "--input", Write("d.csv", csv), "--out", Path.Combine(dir, "d2-out.csv"), "--standard", standard,
            "--method", "dobson", "--per", "10000", "--confidence", "95,99.8");
        Near(1043.0247991469423, rows[0]["value"]);
        Near(971.77090679856803, rows[0]["lower95"]);
        Near(1117.894091547925, rows[0]["upper95"]);
        Near(932.32878802199036, rows[0]["lower99_8"]);
        Near(1162.0595999522059, rows[0]["upper99_8"]);
    }

    [Fact]
    public async Task Trend_with_two_levels_repeats_the_classifications_read_off_the_interval()
    {
        var input = Write("t.csv", "group,period,numerator,denominator\nA,1,100,10000\nA,2,112,10000\nA,3,121,10000\nA,4,135,10000\n" +
            "B,1,100,10000\nB,2,101,10000\nB,3,99,10000\nB,4,102,10000\n");
        await RunOk("stats", "trend", "--input", input, "--out", Path.Combine(dir, "t-out.csv"), "--confidence", "0.95,0.998", "--reference", "B");
        Assert.Equal("group,periods,first_period,last_period,apc,lower95,upper95,lower99_8,upper99_8,p_value,trend95,trend99_8,reference," +
            "gap_first,gap_last,gap_change_per_period,gap_lower95,gap_upper95,gap_lower99_8,gap_upper99_8,gap_p,gap95,gap99_8,confidence,note",
            File.ReadLines(Path.Combine(dir, "t-out.csv")).First());
    }

    [Theory]
    [InlineData("rate", "95,0.95", "--confidence: level 0.95 is given twice")]
    [InlineData("rate", "0.95,", "--confidence: not a number ''")]
    [InlineData("rate", "0.95,1.2", "--confidence: 1.2 is outside")]
    public async Task Bad_confidence_lists_are_user_errors(string verb, string value, string message)
    {
        var input = Write("ok.csv", "group,events,population\nA,1,10\n");
        var (code, _, err) = await ExitCodeTests.Run("stats", verb, "--input", input, "--out", Path.Combine(dir, "o.csv"), "--confidence", value);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    // Malformed input: one line naming the file, the row and the column; exit code 1.
    [Theory]
    [InlineData("proportion", "group,numerator\nA,1\n", "denominator: missing column")]
    [InlineData("proportion", "group,numerator,denominator\nA,1,10\nB,-3,10\n", ":3: numerator: negative count -3")]
    [InlineData("proportion", "group,numerator,denominator\nA,12,10\n", ":2: numerator: 12 is greater than the denominator 10")]
    [InlineData("rate", "group,events,population\nA,x,10\n", ":2: events: not a whole number 'x'")]
    [InlineData("rate", "group,events,population\nA,1,-5\n", ":2: population: negative count -5")]
    [InlineData("rate", "group,events,population\nA,1\n", ":2: has 2 fields; the header has 3")]
    [InlineData("dsr", "group,age_band,events,population\nA,0-4,1,10\n", ":2: age_band: unknown age band '0-4' for standard us2000-11")]
    [InlineData("compare", "group,numerator,denominator\nA,1,10\nA,2,10\n", ":3: group: group 'A' appears twice")]
    [InlineData("trend", "group,period,numerator,denominator\nA,2020,1,10\nA,2020,2,10\n", ":3: period: period 2020 appears twice")]
    public async Task Malformed_input_is_a_one_line_user_error(string verb, string csv, string message)
    {
        var input = Write("bad.csv", csv);
        var (code, _, err) = await ExitCodeTests.Run("stats", verb, "--input", input, "--out", Path.Combine(dir, "never.csv"));
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "never.csv")));
    }

    [Theory]
    [InlineData("compare", "--reference", "Nobody", "--reference: 'Nobody' is not a group")]
    [InlineData("compare", "--difference-method", "exact", "--difference-method: 'exact' is not one of newcombe, wald")]
    [InlineData("dsr", "--standard", "no-such-standard.csv", "--standard: 'no-such-standard.csv' is not")]
    [InlineData("disparity", "--idisp-divisor", "3", "--idisp-divisor: '3' is not j or j-1")]
    [InlineData("trend", "--weighting", "loess", "--weighting: 'loess' is not weighted or unweighted")]
    public async Task Bad_verb_options_are_user_errors(string verb, string option, string value, string message)
    {
        var input = verb switch
        {
            "dsr" => Write("ok.csv", "group,age_band,events,population\nA,85+,1,10\n"),
            "trend" => Write("ok.csv", "group,period,numerator,denominator\nA,1,1,10\nA,2,1,10\nA,3,1,10\n"),
            _ => Write("ok.csv", "group,numerator,denominator\nA,1,10\n"),
        };
        var (code, _, err) = await ExitCodeTests.Run("stats", verb, "--input", input, "--out", Path.Combine(dir, "o.csv"), option, value);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--confidence", "1.5", "--confidence: 1.5 is outside")]
    [InlineData("--method", "magic", "--method: 'magic' is not one of")]
    [InlineData("--per", "0", "--per: must be a positive number")]
    public async Task Bad_options_are_user_errors(string option, string value, string message)
    {
        var input = Write("ok.csv", "group,events,population\nA,1,10\n");
        var (code, _, err) = await ExitCodeTests.Run("stats", "rate", "--input", input, "--out", Path.Combine(dir, "o.csv"), option, value);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_file_is_a_user_error()
    {
        var (code, _, err) = await ExitCodeTests.Run("stats", "rate", "--input", Path.Combine(dir, "nope.csv"), "--out", Path.Combine(dir, "o.csv"));
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("no such file", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confidence_accepts_percent_and_fraction_alike()
    {
        var input = Write("ok.csv", "group,events,population\nA,65,100\n");
        var a = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "a.csv"), "--confidence", "99.8", "--per", "100");
        var b = await RunOk("stats", "rate", "--input", input, "--out", Path.Combine(dir, "b.csv"), "--confidence", "0.998", "--per", "100");
        Assert.Equal(a[0]["lower"], b[0]["lower"]);
        Near(42.880261471480203, a[0]["lower"]); // PHE testdata_Rate, 99.8%
    }

    [Fact]
    public async Task Every_stats_subcommand_has_an_example()
    {
        var stats = LodestarCli.BuildRoot().Subcommands.Single(c => c.Name == "stats");
        Assert.Equal(["proportion", "rate", "dsr", "compare", "disparity", "trend"], stats.Subcommands.Select(c => c.Name));
        foreach (var sub in stats.Subcommands)
        {
            Assert.Contains("Example", sub.Description, StringComparison.Ordinal);
            var (code, output, _) = await ExitCodeTests.Run("stats", sub.Name, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--input", output, StringComparison.Ordinal);

            // The example must run as written (from the repository root).
            var example = sub.Description!.Split('\n').Last(l => l.TrimStart().StartsWith("lodestar ", StringComparison.Ordinal)).Trim().Split(' ')[1..];
            var input = Array.IndexOf(example, "--input");
            example[input + 1] = Path.Combine(Lodestar.Testing.RepoPaths.Root, example[input + 1]);
            var outIndex = Array.IndexOf(example, "--out");
            example[outIndex + 1] = Path.Combine(dir, sub.Name + "-example.csv");
            var (exampleCode, _, err) = await ExitCodeTests.Run(example);
            Assert.True(exampleCode == 0, $"{sub.Name} example failed: {err}");
        }
    }
}
