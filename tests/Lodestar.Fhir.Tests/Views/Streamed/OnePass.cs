using System.Text;
using System.Text.Json;
using Lodestar.Fhir.Views;
using Lodestar.Fhir.Views.Streamed;

namespace Lodestar.Fhir.Tests.Views.Streamed;

/// <summary>
/// Runs a view over resources as the reader does with a row handler: the one-pass scanner where it reads the record,
/// else the JsonDocument path; and by the general evaluator alone. Each gives one text (every row as JSON, or the error).
/// </summary>
internal static class OnePass
{
    public static StreamPlan? Plan(ViewDefinition view, bool trackReferences = true) =>
        StreamCompiler.TryCompile(view.Resource, [(0, view)], trackReferences);

    public static (string OnePass, string General, int Read) Run(ViewDefinition view, IEnumerable<string> resources)
    {
        var plan = Plan(view);
        var scanner = plan is null ? null : new StreamScanner([plan]);
        var onePass = new StringBuilder();
        var general = new StringBuilder();
        var read = 0;
        foreach (var resource in resources)
        {
            var bytes = Encoding.UTF8.GetBytes(resource);
            if (scanner is not null && scanner.TryRead(bytes))
            {
                read++;
                Write(onePass, scanner.Row(0));
            }
            else
            {
                using var parsed = JsonDocument.Parse(bytes);
                Collect(onePass, sink => view.Evaluate(parsed.RootElement, sink));
            }
            using var document = JsonDocument.Parse(bytes);
            Collect(general, sink => view.EvaluateGeneral(document.RootElement, sink));
        }
        return (onePass.ToString(), general.ToString(), read);
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

    /// <summary>A row as JSON: each cell's kind and value, and what a table sink reads from it (text, UTF-8, numbers).</summary>
    public static void Write(StringBuilder output, ReadOnlySpan<ViewValue> row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                writer.WriteStringValue(cell.Kind.ToString());
                cell.WriteTo(writer);
                writer.WriteStringValue(cell.GetString());
                writer.WriteStringValue(SinkText(cell));
                if (cell.Kind is ViewValueKind.Integer or ViewValueKind.Decimal)
                {
                    writer.WriteNumberValue(cell.GetDecimal());
                    writer.WriteNumberValue(cell.GetInt64());
                }
                foreach (var item in cell.Items)
                {
                    writer.WriteStringValue(item.Kind + ":" + item.GetString() + ":" + SinkText(item));
                }
            }
            writer.WriteEndArray();
        }
        output.AppendLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The text a table sink takes: the UTF-8 when the cell offers it, else its string.</summary>
    private static string? SinkText(ViewValue cell) => cell.TryGetUtf8(out var utf8) ? Encoding.UTF8.GetString(utf8) : cell.GetString();

    private sealed class TextSink(StringBuilder output) : IViewRowSink
    {
        public void OnRow(ReadOnlySpan<ViewValue> row) => Write(output, row);
    }
}
