using Lodestar.IO;
using Lodestar.Measures.Definitions;

namespace Lodestar.Cli.Tests;

/// <summary>`lodestar measure` and `lodestar ingest` over the demo's data.</summary>
public sealed class MeasureCommandTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static List<IReadOnlyList<string>> ReadCsv(string path, out List<string> header)
    {
        var reader = CsvReader.Open(path);
        header = [.. reader.ReadHeader()];
        return reader.ReadRecords(header.Count).Select(r => r.Record.Fields).ToList();
    }

    [Fact]
    public async Task Care_gap_lists_and_audit_rows_agree_with_the_counts()
    {
        var output = Path.Combine(demo.Root, "measure-out");
        var (code, stdout, stderr) = await ExitCodeTests.Run("measure", "--workspace", Path.Combine(demo.Output, "workspace"),
            "--out", output, "--patients", "--audit", "--stratify", "race,sex");
        Assert.True(code == 0, stderr);
        Assert.Contains("Results in", stdout, StringComparison.Ordinal);
        foreach (var figures in demo.Summary.Figures)
        {
            var id = figures.Measure.Id;
            var group = figures.Result.Group;
            var gaps = ReadCsv(Path.Combine(output, "care-gaps", id + ".csv"), out _);
            // A continuous measure has no numerator, so no care gaps: its file holds the header alone.
            var expected = figures.Measure.Scoring == Scoring.Continuous ? 0
                : figures.Measure.LowerIsBetter ? group.Numerator : group.ScoringDenominator - group.Numerator;
            Assert.Equal(expected, gaps.Count);
            Assert.All(gaps, g => Assert.False(string.IsNullOrWhiteSpace(g[3])));
            var audit = ReadCsv(Path.Combine(output, "audit", id + ".csv"), out var header);
            Assert.Equal(group[PopulationCodes.InitialPopulation], audit.Count);
            Assert.Equal(PopulationCodes.For(figures.Measure.Scoring).Count + 1, header.Count);
            foreach (var population in PopulationCodes.For(figures.Measure.Scoring))
            {
                var column = header.IndexOf(population.Replace('-', '_'));
                Assert.Equal(group[population], audit.Count(r => r[column] == "1"));
            }
        }
        // Stratifiers were limited as asked.
        var results = ReadCsv(Path.Combine(output, "results.csv"), out var resultHeader);
        var stratifiers = results.Select(r => r[resultHeader.IndexOf("stratifier")]).Distinct().Order().ToList();
        Assert.Equal(["all", "race", "sex"], stratifiers);
    }

    [Fact]
    public async Task Several_periods_give_one_report_per_measure_and_period()
    {
        var output = Path.Combine(demo.Root, "measure-periods");
        var (code, _, stderr) = await ExitCodeTests.Run("measure", "--workspace", Path.Combine(demo.Output, "workspace"),
            "--out", output, "--period", "2024..2025", "--measure", "cms165-controlling-high-blood-pressure", "--stratify", "sex");
        Assert.True(code == 0, stderr);
        var files = Directory.GetFiles(Path.Combine(output, "measure-reports")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["cms165-controlling-high-blood-pressure-2024.json", "cms165-controlling-high-blood-pressure-2025.json"], files);
    }

    [Theory]
    [InlineData("--period", "20x5", "is not a year")]
    [InlineData("--stratify", "race,shoe-size", "unknown stratifier 'shoe-size'")]
    [InlineData("--measure", "cms165-controlling-high-blood-presure", "did you mean 'cms165-controlling-high-blood-pressure'")]
    public async Task Mistakes_are_one_line_user_errors(string option, string value, string message)
    {
        var (code, _, stderr) = await ExitCodeTests.Run("measure", "--workspace", Path.Combine(demo.Output, "workspace"),
            "--out", Path.Combine(demo.Root, "bad"), option, value);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_workspace_is_a_user_error()
    {
        var (code, _, stderr) = await ExitCodeTests.Run("measure", "--workspace", demo.Root, "--out", Path.Combine(demo.Root, "x"));
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("not a Lodestar workspace", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_writes_a_workspace_whose_counts_reconcile_with_the_input()
    {
        var target = Path.Combine(demo.Root, "ws");
        var (code, stdout, stderr) = await ExitCodeTests.Run("ingest", Path.Combine(demo.Output, "fhir"), "--workspace", target);
        Assert.True(code == 0, stderr);
        // The folder holds ground-truth.json beside the NDJSON: valid JSON but not FHIR, so it is the one reject.
        Assert.Contains("1 rejected", stdout, StringComparison.Ordinal);
        var reject = Assert.Single(File.ReadAllLines(Path.Combine(target, "rejects.ndjson")));
        Assert.Contains("ground-truth.json", reject, StringComparison.Ordinal);
        Assert.Contains("no resourceType", reject, StringComparison.Ordinal);
        var manifest = Lodestar.Tables.Workspace.Open(target).Manifest;
        foreach (var file in manifest.Files.Where(f => f.File.EndsWith(".ndjson", StringComparison.Ordinal)))
        {
            Assert.Equal(file.Read, file.Accepted + file.Rejected);
            var lines = File.ReadLines(file.File).LongCount();
            Assert.Equal(lines, file.Read);
        }
        Assert.True(File.Exists(Path.Combine(target, "rejects.ndjson")));
        Assert.Equal(demo.Summary.Resources, manifest.Files.Sum(f => f.Accepted));
    }

    [Fact]
    public async Task Ingest_writes_every_reject_as_a_json_line_in_input_order()
    {
        var input = Path.Combine(demo.Root, "bad-lines");
        Directory.CreateDirectory(input);
        // Two files read at once, each with rejects spread over it: a missing id, broken JSON, a bad date.
        string Lines(string ids) => string.Concat(Enumerable.Range(0, 600).Select(i => (i % 100) switch
        {
            3 => "{\"resourceType\":\"Patient\"}\n",
            40 => "{oops\n",
            77 => $"{{\"resourceType\":\"Patient\",\"id\":\"{ids}{i}\",\"birthDate\":\"1990-02-30\"}}\n",
            _ => $"{{\"resourceType\":\"Patient\",\"id\":\"{ids}{i}\"}}\n",
        }));
        File.WriteAllText(Path.Combine(input, "a.ndjson"), Lines("a"));
        File.WriteAllText(Path.Combine(input, "b.ndjson"), Lines("b"));
        var target = Path.Combine(demo.Root, "bad-lines-ws");
        var (code, stdout, stderr) = await ExitCodeTests.Run("ingest", input, "--workspace", target);
        Assert.True(code == 0, stderr);
        Assert.Contains("36 rejected", stdout, StringComparison.Ordinal);
        var written = File.ReadAllLines(Path.Combine(target, "rejects.ndjson")).Select(line =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(line); // each line is JSON on its own (NDJSON)
            return (Path.GetFileName(json.RootElement.GetProperty("file").GetString()!), json.RootElement.GetProperty("line").GetInt64());
        }).ToList();
        var expected = new[] { "a.ndjson", "b.ndjson" }.SelectMany(file => Enumerable.Range(0, 600).Where(i => i % 100 is 3 or 40 or 77).Select(i => (file, (long)i + 1)));
        Assert.Equal(expected, written);
    }

    [Fact]
    public async Task An_ingest_that_accepts_nothing_keeps_the_reasons_and_the_previous_workspace()
    {
        var input = Path.Combine(demo.Root, "not-fhir");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "settings.json"), "{\"colour\": \"blue\"}");
        var target = Path.Combine(demo.Root, "empty-ws");
        var (code, _, stderr) = await ExitCodeTests.Run("ingest", input, "--workspace", target);
        Assert.Equal(LodestarCli.UserError, code);
        Assert.Contains("no FHIR resource was accepted", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Contains("no resourceType", File.ReadAllText(target + ".rejects.ndjson"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_list_shows_the_catalog()
    {
        var (code, stdout, _) = await ExitCodeTests.Run("measures", "list");
        Assert.Equal(0, code);
        Assert.Contains("cms165-controlling-high-blood-pressure", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingest_that_spills_under_a_tiny_budget_gives_the_same_tables_and_the_same_measures()
    {
        // 1 MiB for both workers spills hundreds of sorted runs on the demo's 3,000 people; the demo ingested with the default budget.
        var spilled = Path.Combine(demo.Root, "ws-spilled");
        var (code, _, stderr) = await ExitCodeTests.Run("ingest", Path.Combine(demo.Output, "fhir"), "--workspace", spilled, "--memory-budget", "1");
        Assert.True(code == 0, stderr);
        var expected = Lodestar.Tables.Workspace.Open(Path.Combine(demo.Output, "workspace"));
        var actual = Lodestar.Tables.Workspace.Open(spilled);
        Assert.Equal(expected.Tables.Keys.Order(), actual.Tables.Keys.Order());
        foreach (var (name, table) in expected.Tables)
        {
            var other = actual[name];
            Assert.Equal(table.RowCount, other.RowCount);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                Assert.Equal(table.Columns[c].Name, other.Columns[c].Name);
                for (var r = 0; r < table.RowCount; r++)
                {
                    Assert.Equal(table.Columns[c].Format(r), other.Columns[c].Format(r));
                }
            }
        }
        foreach (var (ws, output) in new[] { (Path.Combine(demo.Output, "workspace"), "measure-default-budget"), (spilled, "measure-spilled") })
        {
            (code, _, stderr) = await ExitCodeTests.Run("measure", "--workspace", ws, "--out", Path.Combine(demo.Root, output), "--audit");
            Assert.True(code == 0, stderr);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(demo.Root, "measure-default-budget", "results.csv")),
            File.ReadAllText(Path.Combine(demo.Root, "measure-spilled", "results.csv")));
        foreach (var audit in Directory.GetFiles(Path.Combine(demo.Root, "measure-default-budget", "audit")))
        {
            Assert.Equal(File.ReadAllText(audit), File.ReadAllText(Path.Combine(demo.Root, "measure-spilled", "audit", Path.GetFileName(audit))));
        }
    }

    [Fact]
    public async Task A_memory_budget_under_one_MiB_is_a_user_error()
    {
        var (code, _, stderr) = await ExitCodeTests.Run("ingest", Path.Combine(demo.Output, "fhir"), "--workspace", Path.Combine(demo.Root, "ws-no-budget"), "--memory-budget", "0");
        Assert.Equal(1, code);
        Assert.Contains("--memory-budget must be at least 1 MiB (got 0)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(demo.Root, "ws-no-budget")));
    }
}
