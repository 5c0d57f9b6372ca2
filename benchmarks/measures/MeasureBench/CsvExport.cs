using System.Text;
using Lodestar.Tables;

/// <summary>
/// Writes table columns as CSV: nulls as empty fields, lists space-separated ("system|code" values hold no
/// spaces), dates as yyyy-MM-dd. Values are quoted only when they contain a comma or a quote.
/// </summary>
internal static class CsvExport
{
    public static void Write(Table table, string[] columns, string path)
    {
        var present = columns.Where(table.Has).Select(c => table[c]).ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', present.Select(c => c.Name)));
        var line = new StringBuilder();
        for (var r = 0; r < table.RowCount; r++)
        {
            line.Clear();
            for (var c = 0; c < present.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }
                if (present[c].Format(r) is { } v)
                {
                    line.Append(v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal)
                        ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                        : v);
                }
            }
            writer.WriteLine(line);
        }
    }
}
