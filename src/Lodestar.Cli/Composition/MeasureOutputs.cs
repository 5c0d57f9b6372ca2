using Lodestar.IO;
using Lodestar.Measures.Analysis;
using Lodestar.Reports;

namespace Lodestar.Cli.Composition;

/// <summary>Writes the standard result files into a folder: report.html, results.csv, measure-reports/&lt;id&gt;.json.</summary>
internal static class MeasureOutputs
{
    public const string Html = "report.html";
    public const string Csv = "results.csv";
    public const string MeasureReports = "measure-reports";

    public static void Write(string folder, IReadOnlyList<MeasureFigures> figures, ReportContext context)
    {
        AtomicFile.Write(Path.Combine(folder, Html), s => HtmlReport.Write(figures, context, s));
        AtomicFile.Write(Path.Combine(folder, Csv), s => ResultsCsvWriter.Write(figures, s));
        var periods = figures.Select(f => f.Period).Distinct().Count();
        foreach (var f in figures)
        {
            // One report per measure; with several periods, one per measure and period.
            var name = periods == 1 ? f.Measure.Id : $"{f.Measure.Id}-{f.Period}".Replace("..", "-", StringComparison.Ordinal);
            AtomicFile.Write(Path.Combine(folder, MeasureReports, name + ".json"), s => MeasureReportWriter.Write(f, context.Generated, s));
        }
    }
}
