using System.Text;
using System.Text.Json;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views.Compiled;

/// <summary>
/// Runs a view over resources by the compiled path (<see cref="ViewDefinition.Evaluate"/>) and by the general evaluator
/// alone, each giving one text: every row as JSON, in order, or the error that stopped it.
/// </summary>
internal static class PathComparison
{
    public static (string Compiled, string General) Run(ViewDefinition view, IEnumerable<string> resources)
    {
        var compiled = new StringBuilder();
        var general = new StringBuilder();
        foreach (var resource in resources)
        {
            using var document = JsonDocument.Parse(resource);
            Collect(compiled, sink => view.Evaluate(document.RootElement, sink));
            Collect(general, sink => view.EvaluateGeneral(document.RootElement, sink));
        }
        return (compiled.ToString(), general.ToString());
    }

    public static (string Compiled, string General) Run(ViewDefinition view, JsonElement resources)
    {
        var compiled = new StringBuilder();
        var general = new StringBuilder();
        foreach (var resource in resources.EnumerateArray())
        {
            Collect(compiled, sink => view.Evaluate(resource, sink));
            Collect(general, sink => view.EvaluateGeneral(resource, sink));
        }
        return (compiled.ToString(), general.ToString());
    }

    private static void Collect(StringBuilder output, Action<IViewRowSink> evaluate)
    {
        try
        {
            evaluate(new TextSink(output));
        }
        catch (ViewDefinitionException e)
        {
            output.Append("error: ").AppendLine(e.Message);
        }
    }

    private sealed class TextSink(StringBuilder output) : IViewRowSink
    {
        public void OnRow(ReadOnlySpan<ViewValue> row)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var cell in row)
                {
                    // The kind too: an integer and a decimal of equal value are different cells to a table.
                    writer.WriteStringValue(cell.Kind.ToString());
                    cell.WriteTo(writer);
                }
                writer.WriteEndArray();
            }
            output.AppendLine(Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
