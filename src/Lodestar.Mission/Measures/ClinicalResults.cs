using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Mission.Measures;

/// <summary>
/// Clinical measure results read from the <c>results.csv</c> that <c>lodestar measure</c> and <c>lodestar demo</c>
/// write (Lodestar.Reports.ResultsCsvWriter), so a mission goal can cite a clinical measure by id without this
/// component depending on the measure engine. Only calendar-year periods are used; withheld rates are skipped.
/// </summary>
internal sealed class ClinicalResults
{
    private readonly Dictionary<string, List<(int Year, string Stratifier, string Stratum, double Rate, double Lower, double Upper, long Eligible)>> rows = new(StringComparer.Ordinal);

    public static ClinicalResults None { get; } = new();

    public static ClinicalResults Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserErrorException($"--clinical {path}: no such file.");
        }
        var results = new ClinicalResults();
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(text, path);
        var header = csv.ReadHeader();
        int Col(string name) => header.ToList().IndexOf(name) is var i and >= 0 ? i
            : throw new UserErrorException(new Diagnostic(path, 1, name, "results.csv has no such column; write it with `lodestar measure`"));
        int id = Col("measure_id"), period = Col("period"), stratifier = Col("stratifier"), stratum = Col("stratum"),
            rate = Col("rate"), lower = Col("lower"), upper = Col("upper");
        // Older results.csv files have no "eligible" column; the denominator is the closest count they carry.
        var eligible = header.ToList().IndexOf("eligible") is var e0 and >= 0 ? e0 : Col("denominator");
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new UserErrorException(e);
            }
            var f = record.Fields;
            if (!int.TryParse(f[period], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || !double.TryParse(f[rate], NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                || !double.TryParse(f[lower], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                || !double.TryParse(f[upper], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
            {
                continue;
            }
            long.TryParse(f[eligible], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            if (!results.rows.TryGetValue(f[id], out var list))
            {
                results.rows[f[id]] = list = [];
            }
            list.Add((year, f[stratifier], f[stratum], r, lo, hi, n));
        }
        return results;
    }

    public MeasureResult Result(string measureId)
    {
        var title = "Clinical measure " + measureId;
        if (!rows.TryGetValue(measureId, out var list))
        {
            return MeasureResult.Empty(title, "proportion", "no rate for this measure in the clinical results (not given, or withheld)");
        }
        var series = list.Where(r => r.Stratifier == "all").OrderBy(r => r.Year)
            .Select(r => new YearValue(r.Year, r.Rate, r.Lower, r.Upper, null, r.Eligible)).ToArray();
        if (series.Length == 0)
        {
            return MeasureResult.Empty(title, "proportion", "the overall rate is withheld (small numbers)");
        }
        var last = series[^1].Year;
        var groups = list.Where(r => r.Year == last && r.Stratifier == "race-ethnicity")
            .Select(r => new GroupValue(r.Stratum, r.Rate, r.Lower, r.Upper, r.Eligible)).ToArray();
        return new MeasureResult(title, "proportion", series, groups, null);
    }
}
