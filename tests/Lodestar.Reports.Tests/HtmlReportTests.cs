using System.Text;
using System.Text.RegularExpressions;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.Reports.Tests;

public sealed partial class HtmlReportTests
{
    private static readonly MeasureCatalog Catalog = MeasureCatalog.Load();

    private static MeasureFigures Figures(string measureId, Dictionary<string, long> counts, Dictionary<string, long>? events = null, double[]? observed = null,
        IReadOnlyList<StratifierResult>? stratifiers = null)
    {
        var group = new PopulationCounts(counts, events, observed is null ? null : new ObservedValues(observed));
        return MeasureAnalysis.Analyse(new MeasureResult(Catalog.Get(measureId), Period.Year(2025), group, stratifiers ?? [], new Dictionary<string, PatientSet>()));
    }

    private static string Html(params MeasureFigures[] figures)
    {
        using var stream = new MemoryStream();
        HtmlReport.Write(figures, new ReportContext("Test", "sub", "note", DateTimeOffset.UnixEpoch), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The summary row and the overall line of the measure with the given title.</summary>
    private static (string Row, string Overall) Lines(string html, string title) => (
        SummaryRow().Matches(html).Select(m => m.Value).Single(r => r.Contains(title, StringComparison.Ordinal)),
        OverallLine().Match(html.Split("<section class=\"measure\"").Single(s => s.Contains($"<h2>{title} ", StringComparison.Ordinal))).Value);

    [Fact]
    public void A_continuous_measure_says_it_is_scored_over_observations_not_eligible_patients()
    {
        // Twenty stays of 1..20 days from twenty patients: the median is (10 + 11) / 2 = 10.5 days.
        var stays = Enumerable.Range(1, 20).Select(d => (double)d).ToArray();
        var figures = Figures("inpatient-length-of-stay", new()
        {
            [PopulationCodes.InitialPopulation] = 20,
            [PopulationCodes.MeasurePopulation] = 20,
            [PopulationCodes.MeasurePopulationExclusion] = 0,
        }, observed: stays);
        var (row, overall) = Lines(Html(figures), "Median inpatient length of stay");
        Assert.Contains(">20 observations<", row, StringComparison.Ordinal);
        Assert.StartsWith("Overall: 10.5 (", overall, StringComparison.Ordinal);
        Assert.EndsWith(", the median of 20 observations.", overall, StringComparison.Ordinal);
        Assert.DoesNotContain("patients", row + overall, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proportion_is_scored_over_eligible_patients_and_a_ratio_of_visits_over_events()
    {
        var bp = Figures("cms165-controlling-high-blood-pressure", new()
        {
            [PopulationCodes.InitialPopulation] = 120,
            [PopulationCodes.Denominator] = 120,
            [PopulationCodes.DenominatorExclusion] = 20,
            [PopulationCodes.DenominatorException] = 0,
            [PopulationCodes.Numerator] = 60,
        });
        // Telehealth share: 40 video visits of 400 ambulatory and video visits, from 150 patients.
        var telehealth = Figures("telehealth-share-of-visits", new()
        {
            [PopulationCodes.InitialPopulation] = 150,
            [PopulationCodes.Denominator] = 150,
            [PopulationCodes.DenominatorExclusion] = 0,
            [PopulationCodes.DenominatorException] = 0,
            [PopulationCodes.Numerator] = 30,
        }, events: new() { [PopulationCodes.Denominator] = 400, [PopulationCodes.Numerator] = 40 });
        var html = Html(bp, telehealth);

        // 60 of 120 − 20 excluded = 60.0%.
        var (bpRow, bpOverall) = Lines(html, "Controlling High Blood Pressure");
        Assert.Contains(">100 eligible patients<", bpRow, StringComparison.Ordinal);
        Assert.StartsWith("Overall: 60.0% (", bpOverall, StringComparison.Ordinal);
        Assert.EndsWith(" of 100 eligible patients.", bpOverall, StringComparison.Ordinal);

        var (teleRow, teleOverall) = Lines(html, "Telehealth share of outpatient visits");
        Assert.Contains(">400 events<", teleRow, StringComparison.Ordinal);
        Assert.StartsWith("Overall: 0.100 (", teleOverall, StringComparison.Ordinal);
        Assert.EndsWith(" of 400 events.", teleOverall, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stratum_table_heads_its_count_column_with_what_it_counts()
    {
        // Telehealth share split by sex: 200 visits of women and 200 of men, counted as events, not eligible patients.
        Dictionary<string, long> Patients(long n, long num) => new()
        {
            [PopulationCodes.InitialPopulation] = n,
            [PopulationCodes.Denominator] = n,
            [PopulationCodes.DenominatorExclusion] = 0,
            [PopulationCodes.DenominatorException] = 0,
            [PopulationCodes.Numerator] = num,
        };
        Dictionary<string, long> Events(long den, long num) => new() { [PopulationCodes.Denominator] = den, [PopulationCodes.Numerator] = num };
        var sex = new StratifierResult("sex", "Sex",
        [
            new StratumResult(new Stratum("female", "Female"), new PopulationCounts(Patients(75, 15), Events(200, 25), null)),
            new StratumResult(new Stratum("male", "Male"), new PopulationCounts(Patients(75, 15), Events(200, 15), null)),
        ]);
        var telehealth = Figures("telehealth-share-of-visits", Patients(150, 30), Events(400, 40), stratifiers: [sex]);
        var table = StratumTable().Match(Html(telehealth)).Value;
        Assert.Contains("<th scope=\"col\">Sex</th><th scope=\"col\">Events</th>", table, StringComparison.Ordinal);
        Assert.Contains(">200<", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Eligible", table, StringComparison.Ordinal);
    }

    [GeneratedRegex("<table><thead><tr><th scope=\"col\">Sex</th>.*?</table>")]
    private static partial Regex StratumTable();

    [GeneratedRegex("<tr><td><a href=\"#[^\"]+\">.*?</tr>")]
    private static partial Regex SummaryRow();

    [GeneratedRegex("Overall: [^<]*")]
    private static partial Regex OverallLine();
}
