using System.Globalization;
using System.Text.Json;
using Lodestar.IO;
using Lodestar.Measures.Definitions;

namespace Lodestar.Cli.Tests;

/// <summary>The demo's outputs, checked against each other and against the engine's unsuppressed counts.</summary>
public sealed class DemoEndToEndTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private const string PopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";

    [Fact]
    public void The_demo_writes_the_report_the_csv_and_one_MeasureReport_per_measure()
    {
        Assert.True(File.Exists(Path.Combine(demo.Output, "report.html")));
        Assert.True(File.Exists(Path.Combine(demo.Output, "results.csv")));
        var reports = Directory.GetFiles(Path.Combine(demo.Output, "measure-reports"), "*.json");
        Assert.Equal(demo.Summary.Figures.Count, reports.Length);
        Assert.True(reports.Length >= 3);
        // MS → UMMC's mission scorecard, its clinical goals evaluated on the demo's own workspace.
        var card = Assert.IsType<Lodestar.Mission.ScorecardSummary>(demo.Summary.Scorecard);
        Assert.True(File.Exists(Path.Combine(demo.Output, "scorecard", "scorecard.html")));
        Assert.True(card.Measures > 0);
        Assert.Equal(0, card.NoData);  // clinical goals too: evaluated on the demo's workspace
    }

    [Fact]
    public void The_workspace_manifest_names_the_input_files_where_they_are_after_the_run()
    {
        // The demo reads FHIR it wrote into its staging folder, which is renamed into place at the end.
        var manifest = Lodestar.Tables.Workspace.Open(Path.Combine(demo.Output, "workspace")).Manifest;
        Assert.Equal(8, manifest.Files.Count);
        Assert.All(manifest.Files, f => Assert.Equal(Path.Combine(demo.Output, "fhir", Path.GetFileName(f.File)), f.File));
        Assert.All(manifest.Files, f => Assert.Equal(File.ReadLines(f.File).LongCount(), f.Read));
    }

    [Fact]
    public void Every_MeasureReport_parses_has_the_four_populations_and_agrees_with_the_engine()
    {
        foreach (var figures in demo.Summary.Figures)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Output, "measure-reports", figures.Measure.Id + ".json")));
            var root = doc.RootElement;
            Assert.Equal("MeasureReport", root.GetProperty("resourceType").GetString());
            Assert.Equal("summary", root.GetProperty("type").GetString());
            var group = root.GetProperty("group")[0];
            var codes = group.GetProperty("population").EnumerateArray().Select(Code).ToList();
            // A continuous measure reports its own four populations (FHIR continuous-variable scoring).
            var expected = figures.Measure.Scoring == Scoring.Continuous
                ? new HashSet<string> { "initial-population", "measure-population", "measure-population-exclusion", "measure-observation" }
                : new HashSet<string> { "initial-population", "denominator", "denominator-exclusion", "numerator" };
            Assert.Superset(expected, codes.ToHashSet());
            CheckPopulations(group, figures.Result.Group);
            var stratifiers = group.GetProperty("stratifier").EnumerateArray().ToList();
            Assert.Equal(figures.Result.Stratifiers.Count, stratifiers.Count);
            for (var s = 0; s < stratifiers.Count; s++)
            {
                var strata = stratifiers[s].GetProperty("stratum").EnumerateArray().ToList();
                var raw = figures.Result.Stratifiers[s];
                Assert.Equal(raw.Strata.Count, strata.Count);
                for (var i = 0; i < strata.Count; i++)
                {
                    CheckPopulations(strata[i], raw.Strata[i].Populations);
                }
            }
        }
    }

    [Fact]
    public void The_whole_catalog_runs_on_the_synthetic_population_and_every_measure_has_a_denominator()
    {
        var catalog = MeasureCatalog.Load();
        Assert.True(catalog.Measures.Count >= 15);
        Assert.Equal(catalog.Measures.Select(m => m.Id).Order(), demo.Summary.Figures.Select(f => f.Measure.Id).Distinct().Order());
        foreach (var figures in demo.Summary.Figures)
        {
            var group = figures.Result.Group;
            if (figures.Measure.Scoring == Scoring.Continuous)
            {
                Assert.True(group.ObservedPopulation > 0, $"{figures.Measure.Id} has an empty measure population on the demo");
                Assert.True(group.Observed!.Count > 0, $"{figures.Measure.Id} observes nothing on the demo");
                continue;
            }
            Assert.True(group[PopulationCodes.Denominator] > 0, $"{figures.Measure.Id} has an empty denominator on the demo");
            Assert.True(group.DenominatorUnits > 0, $"{figures.Measure.Id} scores over nothing on the demo");
        }
    }

    [Fact]
    public void Within_each_stratifier_the_strata_sum_to_the_group_and_numerators_never_exceed_denominators()
    {
        foreach (var figures in demo.Summary.Figures)
        {
            var group = figures.Result.Group;
            Assert.True(group.Numerator <= group.ScoringDenominator);
            foreach (var stratifier in figures.Result.Stratifiers)
            {
                foreach (var code in PopulationCodes.For(figures.Measure.Scoring))
                {
                    Assert.Equal(group[code], stratifier.Strata.Sum(s => s.Populations[code]));
                }
                Assert.Equal(group.Observed?.Count ?? 0, stratifier.Strata.Sum(s => s.Populations.Observed?.Count ?? 0));
                Assert.All(stratifier.Strata, s => Assert.True(s.Populations.Numerator <= s.Populations.ScoringDenominator));
            }
        }
    }

    [Fact]
    public void Nothing_between_1_and_10_is_published_anywhere()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(demo.Output, "measure-reports"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var count in Counts(doc.RootElement))
            {
                Assert.False(count is > 0 and < 11, $"{Path.GetFileName(file)} publishes a count of {count}");
            }
        }
        var reader = CsvReader.Open(Path.Combine(demo.Output, "results.csv"));
        var header = reader.ReadHeader();
        var countColumns = new[] { "initial_population", "denominator", "denominator_exclusion", "denominator_exception", "numerator", "eligible",
            "measure_population", "measure_population_exclusion", "measure_observation" }
            .Select(c => header.ToList().IndexOf(c)).ToArray();
        foreach (var (record, error, _) in reader.ReadRecords(header.Count))
        {
            Assert.Null(error);
            foreach (var c in countColumns)
            {
                if (record.Fields[c].Length > 0)
                {
                    var n = long.Parse(record.Fields[c], CultureInfo.InvariantCulture);
                    Assert.False(n is > 0 and < 11, $"results.csv line {record.Line} publishes {header[c]} = {n}");
                }
            }
        }
    }

    [Fact]
    public void Results_csv_agrees_with_the_MeasureReports()
    {
        var reader = CsvReader.Open(Path.Combine(demo.Output, "results.csv"));
        var header = reader.ReadHeader().ToList();
        var rows = reader.ReadRecords(header.Count).Select(r => r.Record.Fields).ToList();
        string Field(IReadOnlyList<string> row, string name) => row[header.IndexOf(name)];
        foreach (var figures in demo.Summary.Figures)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Output, "measure-reports", figures.Measure.Id + ".json")));
            var group = doc.RootElement.GetProperty("group")[0];
            var all = rows.Single(r => Field(r, "measure_id") == figures.Measure.Id && Field(r, "stratifier") == "all");
            AssertSame(group, all, Field);
            foreach (var stratifier in group.GetProperty("stratifier").EnumerateArray())
            {
                var id = stratifier.GetProperty("code")[0].GetProperty("coding")[0].GetProperty("code").GetString();
                foreach (var stratum in stratifier.GetProperty("stratum").EnumerateArray())
                {
                    var code = stratum.GetProperty("value").GetProperty("coding")[0].GetProperty("code").GetString();
                    var row = rows.Single(r => Field(r, "measure_id") == figures.Measure.Id && Field(r, "stratifier") == id && Field(r, "stratum_code") == code);
                    AssertSame(stratum, row, Field);
                }
            }
        }
    }

    private static void AssertSame(JsonElement element, IReadOnlyList<string> row, Func<IReadOnlyList<string>, string, string> field)
    {
        foreach (var population in element.GetProperty("population").EnumerateArray())
        {
            var column = Code(population).Replace('-', '_');
            var expected = population.TryGetProperty("count", out var count) ? count.GetInt64().ToString(CultureInfo.InvariantCulture) : "";
            Assert.Equal(expected, field(row, column));
        }
        var score = element.GetProperty("measureScore");
        if (score.TryGetProperty("value", out var value))
        {
            Assert.Equal(value.GetDouble(), double.Parse(field(row, "rate"), CultureInfo.InvariantCulture), 6);
        }
        else
        {
            Assert.Equal("", field(row, "rate"));
        }
    }

    private static void CheckPopulations(JsonElement element, Lodestar.Measures.Engine.PopulationCounts raw)
    {
        foreach (var population in element.GetProperty("population").EnumerateArray())
        {
            if (population.TryGetProperty("count", out var count))
            {
                Assert.Equal(raw[Code(population)], count.GetInt64());
            }
            else
            {
                var reason = population.GetProperty("extension")[0];
                Assert.Equal("http://hl7.org/fhir/StructureDefinition/data-absent-reason", reason.GetProperty("url").GetString());
                Assert.Equal("masked", reason.GetProperty("valueCode").GetString());
            }
        }
    }

    private static string Code(JsonElement population) =>
        population.GetProperty("code").GetProperty("coding").EnumerateArray().Single(c => c.GetProperty("system").GetString() == PopulationSystem).GetProperty("code").GetString()!;

    private static IEnumerable<long> Counts(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "count")
                    {
                        yield return p.Value.GetInt64();
                    }
                    foreach (var c in Counts(p.Value))
                    {
                        yield return c;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var c in Counts(item))
                    {
                        yield return c;
                    }
                }
                break;
        }
    }
}
