using System.Text;
using Lodestar.Diagnostics;

namespace Lodestar.IO;

/// <summary>One CSV record: its fields and the line it starts on (1-based, header is line 1).</summary>
public readonly record struct CsvRecord(long Line, IReadOnlyList<string> Fields);

/// <summary>
/// Streams RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). A record whose field
/// count differs from the header's, or whose quote is never closed, is reported as a diagnostic
/// rather than thrown, so callers can send it to a rejects file and carry on.
/// </summary>
public sealed class CsvReader
{
    private readonly TextReader reader;
    private readonly string source;
    private long line;

    public CsvReader(TextReader reader, string source)
    {
        this.reader = reader;
        this.source = source;
    }

    public static CsvReader Open(string path) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16), path);

    /// <summary>The header names, read from the first record; a missing header is a user error.</summary>
    public IReadOnlyList<string> ReadHeader()
    {
        var (header, error, _) = ReadRecord();
        if (header is null)
        {
            throw new UserErrorException(new Diagnostic(source, 1, "", error ?? "the file is empty; a header row is required"));
        }
        return header.Select(h => h.Trim()).ToArray();
    }

    /// <summary>Reads records after the header; each is either fields or a diagnostic, with the raw text for a rejects file.</summary>
    public IEnumerable<(CsvRecord Record, Diagnostic? Error, string Raw)> ReadRecords(int expectedFields)
    {
        while (true)
        {
            var startLine = line + 1;
            var (fields, error, raw) = ReadRecord();
            if (fields is null && error is null)
            {
                yield break;
            }
            if (error is not null)
            {
                yield return (new CsvRecord(startLine, []), new Diagnostic(source, startLine, "", error), raw);
                continue;
            }
            if (fields!.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }
            if (fields.Count != expectedFields)
            {
                yield return (new CsvRecord(startLine, fields),
                    new Diagnostic(source, startLine, "", $"has {fields.Count} fields; the header has {expectedFields}"), raw);
                continue;
            }
            yield return (new CsvRecord(startLine, fields), null, raw);
        }
    }

    private (List<string>? Fields, string? Error, string Raw) ReadRecord()
    {
        var first = reader.ReadLine();
        if (first is null)
        {
            return (null, null, "");
        }
        line++;
        var fields = new List<string>();
        var raw = new StringBuilder(first);
        var field = new StringBuilder();
        var text = first;
        var i = 0;
        var inQuotes = false;
        while (true)
        {
            if (i == text.Length)
            {
                if (!inQuotes)
                {
                    fields.Add(field.ToString());
                    return (fields, null, raw.ToString());
                }
                var next = reader.ReadLine();
                if (next is null)
                {
                    return (null, "a quoted field is never closed (the file may be truncated)", raw.ToString());
                }
                line++;
                raw.Append('\n').Append(next);
                field.Append('\n');
                text = next;
                i = 0;
                continue;
            }
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                    i++;
                    continue;
                }
                field.Append(c);
                i++;
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else
            {
                field.Append(c);
            }
            i++;
        }
    }
}
