using System.Globalization;
using Lodestar.IO;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Collects output rows and writes them atomically as CSV. Cells are strings, whole numbers or doubles; a null or
/// non-finite double is written as an empty cell, so no file ever holds NaN or Infinity.
/// </summary>
internal sealed class StatsOutput
{
    private readonly List<string> header;
    private readonly List<object?[]> rows = [];

    public StatsOutput(IEnumerable<string> header) => this.header = [.. header];

    public int Count => rows.Count;

    public IReadOnlyList<string> Header => header;

    public IReadOnlyList<object?[]> Rows => rows;

    public void Add(params object?[] cells)
    {
        if (cells.Length != header.Count)
        {
            throw new InvalidOperationException($"Row has {cells.Length} cells; the header has {header.Count}.");
        }
        rows.Add(cells);
    }

    public void Write(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvWriter(stream);
            csv.WriteRow(header);
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    switch (cell)
                    {
                        case null:
                            csv.WriteField((string?)null);
                            break;
                        case double d:
                            csv.WriteField(d);
                            break;
                        case long l:
                            csv.WriteField(l);
                            break;
                        case int i:
                            csv.WriteField((long)i);
                            break;
                        case string s:
                            csv.WriteField(s);
                            break;
                        default:
                            csv.WriteField(Convert.ToString(cell, CultureInfo.InvariantCulture));
                            break;
                    }
                }
                csv.EndRow();
            }
        });
    }
}
