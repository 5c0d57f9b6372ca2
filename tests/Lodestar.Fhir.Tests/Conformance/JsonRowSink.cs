using System.Text.Json;
using System.Text.Json.Nodes;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Conformance;

/// <summary>Collects rows as JSON objects keyed by column name, as the conformance files write them.</summary>
internal sealed class JsonRowSink(IReadOnlyList<ViewColumn> columns) : IViewRowSink
{
    public List<JsonObject> Rows { get; } = [];

    public void OnRow(ReadOnlySpan<ViewValue> row)
    {
        var obj = new JsonObject();
        for (var i = 0; i < row.Length; i++)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                row[i].WriteTo(writer);
            }
            obj[columns[i].Name] = JsonNode.Parse(buffer.WrittenSpan);
        }
        Rows.Add(obj);
    }
}
