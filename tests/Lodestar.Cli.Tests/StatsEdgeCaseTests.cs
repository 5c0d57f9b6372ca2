namespace Lodestar.Cli.Tests;

/// <summary>
/// Issue 4's edge cases — 0 events, events = population, denominators of 1, a single group, a group with no
/// population, ties in ordered groups — run through <c>lodestar stats</c> for every subcommand and method: each run
/// succeeds, its file holds no NaN or infinity, and every figure left empty has a note saying why.
/// </summary>
public sealed class StatsEdgeCaseTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lodestar-stats-edge-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string Dsr = "group,age_band,events,population\n";
    private const string Ordered = "group,events,population,order\n";
    private const string Series = "group,period,numerator,denominator\n";

    public static TheoryData<string, string, string, string[]> Cases()
    {
        var data = new TheoryData<string, string, string, string[]>
        {
            { "0 events", "proportion", "group,numerator,denominator\nA,0,50\nB,0,1\n", [] },
            { "events = population", "proportion", "group,numerator,denominator\nA,50,50\nB,1,1\n", ["--method", "clopper-pearson"] },
            { "denominators of 1", "proportion", "group,numerator,denominator\nA,0,1\nB,1,1\n", ["--confidence", "0.95,0.998"] },
            { "single group", "proportion", "group,numerator,denominator\nA,5,10\n", ["--suppress-below", "11"] },
            { "group with no population", "proportion", "group,numerator,denominator\nA,0,0\nB,3,10\n", [] },

            { "0 events", "rate", "group,events,population\nA,0,50\nB,0,1\n", [] },
            { "events = population", "rate", "group,events,population\nA,50,50\nB,1,1\n", ["--method", "byar"] },
            { "denominators of 1", "rate", "group,events,population\nA,0,1\nB,1,1\nC,3,1\n", ["--confidence", "0.95,0.998"] },
            { "single group", "rate", "group,events,population\nA,5,10\n", ["--suppress-below", "11"] },
            { "group with no population", "rate", "group,events,population\nA,3,0\nB,5,10\n", [] },

            // Ready-made values: a reference of 100% is 0 in the adverse framing, so no relative difference.
            { "0 events", "compare", "group,events,population\nref,0,100\nA,0,100\nB,5,100\n", ["--reference", "ref"] },
            { "events = population", "compare", "group,numerator,denominator\nref,0,100\nall,100,100\n", ["--measure", "proportion", "--reference", "ref"] },
            { "events = population", "compare", "group,numerator,denominator\nref,100,100\nA,90,100\n", ["--measure", "proportion", "--direction", "higher-is-better", "--reference", "ref"] },
            { "denominators of 1", "compare", "group,events,population\nA,1,1\nB,0,1\nC,1,1\n", ["--reference", "best"] },
            { "single group", "compare", "group,events,population\nA,5,100\n", [] },
            { "group with no population", "compare", "group,events,population\nA,5,100\nB,3,0\n", [] },

            { "0 events", "trend", Series + "Z,2018,0,100\nZ,2019,0,100\nZ,2020,0,100\nA,2018,5,100\nA,2019,0,100\nA,2020,6,100\n", [] },
            { "events = population", "trend", Series + "A,2018,10,10\nA,2019,10,10\nA,2020,10,10\nB,2018,5,10\nB,2019,6,10\nB,2020,7,10\n", ["--weighting", "unweighted"] },
            { "denominators of 1", "trend", Series + "A,2018,1,1\nA,2019,0,1\nA,2020,1,1\nB,2018,1,1\nB,2019,1,1\nB,2020,1,1\n", ["--confidence", "0.95,0.998"] },
            { "single group", "trend", Series + "A,2018,5,100\nA,2019,6,100\nA,2020,7,100\n", ["--reference", "A"] },
            { "group with no population", "trend", Series + "A,2018,5,100\nA,2019,0,0\nA,2020,6,100\nA,2021,7,100\nB,2018,3,0\nB,2019,2,0\n", [] },
        };

        // Every interval method of dsr, standard and indirect, on the same edge cases (US 2000, 11 groups, two bands).
        foreach (var method in new[] { "gamma", "tiwari", "dobson", "nchs", "indirect" })
        {
            data.Add("0 events", "dsr", Dsr + "A,Under 1,0,100\nA,1-4,0,200\nB,Under 1,0,100\nB,1-4,0,200\n", ["--method", method]);
            data.Add("events = population", "dsr", Dsr + "A,Under 1,100,100\nA,1-4,200,200\nB,Under 1,3,100\nB,1-4,9,200\n", ["--method", method]);
            data.Add("denominators of 1", "dsr", Dsr + "A,Under 1,0,1\nA,1-4,1,1\nB,Under 1,1,1\nB,1-4,1,1\n", ["--method", method, "--confidence", "0.95,0.998"]);
            data.Add("single group", "dsr", Dsr + "A,Under 1,3,1000\nA,1-4,12,2000\n", ["--method", method]);
            data.Add("group with no population", "dsr", Dsr + "A,Under 1,0,0\nA,1-4,1,10\nB,Under 1,3,100\nB,1-4,9,200\n", ["--method", method]);
        }

        // Every SII interval and scale on the ordered edge cases; the unordered indices come along in the same file.
        string[][] siiOptions = [[], ["--sii-interval", "simulation", "--repetitions", "1000"], ["--sii-transform"]];
        foreach (var options in siiOptions)
        {
            data.Add("0 events", "disparity", Ordered + "A,0,1000,1\nB,10,1000,2\nC,20,1000,3\n", options);
            data.Add("0 events", "disparity", Ordered + "A,0,100,1\nB,0,100,2\nC,0,100,3\n", options); // every group: μ = 0
            data.Add("events = population", "disparity", "group,numerator,denominator,order\nA,100,100,1\nB,10,100,2\nC,0,100,3\n", [.. options, "--measure", "proportion"]);
            data.Add("denominators of 1", "disparity", Ordered + "A,1,1,1\nB,0,1,2\nC,1,1,3\n", options);
            data.Add("single group", "disparity", Ordered + "A,5,100,1\n", options);
            data.Add("group with no population", "disparity", Ordered + "A,5,0,1\nB,3,100,2\nC,4,100,3\n", options);
            data.Add("ties in ordered groups", "disparity", Ordered + "A,5,100,1\nB,6,100,2\nC,7,100,2\nD,9,100,3\n", options);
            data.Add("ties in ordered groups", "disparity", Ordered + "A,5,100,1\nB,6,100,1\n", options); // one rank for all
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Edge_case_output_is_defined_with_no_NaN_or_infinity(string edge, string verb, string csv, string[] options)
    {
        var input = Path.Combine(dir, "in.csv");
        var output = Path.Combine(dir, "out.csv");
        await File.WriteAllTextAsync(input, csv);
        var (code, stdout, stderr) = await ExitCodeTests.Run(["stats", verb, "--input", input, "--out", output, .. options]);
        Assert.True(code == 0, $"{edge}: exit {code}: {stderr}{stdout}");

        var lines = await File.ReadAllLinesAsync(output);
        Assert.True(lines.Length > 1, $"{edge}: no rows written");
        var text = string.Join('\n', lines);
        foreach (var bad in new[] { "NaN", "Infinity", "∞" })
        {
            Assert.False(text.Contains(bad, StringComparison.OrdinalIgnoreCase), $"{edge}: '{bad}' in\n{text}");
        }

        var header = Csv.Fields(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var row = Csv.Fields(line).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v);
            foreach (var cell in row.Values.Where(v => v.Length > 0 && (char.IsDigit(v[^1]) || v[^1] == '.')))
            {
                if (double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x))
                {
                    Assert.True(double.IsFinite(x), $"{edge}: {cell}");
                }
            }
            // An empty headline figure carries its reason (suppressed rows say so in 'suppressed' instead).
            var headline = verb switch { "trend" => "apc", "compare" => "ratio", _ => "value" };
            var isReference = row.TryGetValue("ahrq", out var ahrq) && ahrq == "reference";
            var isSuppressed = row.TryGetValue("suppressed", out var suppressed) && suppressed.Length > 0;
            if (row[headline].Length == 0 && !isReference && !isSuppressed)
            {
                Assert.False(string.IsNullOrWhiteSpace(row["note"]), $"{edge}: empty {headline} without a note in '{line}'");
            }
            // With several levels the class column is gap95, gap99_8, …
            if (verb == "trend" && row.Any(kv => kv.Key.StartsWith("gap", StringComparison.Ordinal) && kv.Value == "not_estimable"))
            {
                Assert.Contains("gap not estimable", row["note"], StringComparison.Ordinal);
            }
            if (verb == "compare" && !isReference && row["difference_p"].Length == 0)
            {
                Assert.False(string.IsNullOrWhiteSpace(row["note"]), $"{edge}: empty difference_p without a note in '{line}'");
            }
        }
    }
}
