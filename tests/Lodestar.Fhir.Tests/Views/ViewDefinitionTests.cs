using System.Text.Json;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

public sealed class ViewDefinitionTests
{
    private static ViewDefinitionException Invalid(string json) =>
        Assert.Throws<ViewDefinitionException>(() => ViewDefinition.Parse(json, "v.json"));

    [Theory]
    // Each row pins the place a view error is reported at.
    [InlineData("{\"select\":[]}", "resource")]
    [InlineData("{\"resource\":\"Patinet\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\"}]}]}", "resource")]
    [InlineData("{\"resource\":\"Patient\"}", "select")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id.(\"}]}]}", "select[0].column[0].path")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\"}]},{\"forEach\":\"name\",\"column\":[{\"name\":\"f\",\"path\":\"family.frobnicate()\"}]}]}", "select[1].column[0].path")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"forEach\":\"@@\",\"column\":[{\"name\":\"id\",\"path\":\"id\"}]}]}", "select[0].forEach")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"1bad\",\"path\":\"id\"}]}]}", "select[0].column[0].name")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"a\",\"path\":\"id\"},{\"name\":\"a\",\"path\":\"id\"}]}]}", "select[0].column[1].name")]
    [InlineData("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"a\",\"path\":\"%nope\"}]}]}", "select[0].column[0].path")]
    [InlineData("{\"resource\":\"Patient\",\"constant\":[{\"name\":\"c\"}],\"select\":[{\"column\":[{\"name\":\"a\",\"path\":\"id\"}]}]}", "constant[0]")]
    [InlineData("{\"resource\":\"Patient\",\"where\":[{\"path\":\"name.(\"}],\"select\":[{\"column\":[{\"name\":\"a\",\"path\":\"id\"}]}]}", "where[0].path")]
    public void An_invalid_view_names_the_offending_path(string json, string path)
    {
        var e = Invalid(json);
        Assert.Equal(path, e.ViewPath);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("v.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_come_in_view_order_with_type_and_collection_flag()
    {
        var view = ViewDefinition.Parse(
            "{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\",\"type\":\"id\"}]," +
            "\"select\":[{\"forEach\":\"name\",\"column\":[{\"name\":\"given\",\"path\":\"given\",\"collection\":true}]}]," +
            "\"unionAll\":[{\"column\":[{\"name\":\"u\",\"path\":\"'a'\"}]},{\"column\":[{\"name\":\"u\",\"path\":\"'b'\"}]}]}]}");
        Assert.Equal(
            [new ViewColumn("id", "id", "id", false, 0), new ViewColumn("given", "given", null, true, 1), new ViewColumn("u", "'a'", null, false, 2)],
            view.Columns);
        Assert.Equal("Patient", view.Resource);
    }

    [Fact]
    public void Several_values_in_a_non_collection_column_fail_naming_the_column_and_resource()
    {
        var view = ViewDefinition.Parse("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"family\",\"path\":\"name.family\"}]}]}", "v.json");
        using var patient = JsonDocument.Parse("{\"resourceType\":\"Patient\",\"id\":\"p9\",\"name\":[{\"family\":\"A\"},{\"family\":\"B\"}]}");
        var e = Assert.Throws<ViewDefinitionException>(() => view.Evaluate(patient.RootElement, new RowCollector(view)));
        Assert.Equal("select[0].column[0].path", e.ViewPath);
        Assert.Contains("Patient/p9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_of_another_type_give_no_rows()
    {
        var view = ViewDefinition.Parse("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\"}]}]}");
        Assert.Empty(RowCollector.Run(view, "{\"resourceType\":\"Encounter\",\"id\":\"e1\"}"));
    }

    [Fact]
    public void Evaluation_is_thread_safe_on_one_compiled_view()
    {
        var view = ViewDefinition.Parse("{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\"}]},{\"forEach\":\"name\",\"column\":[{\"name\":\"i\",\"path\":\"%rowIndex\"},{\"name\":\"f\",\"path\":\"family\"}]}]}");
        var totals = new int[8];
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var rows = RowCollector.Run(view, $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\",\"name\":[{{\"family\":\"a{i}\"}},{{\"family\":\"b{i}\"}}]}}");
                Assert.Equal($"\"b{i}\"", rows[1]["f"]);
                Assert.Equal("1", rows[1]["i"]);
                totals[worker] += rows.Count;
            }
        });
        Assert.All(totals, t => Assert.Equal(4000, t));
    }

    [Fact]
    public void Declared_types_tell_the_element_kind_before_any_data()
    {
        var view = LodestarViews.Load("observation");
        var kinds = view.Columns.ToDictionary(c => c.Name, c => (c.ElementKind, c.Collection));
        Assert.Equal((ViewValueKind.Decimal, false), kinds["systolic"]);
        Assert.Equal((ViewValueKind.String, false), kinds["effective"]);
        Assert.Equal((ViewValueKind.String, true), kinds["codes"]);
        Assert.Equal((ViewValueKind.Boolean, false), kinds["value_boolean"]);
    }
}
