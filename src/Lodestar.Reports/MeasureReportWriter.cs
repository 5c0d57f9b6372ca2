using System.Globalization;
using System.Text.Json;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;

namespace Lodestar.Reports;

/// <summary>
/// Writes a FHIR R4 MeasureReport (type summary): the group's populations and score, and one stratifier
/// per stratification with each stratum's populations and score. A withheld count is written without
/// <c>count</c> and with the data-absent-reason extension "masked" (FHIR's code for values withheld for
/// privacy); intervals travel in a Lodestar extension since R4 has no element for them. A continuous measure
/// reports initial-population, measure-population, measure-population-exclusion and measure-observation (the
/// number of observations), and its aggregate as the measureScore, a UCUM quantity in days (a count has no unit).
/// </summary>
public static class MeasureReportWriter
{
    public const string MeasureBase = "https://lodestar.health/fhir/Measure/";
    public const string StratifierSystem = "https://lodestar.health/fhir/CodeSystem/stratifier";
    public const string StratumSystem = "https://lodestar.health/fhir/CodeSystem/stratum";
    public const string IntervalExtension = "https://lodestar.health/fhir/StructureDefinition/confidence-interval";
    public const string ReferenceExtension = "https://lodestar.health/fhir/StructureDefinition/reference-comparison";
    private const string PopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";
    private const string AbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    public static void Write(MeasureFigures figures, DateTimeOffset generated, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(figures);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var m = figures.Measure;
        json.WriteStartObject();
        json.WriteString("resourceType", "MeasureReport");
        json.WriteString("id", $"{m.Id}-{figures.Period}".Replace("..", "-", StringComparison.Ordinal));
        json.WriteString("status", "complete");
        json.WriteString("type", "summary");
        json.WriteString("measure", MeasureBase + m.Id);
        json.WriteString("date", generated.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));
        json.WriteStartObject("period");
        json.WriteString("start", figures.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("end", figures.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartObject("improvementNotation");
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", "http://terminology.hl7.org/CodeSystem/measure-improvement-notation");
        json.WriteString("code", m.LowerIsBetter ? "decrease" : "increase");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("group");
        json.WriteStartObject();
        json.WriteStartObject("code");
        json.WriteString("text", m.Title);
        json.WriteEndObject();
        var confidence = figures.Options.Confidence;
        IReadOnlyList<string> codes = m.Scoring == Scoring.Continuous
            ? [.. PopulationCodes.Continuous, PopulationCodes.MeasureObservation]
            : PopulationCodes.All;
        var unit = m.Observation is { Aggregate: not AggregateMethod.Count } o ? o.Unit : null;
        WritePopulationsAndScore(json, figures.Group, confidence, codes, unit);
        json.WriteStartArray("stratifier");
        foreach (var stratifier in figures.Stratifiers)
        {
            json.WriteStartObject();
            json.WriteStartArray("code");
            json.WriteStartObject();
            Coding(json, StratifierSystem, stratifier.Id, stratifier.Label);
            json.WriteString("text", stratifier.Label);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("stratum");
            foreach (var stratum in stratifier.Strata)
            {
                json.WriteStartObject();
                json.WriteStartObject("value");
                Coding(json, StratumSystem + "/" + stratifier.Id, stratum.Stratum.Code, stratum.Stratum.Label);
                json.WriteString("text", stratum.Stratum.Label);
                json.WriteEndObject();
                WritePopulationsAndScore(json, stratum, confidence, codes, unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Coding(Utf8JsonWriter json, string system, string code, string display)
    {
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", system);
        json.WriteString("code", code);
        json.WriteString("display", display);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <param name="unit">The UCUM unit of a continuous score (days), written as the measureScore's unit; null for other scores.</param>
    private static void WritePopulationsAndScore(Utf8JsonWriter json, StratumFigures figures, double confidence, IReadOnlyList<string> codes, string? unit)
    {
        json.WriteStartArray("population");
        foreach (var code in codes)
        {
            var p = figures.Populations[code];
            json.WriteStartObject();
            json.WriteStartObject("code");
            json.WriteStartArray("coding");
            json.WriteStartObject();
            json.WriteString("system", PopulationSystem);
            json.WriteString("code", code);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            if (p.IsShown)
            {
                json.WriteNumber("count", p.Value);
            }
            else
            {
                Absent(json, "masked");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (figures.Rate is { } rate)
        {
            json.WriteStartArray("extension");
            json.WriteStartObject();
            json.WriteString("url", IntervalExtension);
            json.WriteStartArray("extension");
            Decimal(json, "level", confidence);
            Decimal(json, "lower", rate.Lower);
            Decimal(json, "upper", rate.Upper);
            json.WriteEndArray();
            json.WriteEndObject();
            if (figures.VersusReference is { } c)
            {
                json.WriteStartObject();
                json.WriteString("url", ReferenceExtension);
                json.WriteStartArray("extension");
                json.WriteStartObject();
                json.WriteString("url", "reference");
                json.WriteString("valueString", c.Reference);
                json.WriteEndObject();
                if (c.Ratio is { } ratio)
                {
                    Decimal(json, "ratio", ratio);
                }
                if (c.RatioLower is { } lo && c.RatioUpper is { } hi)
                {
                    Decimal(json, "ratioLower", lo);
                    Decimal(json, "ratioUpper", hi);
                }
                json.WriteStartObject();
                json.WriteString("url", "nhqdrClass");
                json.WriteString("valueCode", c.Class.ToString().ToLowerInvariant());
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("measureScore");
            json.WriteNumber("value", Math.Round(rate.Value, 6));
            if (unit is not null)
            {
                json.WriteString("unit", unit);
                json.WriteString("system", "http://unitsofmeasure.org");
                json.WriteString("code", unit);
            }
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartObject("measureScore");
            Absent(json, figures.RateWithheld ? "masked" : "not-applicable");
            json.WriteEndObject();
        }
    }

    private static void Decimal(Utf8JsonWriter json, string url, double value)
    {
        json.WriteStartObject();
        json.WriteString("url", url);
        json.WriteNumber("valueDecimal", Math.Round(value, 6));
        json.WriteEndObject();
    }

    private static void Absent(Utf8JsonWriter json, string reason)
    {
        json.WriteStartArray("extension");
        json.WriteStartObject();
        json.WriteString("url", AbsentReason);
        json.WriteString("valueCode", reason);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
