using System.Buffers;
using System.Text;
using System.Text.Json;
using Lodestar.Fhir.Views;
using Lodestar.IO;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Writes view rows as CSV (header = column names in view order; empty cell = no value; collection cells as a
/// JSON array) or NDJSON (one object per row, typed values, null for no value, arrays for collections).
/// </summary>
internal sealed class ViewRowWriter : IViewRowSink, IDisposable
{
    private readonly TextWriter output;
    private readonly bool csv;
    private readonly CsvWriter? csvWriter;
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 12);
    private readonly Utf8JsonWriter json;
    private readonly JsonEncodedText[] names;

    public ViewRowWriter(TextWriter output, IReadOnlyList<ViewColumn> columns, bool csv)
    {
        this.output = output;
        this.csv = csv;
        json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        names = columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();
        if (csv)
        {
            csvWriter = new CsvWriter(output);
            csvWriter.WriteRow(columns.Select(c => c.Name));
        }
    }

    public long Rows { get; private set; }

    public void OnRow(ReadOnlySpan<ViewValue> row)
    {
        Rows++;
        if (csv)
        {
            foreach (var cell in row)
            {
                csvWriter!.WriteField(cell.Kind == ViewValueKind.Array ? Json(cell) : cell.GetString());
            }
            csvWriter!.EndRow();
            return;
        }
        buffer.ResetWrittenCount();
        json.Reset();
        json.WriteStartObject();
        for (var i = 0; i < row.Length; i++)
        {
            json.WritePropertyName(names[i]);
            row[i].WriteTo(json);
        }
        json.WriteEndObject();
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    private string Json(ViewValue cell)
    {
        buffer.ResetWrittenCount();
        json.Reset();
        cell.WriteTo(json);
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose()
    {
        csvWriter?.Dispose();
        json.Dispose();
        output.Flush();
    }
}
