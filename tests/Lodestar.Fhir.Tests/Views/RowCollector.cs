using System.Text.Json;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

/// <summary>Runs a view over JSON resources and gives each row as name → JSON text of the value ("null", "\"x\"", "[...]").</summary>
internal sealed class RowCollector(ViewDefinition view) : IViewRowSink
{
    public List<Dictionary<string, string>> Rows { get; } = [];

    public static List<Dictionary<string, string>> Run(ViewDefinition view, params string[] resources)
    {
        var collector = new RowCollector(view);
        foreach (var resource in resources)
        {
            using var document = JsonDocument.Parse(resource);
            view.Evaluate(document.RootElement, collector);
        }
        return collector.Rows;
    }

    public void OnRow(ReadOnlySpan<ViewValue> row)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < row.Length; i++)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                row[i].WriteTo(writer);
            }
            values[view.Columns[i].Name] = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
        Rows.Add(values);
    }
}
