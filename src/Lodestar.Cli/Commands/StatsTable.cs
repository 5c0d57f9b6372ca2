using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Cli.Commands;

/// <summary>
/// A tidy input CSV for <c>lodestar stats</c>, read whole, with typed accessors whose failures are one-line user
/// errors naming the file, line and column (e.g. <c>in.csv:4: denominator: negative count -3</c>).
/// </summary>
internal sealed class StatsTable
{
    private StatsTable(string source, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    public static StatsTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserErrorException($"{path}: no such file");
        }
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, path);
        var header = csv.ReadHeader();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in header)
        {
            if (!seen.Add(h))
            {
                throw new UserErrorException(new Diagnostic(path, 1, h, "the column appears twice in the header"));
            }
        }
        var rows = new List<CsvRecord>();
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new UserErrorException(e);
            }
            rows.Add(record);
        }
        return new StatsTable(path, header, rows);
    }

    /// <summary>The index of a required column (case-insensitive).</summary>
    public int Column(string name) =>
        OptionalColumn(name) ?? throw new UserErrorException(new Diagnostic(Source, 1, name, $"missing column (the header has: {string.Join(",", Header)})"));

    public int? OptionalColumn(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return null;
    }

    public bool Has(string name) => OptionalColumn(name) is not null;

    /// <summary>A non-empty label (group, age band).</summary>
    public string Text(CsvRecord row, int column)
    {
        var text = row.Fields[column].Trim();
        return text.Length > 0 ? text : throw Error(row, column, "empty value");
    }

    /// <summary>A count: a whole number ≥ 0.</summary>
    public long Count(CsvRecord row, int column)
    {
        var text = row.Fields[column].Trim();
        if (text.Length == 0)
        {
            throw Error(row, column, "empty value; a count is required");
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // Accept "12.0" from spreadsheets, but not "12.5".
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
            {
                value = (long)d;
            }
            else
            {
                throw Error(row, column, $"not a whole number '{text}'");
            }
        }
        return value >= 0 ? value : throw Error(row, column, $"negative count {value}");
    }

    /// <summary>A population or person-time: a finite number ≥ 0 (fractions allowed).</summary>
    public double Amount(CsvRecord row, int column)
    {
        var value = Number(row, column);
        return value >= 0 ? value : throw Error(row, column, $"negative count {value.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Any finite number.</summary>
    public double Number(CsvRecord row, int column)
    {
        var text = row.Fields[column].Trim();
        if (text.Length == 0)
        {
            throw Error(row, column, "empty value; a number is required");
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(row, column, $"not a number '{text}'");
    }

    public UserErrorException Error(CsvRecord row, int column, string reason) =>
        new(new Diagnostic(Source, row.Line, column >= 0 ? Header[column] : "", reason));
}
