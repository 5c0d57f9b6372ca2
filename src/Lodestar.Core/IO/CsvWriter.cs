using System.Globalization;
using System.Text;

namespace Lodestar.IO;

/// <summary>RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; LF line ends.</summary>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter writer;
    private readonly bool ownsWriter;
    private bool atLineStart = true;

    public CsvWriter(TextWriter writer, bool ownsWriter = false)
    {
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    public CsvWriter(Stream stream)
        : this(new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true), ownsWriter: true)
    {
    }

    public void WriteRow(params IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            WriteField(field);
        }
        EndRow();
    }

    public void WriteField(string? value)
    {
        if (!atLineStart)
        {
            writer.Write(',');
        }
        atLineStart = false;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void WriteField(long value) => WriteField(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Round-trip precision ("R"); NaN and infinities are never written, an empty cell stands for "no value".</summary>
    public void WriteField(double? value) =>
        WriteField(value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null);

    public void EndRow()
    {
        writer.Write('\n');
        atLineStart = true;
    }

    public void Dispose()
    {
        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }
}
