using System.Text.Encodings.Web;
using System.Text.Json;
using Lodestar.IO;

namespace Lodestar.Synth;

/// <summary>
/// Writes ground-truth.json beside the data: the run's parameters, every outcome's definition and
/// baseline, every planted effect with its expected and realised rates in the final year, and the
/// background variation that is realistic but not planted. The analysis is checked against it.
/// </summary>
internal static class GroundTruth
{
    public static void Write(string path, SynthPlan plan, Tally tally, long[] totals)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var o = plan.Options;
            w.WriteStartObject();
            w.WriteString("generator", "lodestar synth");
            w.WriteString("state", plan.StateAbbreviation);
            w.WriteNumber("people", o.People);
            w.WriteNumber("firstYear", o.FirstYear);
            w.WriteNumber("lastYear", o.LastYear);
            w.WriteString("asOf", plan.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("finalYear", o.LastYear);
            w.WriteString("note", "Realised counts are the generator's own draws for the final year (flu: the season ending in March of it), among people alive on the as-of date; a measure computed from the FHIR files should land within sampling error of 'expected'.");

            w.WriteStartObject("scenario");
            w.WriteString("name", plan.Scenario.Name);
            w.WriteString("description", plan.Scenario.Description);
            w.WriteEndObject();

            w.WriteStartArray("outcomes");
            foreach (var outcome in Outcomes.All)
            {
                w.WriteStartObject();
                w.WriteString("outcome", Outcomes.Name(outcome));
                var baseline = plan.Baselines[(int)outcome];
                if (double.IsFinite(baseline))
                {
                    w.WriteNumber("baseline", baseline);
                }
                w.WriteString("definition", Outcomes.Definition(outcome));
                Counts(w, "finalYear", tally.Outcomes[(int)outcome, 0], tally.Outcomes[(int)outcome, 1]);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("effects");
            for (var i = 0; i < plan.Scenario.Effects.Count; i++)
            {
                var e = plan.Scenario.Effects[i];
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("outcome", Outcomes.Name(e.Outcome));
                w.WriteString("who", e.Who.ToString());
                Selector(w, e.Who);
                if (e.Difference is { } d)
                {
                    w.WriteNumber("difference", d);
                }
                if (e.Ratio is { } r)
                {
                    w.WriteNumber("ratio", r);
                }
                if (e.Description is not null)
                {
                    w.WriteString("description", e.Description);
                }
                var baseline = plan.Baselines[(int)e.Outcome];
                if (double.IsFinite(baseline))
                {
                    w.WriteStartObject("expected");
                    w.WriteNumber("group", Math.Clamp(e.Apply(baseline), 0, 1));
                    w.WriteNumber("reference", baseline);
                    w.WriteString("assumes", "no other effect on the same outcome overlaps this one");
                    w.WriteEndObject();
                }
                var applies = e.Who.Counties is null || e.Who.Counties.Any(c => c.StartsWith(plan.Population.State.Fips, StringComparison.Ordinal));
                w.WriteBoolean("appliesInState", applies);
                w.WriteStartObject("realised");
                Counts(w, "group", tally.Effects[i, 0], tally.Effects[i, 1]);
                Counts(w, "reference", tally.Effects[i, 2], tally.Effects[i, 3]);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("background");
            foreach (var line in Background)
            {
                w.WriteStringValue(line);
            }
            w.WriteEndArray();

            w.WriteStartObject("resources");
            for (var k = 0; k < totals.Length; k++)
            {
                w.WriteNumber(SynthGenerator.FileNames[k] + ".ndjson", totals[k]);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static readonly string[] Background =
    [
        "Condition prevalence varies by age, sex and race/ethnicity (hypertension, diabetes, CHD, depression, asthma, ESRD, cancers; national rates cited in ClinicalModel.cs) and by county (CDC PLACES 2023 relative to the state).",
        "Payer varies by age (65+ Medicare), state (Medicaid shares), race/ethnicity (Medicaid) and county (ACS uninsured share).",
        "Visit, ED and admission rates vary by age, chronic conditions and insurance (uninsured people are seen less often).",
        "Mortality varies by age, ESRD, CHD, diabetes and state.",
        "The outcomes listed above have one baseline for everyone; only planted effects move them.",
        "A planted effect also shows in any stratifier correlated with its selector (e.g. the rural mammography gap appears by race or county where groups live in rural counties in different shares); compare within the selector's own split to read it cleanly.",
    ];

    private static void Selector(Utf8JsonWriter w, PopulationSelector s)
    {
        w.WriteStartObject("selector");
        if (s.Races is not null)
        {
            w.WriteStartArray("race");
            foreach (var r in s.Races)
            {
                w.WriteStringValue(ScenarioNames.Group(r));
            }
            w.WriteEndArray();
        }
        if (s.Rural is { } rural)
        {
            w.WriteBoolean("rural", rural);
        }
        if (s.Counties is not null)
        {
            w.WriteStartArray("counties");
            foreach (var c in s.Counties)
            {
                w.WriteStringValue(c);
            }
            w.WriteEndArray();
        }
        if (s.Sex is not null)
        {
            w.WriteString("sex", s.Sex);
        }
        if (s.MinAge is { } min)
        {
            w.WriteNumber("min-age", min);
        }
        if (s.MaxAge is { } max)
        {
            w.WriteNumber("max-age", max);
        }
        if (s.Languages is not null)
        {
            w.WriteStartArray("language");
            foreach (var l in s.Languages)
            {
                w.WriteStringValue(l);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter w, string name, long denominator, long numerator)
    {
        w.WriteStartObject(name);
        w.WriteNumber("denominator", denominator);
        w.WriteNumber("numerator", numerator);
        if (denominator > 0)
        {
            w.WriteNumber("rate", Math.Round((double)numerator / denominator, 6));
        }
        w.WriteEndObject();
    }
}
