using System.Text.Json;
using Lodestar.Fhir.FhirPath;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

public sealed class SharedPathsTests
{
    // Columns share code.coding and the choice scan behind value; a forEach gives each component its own focus,
    // and where() evaluates code.coding per item, so a memo that leaked across foci or items would show here.
    private const string View = """
        {
          "resourceType": "ViewDefinition", "resource": "Observation",
          "select": [
            {
              "column": [
                { "name": "code", "path": "code.coding.code.first()" },
                { "name": "system", "path": "code.coding.system.first()" },
                { "name": "codes", "path": "code.coding.select(system & '|' & code)", "collection": true },
                { "name": "quantity", "path": "value.ofType(Quantity).value" },
                { "name": "text", "path": "value.ofType(string)" },
                { "name": "systolic", "path": "component.where(code.coding.code = '8480-6').value.ofType(Quantity).value.first()" }
              ]
            },
            {
              "forEachOrNull": "component",
              "column": [
                { "name": "component_code", "path": "code.coding.code.first()" },
                { "name": "component_value", "path": "value.ofType(Quantity).value" },
                { "name": "component_index", "path": "%rowIndex" }
              ]
            }
          ]
        }
        """;

    private const string BloodPressure = """
        {"resourceType":"Observation","id":"bp","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
         "component":[
           {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":152}},
           {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":104}}]}
        """;

    private const string Text = """
        {"resourceType":"Observation","id":"t","code":{"coding":[{"system":"urn:x","code":"a"},{"system":"urn:y","code":"b"}]},"valueString":"positive"}
        """;

    [Fact]
    public void Shared_paths_give_each_focus_its_own_values()
    {
        var rows = RowCollector.Run(ViewDefinition.Parse(View), BloodPressure, Text);

        Assert.Equal(3, rows.Count);
        Assert.Equal(("\"85354-9\"", "\"http://loinc.org\"", "152"), (rows[0]["code"], rows[0]["system"], rows[0]["systolic"]));
        Assert.Equal(("\"8480-6\"", "152", "0"), (rows[0]["component_code"], rows[0]["component_value"], rows[0]["component_index"]));
        Assert.Equal(("\"8462-4\"", "104", "1"), (rows[1]["component_code"], rows[1]["component_value"], rows[1]["component_index"]));
        Assert.Equal(("\"a\"", "\"urn:x\"", "[\"urn:x|a\",\"urn:y|b\"]"), (rows[2]["code"], rows[2]["system"], rows[2]["codes"]));
        Assert.Equal(("null", "\"positive\"", "null"), (rows[2]["quantity"], rows[2]["text"], rows[2]["component_code"]));
    }

    [Fact]
    public void A_memoized_view_gives_the_rows_of_the_same_columns_evaluated_one_by_one()
    {
        var view = ViewDefinition.Parse(View);
        var together = RowCollector.Run(view, BloodPressure, Text);
        foreach (var column in view.Columns.Where(c => c.Name is "code" or "system" or "quantity" or "text" or "systolic"))
        {
            // A view of one column has nothing to share, so it runs unmemoized.
            var single = ViewDefinition.Parse($$"""
                {"resourceType":"ViewDefinition","resource":"Observation","select":[{"column":[{"name":"{{column.Name}}","path":"{{column.Path.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}]}]}
                """);
            var alone = RowCollector.Run(single, BloodPressure, Text);
            Assert.Equal(alone[0][column.Name], together[0][column.Name]);
            Assert.Equal(alone[1][column.Name], together[2][column.Name]);
        }
    }

    [Fact]
    public void Only_subexpressions_that_columns_share_are_memoized()
    {
        var slots = 0;
        var constants = new Dictionary<string, Item[]>();
        CompiledColumn Column(string path, int index) =>
            new(Parser.Parse(path, constants), new ViewColumn($"c{index}", path, null, false, index), path);

        var shared = SharedPaths.Memoize([Column("code.coding.code", 0), Column("code.coding.system", 1)], ref slots);
        var unshared = SharedPaths.Memoize([Column("status", 0), Column("id", 1)], ref slots);

        var memoized = SameFocusNodes(shared[0].Expression).OfType<MemoNode>().Select(n => n.Key).ToList();
        Assert.Equal(["`code`.`coding`", "`code`"], memoized);
        Assert.Equal(2, slots);
        Assert.Same(shared[1].Expression.GetType(), typeof(MemberNode));
        Assert.Equal(2, SameFocusNodes(shared[1].Expression).OfType<MemoNode>().Count());
        Assert.Empty(SameFocusNodes(unshared[0].Expression).OfType<MemoNode>());
        Assert.Empty(SameFocusNodes(unshared[1].Expression).OfType<MemoNode>());
    }

    [Fact]
    public void Structural_keys_distinguish_literal_kinds_and_functions()
    {
        var constants = new Dictionary<string, Item[]>();
        string Key(string path) => Parser.Parse(path, constants).Key;

        Assert.Equal(Key("code.coding.where(code = '1')"), Key("code . coding.where( code='1' )"));
        Assert.NotEqual(Key("value = 1"), Key("value = '1'"));
        Assert.NotEqual(Key("value = 1"), Key("value = 1.0"));
        Assert.NotEqual(Key("name.first()"), Key("name.last()"));
        Assert.NotEqual(Key("value.ofType(Quantity)"), Key("value.ofType(string)"));
    }

    private static List<Node> SameFocusNodes(Node node)
    {
        var nodes = new List<Node> { node };
        node.RewriteSameFocusChildren(child =>
        {
            nodes.AddRange(SameFocusNodes(child));
            return child;
        });
        return nodes;
    }
}
