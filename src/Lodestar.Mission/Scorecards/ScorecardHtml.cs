using System.Globalization;
using System.Net;
using System.Text;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Scorecards;

/// <summary>
/// scorecard.html: one self-contained page (inline CSS and SVG, no scripts, no network fetches). Status is shown
/// in words and a symbol as well as an Okabe–Ito colour (Okabe &amp; Ito 2008), so it survives colour-blindness
/// and black-and-white printing.
/// </summary>
internal static class ScorecardHtml
{
    // Okabe–Ito: bluish green, orange, vermillion, and grey for no data.
    private static readonly Dictionary<GoalStatus, (string Colour, string Symbol)> Badge = new()
    {
        [GoalStatus.OnTrack] = ("#009E73", "✓"),
        [GoalStatus.AtRisk] = ("#E69F00", "!"),
        [GoalStatus.OffTrack] = ("#D55E00", "✗"),
        [GoalStatus.NoData] = ("#999999", "–"),
    };

    public static string Render(Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var m = card.Mission;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        h.Append("<title>").Append(E(m.Institution.Name)).Append(" — mission scorecard</title><style>")
         .Append("body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
         .Append("blockquote{border-left:4px solid #0072B2;margin:.5em 0;padding:.2em .8em;color:#333;font-style:italic}")
         .Append("table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}")
         .Append("th{background:#f4f4f4}.badge{display:inline-block;border:2px solid;border-radius:4px;padding:0 .4em;font-weight:600;white-space:nowrap}")
         .Append(".small{font-size:12px;color:#555}.summary span{margin-right:1.2em}</style></head><body>\n");
        h.Append("<h1>").Append(E(m.Institution.Name)).Append("</h1>\n<p class=\"small\">Mission scorecard · state ")
         .Append(E(m.Institution.State)).Append(" · source text: ").Append(E(m.Institution.Source)).Append(" · clinical results: ").Append(E(card.ClinicalSource)).Append("</p>\n");
        h.Append("<p class=\"summary\">");
        foreach (var s in Enum.GetValues<GoalStatus>())
        {
            h.Append("<span>").Append(BadgeHtml(s)).Append(' ').Append(card.Cards.Count(c => c.Status == s)).Append("</span>");
        }
        h.Append("</p>\n<details><summary>Input files</summary><table><tr><th>file</th><th>read</th><th>accepted</th><th>rejected</th></tr>");
        foreach (var f in card.Inputs)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.File)}</td><td>{(f.Present ? f.Read.ToString(CultureInfo.InvariantCulture) : "absent")}</td><td>{f.Accepted}</td><td>{f.Rejected}</td></tr>");
        }
        h.Append("</table></details>\n");
        foreach (var area in m.Areas)
        {
            h.Append("<h2>").Append(E(area.Name)).Append("</h2>\n");
            foreach (var goal in area.Goals)
            {
                h.Append("<h3>").Append(E(goal.Title)).Append("</h3>\n<blockquote>“").Append(E(goal.Quote)).Append("”</blockquote>\n");
                h.Append("<table><tr><th>Measure</th><th>Latest (95% CI)</th><th>Target</th><th>Trend</th><th>Status</th><th>Largest equity gap</th><th>Chart</th></tr>\n");
                foreach (var c in card.Cards.Where(c => c.GoalId == goal.Id))
                {
                    Row(h, c);
                }
                h.Append("</table>\n");
            }
        }
        h.Append("<h2>Commitments not measured</h2>\n<table><tr><th>In the institution's words</th><th>Why no measure</th></tr>\n");
        foreach (var u in m.Unmeasurable)
        {
            h.Append("<tr><td>“").Append(E(u.Quote)).Append("”</td><td>").Append(E(u.Why)).Append("</td></tr>\n");
        }
        h.Append("</table>\n<p class=\"small\">Status rules R1–R8: docs/missions.md. Intervals: Wilson for proportions, exact Poisson for counts and rates; trend: annual percent change (log-linear).</p>\n</body></html>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, MeasureCard c)
    {
        var unit = c.Result.Unit;
        var l = c.Result.Latest;
        h.Append("<tr><td>").Append(E(c.Result.Title)).Append("<div class=\"small\">").Append(E(c.Target.Key)).Append(" · owner: ").Append(E(c.Target.Owner));
        if (c.Target.Narrative is { } n)
        {
            h.Append("<br>").Append(E(n));
        }
        if (c.Result.Note is { } note)
        {
            h.Append("<br>").Append(E(note));
        }
        h.Append("</div></td><td>");
        h.Append(l is null ? "–" : $"{Format.Value(l.Value, unit)} ({Format.Value(l.Lower, unit)}–{Format.Value(l.Upper, unit)})<div class=\"small\">{l.Year}</div>");
        h.Append("</td><td>").Append(c.Target.Direction == GoalDirection.HigherIsBetter ? "≥ " : "≤ ").Append(Format.Value(c.Target.Target, unit))
         .Append(" by ").Append(c.Target.TargetYear);
        if (c.Target.Baseline is { } b)
        {
            h.Append("<div class=\"small\">baseline ").Append(Format.Value(b, unit)).Append(c.Target.BaselineYear is { } by ? $" ({by})" : "").Append("</div>");
        }
        h.Append("</td><td>").Append(c.Trend.Apc is { } apc
            ? string.Create(CultureInfo.InvariantCulture, $"{apc:+0.0;-0.0}%/yr<div class=\"small\">{Words(c.Trend.Class)}</div>")
            : "<span class=\"small\">not estimable</span>");
        h.Append("</td><td>").Append(BadgeHtml(c.Status)).Append("<div class=\"small\">").Append(E(c.StatusReason)).Append("</div></td><td>");
        h.Append(c.Gap is { } g ? $"{E(g.Worst)} {Format.Value(g.WorstValue, unit)} vs {E(g.Best)} {Format.Value(g.BestValue, unit)}{GapChart(c)}" : "<span class=\"small\">–</span>");
        h.Append("</td><td>").Append(Chart(c)).Append("</td></tr>\n");
    }

    private static string Words(Lodestar.Equity.TrendClass t) => t switch
    {
        Lodestar.Equity.TrendClass.Improving => "improving",
        Lodestar.Equity.TrendClass.Worsening => "worsening",
        Lodestar.Equity.TrendClass.NoSignificantChange => "no significant change",
        _ => "not estimable",
    };

    private static string BadgeHtml(GoalStatus s) =>
        $"<span class=\"badge\" style=\"border-color:{Badge[s].Colour};color:#222;background:{Badge[s].Colour}22\">{Badge[s].Symbol} {Format.StatusWords(s)}</span>";

    /// <summary>A 160×50 sparkline: interval band (sky blue), value line (blue), target as a dashed black line.</summary>
    internal static string Chart(MeasureCard c)
    {
        var series = c.Result.Series;
        if (series.Count == 0)
        {
            return "";
        }
        const double W = 160, H = 50, Pad = 4;
        var values = series.SelectMany(v => new[] { v.Lower, v.Upper, v.Value }).Append(c.Target.Target).Where(double.IsFinite).ToArray();
        double lo = values.Min(), hi = values.Max();
        if (hi - lo < 1e-12)
        {
            hi = lo + 1;
        }
        int y0 = series[0].Year, y1 = Math.Max(series[^1].Year, y0 + 1);
        string X(int year) => (Pad + (year - y0) * (W - 2 * Pad) / (y1 - y0)).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double v) => (H - Pad - (v - lo) * (H - 2 * Pad) / (hi - lo)).ToString("0.#", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{E(c.Result.Title)}: {series.Count} years\">");
        if (series.Count > 1)
        {
            var band = string.Join(" ", series.Select(v => $"{X(v.Year)},{Y(v.Upper)}").Concat(series.Reverse().Select(v => $"{X(v.Year)},{Y(v.Lower)}")));
            s.Append("<polygon fill=\"#56B4E9\" fill-opacity=\"0.35\" points=\"").Append(band).Append("\"/>");
            s.Append("<polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"").Append(string.Join(" ", series.Select(v => $"{X(v.Year)},{Y(v.Value)}"))).Append("\"/>");
        }
        foreach (var v in series)
        {
            s.Append("<circle r=\"2.5\" fill=\"#0072B2\" cx=\"").Append(X(v.Year)).Append("\" cy=\"").Append(Y(v.Value)).Append("\"/>");
        }
        s.Append("<line stroke=\"#000\" stroke-dasharray=\"4 3\" x1=\"").Append(Pad).Append("\" x2=\"").Append(W - Pad).Append("\" y1=\"").Append(Y(c.Target.Target))
         .Append("\" y2=\"").Append(Y(c.Target.Target)).Append("\"><title>target</title></line></svg>");
        return s.ToString();
    }

    /// <summary>
    /// The groups behind the equity gap: one row per group with at least <see cref="ScorecardBuilder.MinimumGroupCount"/>
    /// records, its value (dot) and 95% interval (line) on a shared axis; worst-off in vermillion, best-off in bluish
    /// green (Okabe–Ito), the others grey, each row labelled so the chart reads without colour.
    /// </summary>
    internal static string GapChart(MeasureCard c)
    {
        var groups = c.Result.Groups.Where(g => g.Count >= ScorecardBuilder.MinimumGroupCount && double.IsFinite(g.Value)).ToArray();
        if (c.Gap is not { } gap || groups.Length < 2)
        {
            return "";
        }
        const double W = 220, Label = 90, Row = 13, Pad = 4;
        var h = Row * groups.Length + 2 * Pad;
        var bounds = groups.SelectMany(g => new[] { g.Lower, g.Value, g.Upper }).Where(double.IsFinite).ToArray();
        double lo = bounds.Min(), hi = bounds.Max();
        if (hi - lo < 1e-12)
        {
            hi = lo + 1;
        }
        string X(double v) => (Label + (Math.Clamp(v, lo, hi) - lo) * (W - Label - Pad) / (hi - lo)).ToString("0.#", CultureInfo.InvariantCulture);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<br><svg class=\"gap\" width=\"{W}\" height=\"{F(h)}\" viewBox=\"0 0 {W} {F(h)}\" role=\"img\" aria-label=\"{E(c.Result.Title)} by group, latest year: {groups.Length} groups\">");
        for (var i = 0; i < groups.Length; i++)
        {
            var g = groups[i];
            var y = F(Pad + Row * i + Row / 2.0);
            var colour = g.Group == gap.Worst ? "#D55E00" : g.Group == gap.Best ? "#009E73" : "#666666";
            // Long labels (clinical strata: "Non-Hispanic Black or African American") are cut; the dot's tooltip has them whole.
            var label = g.Group.Length <= 16 ? g.Group : g.Group[..15] + "…";
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y}\" dy=\"3.5\" font-size=\"10\">{E(label)}</text>");
            if (double.IsFinite(g.Lower) && double.IsFinite(g.Upper))
            {
                s.Append(CultureInfo.InvariantCulture, $"<line stroke=\"{colour}\" stroke-width=\"1.5\" x1=\"{X(g.Lower)}\" x2=\"{X(g.Upper)}\" y1=\"{y}\" y2=\"{y}\"/>");
            }
            s.Append(CultureInfo.InvariantCulture, $"<circle r=\"3\" fill=\"{colour}\" cx=\"{X(g.Value)}\" cy=\"{y}\"><title>{E(g.Group)}: {Format.Value(g.Value, c.Result.Unit)} ({Format.Value(g.Lower, c.Result.Unit)}–{Format.Value(g.Upper, c.Result.Unit)}), n = {g.Count}</title></circle>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
