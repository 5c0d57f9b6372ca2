using System.Text.Json;
using Lodestar.Mission.Measures;

namespace Lodestar.Mission.Scorecards;

/// <summary>scorecard.json: the whole scorecard for machines (institution, input counts, goals, measures with series and groups).</summary>
internal static class ScorecardJson
{
    public static void Write(Scorecard card, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var m = card.Mission;
        w.WriteStartObject();
        w.WriteString("schema", "lodestar-scorecard/1");
        w.WriteStartObject("institution");
        w.WriteString("id", m.Institution.Id);
        w.WriteString("name", m.Institution.Name);
        w.WriteString("state", m.Institution.State);
        w.WriteString("source", m.Institution.Source);
        w.WriteEndObject();
        w.WriteString("clinical_results", card.ClinicalSource);
        w.WriteStartArray("inputs");
        foreach (var f in card.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("file", f.File);
            w.WriteBoolean("present", f.Present);
            w.WriteNumber("read", f.Read);
            w.WriteNumber("accepted", f.Accepted);
            w.WriteNumber("rejected", f.Rejected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("areas");
        foreach (var area in m.Areas)
        {
            w.WriteStartObject();
            w.WriteString("id", area.Id);
            w.WriteString("name", area.Name);
            w.WriteStartArray("goals");
            foreach (var goal in area.Goals)
            {
                w.WriteStartObject();
                w.WriteString("id", goal.Id);
                w.WriteString("title", goal.Title);
                w.WriteString("quote", goal.Quote);
                w.WriteStartArray("measures");
                foreach (var c in card.Cards.Where(c => c.GoalId == goal.Id))
                {
                    WriteCard(w, c);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("unmeasurable");
        foreach (var u in m.Unmeasurable)
        {
            w.WriteStartObject();
            w.WriteString("quote", u.Quote);
            w.WriteString("why", u.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCard(Utf8JsonWriter w, MeasureCard c)
    {
        w.WriteStartObject();
        w.WriteString("measure", c.Target.Measure);
        w.WriteStartObject("params");
        foreach (var (k, v) in c.Target.Parameters)
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
        w.WriteString("title", c.Result.Title);
        w.WriteString("unit", c.Result.Unit);
        Num(w, "baseline", c.Target.Baseline);
        Num(w, "target", c.Target.Target);
        w.WriteNumber("target_year", c.Target.TargetYear);
        w.WriteString("direction", Format.Direction(c.Target.Direction));
        w.WriteString("owner", c.Target.Owner);
        w.WriteString("narrative", c.Target.Narrative);
        w.WriteString("status", Format.StatusCode(c.Status));
        w.WriteString("status_reason", c.StatusReason);
        w.WriteStartObject("trend");
        Num(w, "apc", c.Trend.Apc);
        Num(w, "lower", c.Trend.Lower);
        Num(w, "upper", c.Trend.Upper);
        w.WriteString("class", c.Trend.Class.ToString());
        w.WriteEndObject();
        w.WriteString("note", c.Result.Note);
        w.WriteStartArray("series");
        foreach (var v in c.Result.Series)
        {
            Point(w, v);
        }
        w.WriteEndArray();
        w.WriteStartArray("groups");
        foreach (var g in c.Result.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            Num(w, "value", g.Value);
            Num(w, "lower", g.Lower);
            Num(w, "upper", g.Upper);
            w.WriteNumber("count", g.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (c.Gap is { } gap)
        {
            w.WriteStartObject("largest_gap");
            w.WriteString("worst", gap.Worst);
            Num(w, "worst_value", gap.WorstValue);
            w.WriteString("best", gap.Best);
            Num(w, "best_value", gap.BestValue);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Point(Utf8JsonWriter w, YearValue v)
    {
        w.WriteStartObject();
        w.WriteNumber("year", v.Year);
        Num(w, "value", v.Value);
        Num(w, "lower", v.Lower);
        Num(w, "upper", v.Upper);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } d && double.IsFinite(d))
        {
            w.WriteNumber(name, d);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
