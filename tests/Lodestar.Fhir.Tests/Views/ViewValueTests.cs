using System.Text;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

public sealed class ViewValueTests
{
    /// <summary>Runs <paramref name="check"/> on the row while its resource is still alive (cells point into it).</summary>
    private static void WithRow(string resource, Action<ViewValue[]> check)
    {
        var view = ViewDefinition.Parse("""
            {"resourceType":"ViewDefinition","resource":"Patient","select":[{"column":[
              {"name":"id","path":"id"},{"name":"family","path":"name.family.first()"},
              {"name":"key","path":"getResourceKey()"},{"name":"active","path":"active"}]}]}
            """);
        var sink = new Capture();
        using var document = System.Text.Json.JsonDocument.Parse(resource);
        view.Evaluate(document.RootElement, sink);
        check(sink.Row!);
    }

    [Fact]
    public void A_string_read_from_the_resource_gives_its_utf8_bytes_without_quotes()
    {
        WithRow("""{"resourceType":"Patient","id":"p1","name":[{"family":"Núñez"}],"active":true}""", row =>
        {
            Assert.True(row[0].TryGetUtf8(out var id));
            Assert.Equal("p1", Encoding.UTF8.GetString(id));
            Assert.True(row[1].TryGetUtf8(out var family));
            Assert.Equal("Núñez", Encoding.UTF8.GetString(family));
        });
    }

    [Fact]
    public void Escaped_computed_and_non_string_cells_have_no_raw_utf8()
    {
        WithRow("""{"resourceType":"Patient","id":"p1","name":[{"family":"O\u0027Brien"}],"active":true}""", row =>
        {
            Assert.False(row[1].TryGetUtf8(out _)); // escaped in the JSON: only GetString decodes it
            Assert.Equal("O'Brien", row[1].GetString());
            Assert.False(row[2].TryGetUtf8(out _)); // computed by getResourceKey()
            Assert.False(row[3].TryGetUtf8(out _)); // a boolean
        });
    }

    [Fact]
    public void Booleans_read_from_json_and_computed_ones_read_alike_and_arrays_keep_their_cells()
    {
        var view = ViewDefinition.Parse("""
            {"resourceType":"ViewDefinition","resource":"Patient","select":[{"column":[
              {"name":"active","path":"active"},{"name":"inactive","path":"active.not()"},
              {"name":"families","path":"name.family","collection":true},{"name":"none","path":"gender"}]}]}
            """);
        var sink = new Capture();
        using var document = System.Text.Json.JsonDocument.Parse("""{"resourceType":"Patient","id":"p1","name":[{"family":"A"},{"family":"B"}],"active":true}""");
        view.Evaluate(document.RootElement, sink);
        var row = sink.Row!;

        Assert.Equal((ViewValueKind.Boolean, true, "true"), (row[0].Kind, row[0].GetBoolean(), row[0].GetString()));
        Assert.Equal((ViewValueKind.Boolean, false, "false"), (row[1].Kind, row[1].GetBoolean(), row[1].GetString()));
        Assert.Equal(ViewValueKind.Array, row[2].Kind);
        Assert.Equal(["A", "B"], row[2].Items.ToArray().Select(c => c.GetString()));
        Assert.True(row[3].IsNull);
        Assert.Empty(row[3].Items.ToArray());
        Assert.Equal("""[true,false,["A","B"],null]""", Json(row));
    }

    private static string Json(ViewValue[] row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                cell.WriteTo(writer);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class Capture : IViewRowSink
    {
        public ViewValue[]? Row { get; private set; }

        public void OnRow(ReadOnlySpan<ViewValue> row) => Row = row.ToArray();
    }
}
