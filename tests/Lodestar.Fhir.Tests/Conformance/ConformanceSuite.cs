using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lodestar.Fhir.Views;
using Lodestar.Testing;

namespace Lodestar.Fhir.Tests.Conformance;

/// <summary>
/// Loads the official SQL on FHIR v2 test files (../shared/sql-on-fhir-v2/tests) and runs one case the way the
/// upstream reference runner compares results: rows as multisets (order ignored), every column present
/// (null when empty), numbers compared by value, arrays element by element.
/// </summary>
internal static class ConformanceSuite
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Shared, "sql-on-fhir-v2", "tests");

    private static readonly Lazy<Dictionary<string, JsonObject>> Files = new(() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f)!, f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())!);

    public static IEnumerable<ConformanceCase> Cases() =>
        Files.Value.SelectMany(file => file.Value["tests"]!.AsArray().Select(t => new ConformanceCase(file.Key, (string)t!["title"]!)));

    /// <summary>Runs a case; returns null when it passes, or the reason it fails.</summary>
    public static string? Run(ConformanceCase testCase)
    {
        var file = Files.Value[testCase.File];
        var test = file["tests"]!.AsArray().Single(t => (string)t!["title"]! == testCase.Title)!;
        var expectError = test["expectError"]?.GetValue<bool>() == true;
        List<JsonObject> actual;
        IReadOnlyList<ViewColumn> columns;
        try
        {
            using var viewDocument = JsonDocument.Parse(test["view"]!.ToJsonString());
            var view = ViewDefinition.Parse(viewDocument.RootElement, $"{testCase.File}#{testCase.Title}");
            columns = view.Columns;
            var sink = new JsonRowSink(view.Columns);
            using var resources = JsonDocument.Parse(file["resources"]!.ToJsonString());
            foreach (var resource in resources.RootElement.EnumerateArray())
            {
                view.Evaluate(resource, sink);
            }
            actual = sink.Rows;
        }
        catch (ViewDefinitionException e)
        {
            return expectError ? null : $"unexpected error: {e.Message}";
        }
        if (expectError)
        {
            return $"expected an error, got {actual.Count} rows";
        }
        if (test["expectColumns"] is JsonArray expectedColumns)
        {
            var names = expectedColumns.Select(c => (string)c!).ToArray();
            if (!names.SequenceEqual(columns.Select(c => c.Name)))
            {
                return $"columns [{string.Join(", ", columns.Select(c => c.Name))}], expected [{string.Join(", ", names)}]";
            }
        }
        if (test["expectCount"] is JsonNode count)
        {
            return actual.Count == count.GetValue<int>() ? null : $"{actual.Count} rows, expected {count}";
        }
        var expected = test["expect"]!.AsArray().Select(r => r!.AsObject()).ToList();
        return Compare(expected, actual);
    }

    private static string? Compare(List<JsonObject> expected, List<JsonObject> actual)
    {
        var e = expected.Select(Canonical).Order(StringComparer.Ordinal).ToList();
        var a = actual.Select(Canonical).Order(StringComparer.Ordinal).ToList();
        if (e.SequenceEqual(a))
        {
            return null;
        }
        return $"rows differ.\n expected: {string.Join("\n           ", e)}\n actual:   {string.Join("\n           ", a)}";
    }

    /// <summary>A row as sorted-key JSON with numbers in a canonical form (1.50 and 1.5 are the same number).</summary>
    private static string Canonical(JsonObject row)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in row.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[key] = Normalize(value);
        }
        return sorted.ToJsonString();
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonArray array => new JsonArray(array.Select(Normalize).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            // Dividing by 1.000... drops trailing zeros, so 1.50 and 1.5 serialize alike.
            JsonValue.Create(decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m),
        null => null,
        _ => node.DeepClone(),
    };
}
