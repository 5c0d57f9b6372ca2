using System.Text.Json;
using System.Text.RegularExpressions;
using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Testing;

namespace Lodestar.Measures.Tests;

/// <summary>docs/measures.md stays true: its examples parse, its catalog table lists every shipped measure, and the schema names every field.</summary>
public sealed partial class MeasureDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "measures.md"));

    [Fact]
    public void The_example_measure_and_value_set_parse_without_diagnostics()
    {
        var diagnostics = new List<Diagnostic>();
        var valueSet = ValueSetParser.Parse("measures.md", Block("valueset"), diagnostics);
        var measure = MeasureParser.Parse("measures.md", Block("measure"), MeasureHarness.Catalog.ValueSets.ContainsKey, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal("example-hba1c", valueSet!.Id);
        Assert.Equal("example-hba1c-control", measure!.Id);
        Assert.Equal(4, measure.Populations.Count);
    }

    [Fact]
    public void The_continuous_example_parses_without_diagnostics()
    {
        var diagnostics = new List<Diagnostic>();
        var measure = MeasureParser.Parse("measures.md", Block("continuous"), MeasureHarness.Catalog.ValueSets.ContainsKey, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(Scoring.Continuous, measure!.Scoring);
        Assert.Equal(AggregateMethod.Median, measure.Observation!.Aggregate);
    }

    [Fact]
    public void The_catalog_table_lists_every_shipped_measure()
    {
        foreach (var measure in MeasureHarness.Catalog.Measures)
        {
            Assert.Contains($"| {measure.Id} |", Doc, StringComparison.Ordinal);
        }
        Assert.True(MeasureHarness.Catalog.Measures.Count >= 15);
    }

    [Fact]
    public void The_schema_names_every_criterion_and_every_top_level_field()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "measures.schema.json")));
        var criteria = schema.RootElement.GetProperty("$defs").GetProperty("criterion").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] kinds = ["all", "any", "not", "population", "age", "gender", "deceased", "condition", "encounter", "observation",
            "procedure", "immunization", "medication", "coverage", "readmission", "events", "relative"];
        Assert.Equal(kinds.ToHashSet(), criteria);
        var fields = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(fields, new HashSet<string> { "id", "title", "description", "mission-area", "reference", "scoring", "direction", "populations", "stratifiers", "deviations" });
        foreach (var kind in kinds)
        {
            Assert.Contains($"`{kind}`", Doc, StringComparison.Ordinal);
        }
    }

    private static string Block(string kind) => YamlBlock().Matches(Doc).Single(m => m.Groups["kind"].Value == kind).Groups["body"].Value;

    [GeneratedRegex(@"```yaml (?<kind>\w+)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
