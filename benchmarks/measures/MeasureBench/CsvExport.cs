using System.Text;
using Lodestar.Tables;

/// <summary>
/// Writes table columns as CSV for the DuckDB peer, compactly enough for a million patients: nulls as empty
/// fields, dates as yyyy-MM-dd, <c>patient_key</c> as the patient's row number (<c>pid</c>; event rows of unknown
/// patients are left out, as the engine ignores them), and code lists as space-separated integer ids
/// from one dictionary shared with the value-set file. Both are what DuckDB's load did anyway (it resolved
/// references to row numbers and matched codes by equality), done once here instead of from long strings.
/// Other lists (the patient's race categories) stay as space-separated strings.
/// </summary>
internal sealed class CsvExport(Dictionary<string, int> codeIds)
{
    private const string PatientKey = Lodestar.Measures.Engine.ClinicalSchema.PatientKey;

    public void Write(Table table, string[] columns, int[]? patientRows, string path)
    {
        var present = columns.Where(table.Has).Select(c => table[c]).ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', present.Select(c => c.Name == PatientKey ? "pid" : c.Name)));
        var line = new StringBuilder();
        for (var r = 0; r < table.RowCount; r++)
        {
            if (patientRows is not null && patientRows[r] < 0)
            {
                continue;
            }
            line.Clear();
            for (var c = 0; c < present.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }
                switch (present[c])
                {
                    case StringColumn { Name: PatientKey }:
                        line.Append(patientRows is null ? r : patientRows[r]);
                        break;
                    case StringListColumn list when list.Name == Lodestar.Measures.Engine.ClinicalSchema.CodesOf(table.Name):
                        var first = true;
                        foreach (var code in list.Row(r))
                        {
                            line.Append(first ? "" : " ").Append(Id(list.Dictionary[code]));
                            first = false;
                        }
                        break;
                    default:
                        if (present[c].Format(r) is { } v)
                        {
                            line.Append(v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal)
                                ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                                : v);
                        }
                        break;
                }
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>The integer id of a "system|code" string, assigned on first sight.</summary>
    public int Id(string code)
    {
        if (!codeIds.TryGetValue(code, out var id))
        {
            id = codeIds.Count;
            codeIds[code] = id;
        }
        return id;
    }
}
