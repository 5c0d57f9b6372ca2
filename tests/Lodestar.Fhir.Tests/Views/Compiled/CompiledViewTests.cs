using System.Text.Json;
using System.Text.Json.Nodes;
using Lodestar.Fhir.Tests.Conformance;
using Lodestar.Fhir.Views;
using Lodestar.Fhir.Views.Compiled;

namespace Lodestar.Fhir.Tests.Views.Compiled;

/// <summary>
/// The compiled path must give exactly the general evaluator's rows (or error) on any data: shipped views over
/// realistic resources and every single-point corruption of them, and every view of the conformance suite.
/// </summary>
public sealed class CompiledViewTests
{
    // One resource per shipped view's type, in the synthetic generator's shapes, plus the alternatives the views
    // choose between (value[x], onset[x], medication[x], a SOP coverage code, a Period effective time).
    internal static readonly string[] Resources =
    [
        """{"resourceType":"Condition","id":"c0-4","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"problem-list-item"}]}],"code":{"coding":[{"system":"http://snomed.info/sct","code":"195967001","display":"Asthma"},{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J45.909","display":"Unspecified asthma, uncomplicated"}],"text":"Asthma"},"subject":{"reference":"Patient/p0"},"onsetDateTime":"2020-09-01"}""",
        """{"resourceType":"Condition","id":"c2","code":{"text":"Only text"},"subject":{"reference":"https://ehr.example/fhir/Patient/p9/_history/2"},"encounter":{"reference":"urn:uuid:e7"},"onsetPeriod":{"start":"2019-01-02"},"abatementPeriod":{"end":"2020-03-04"},"recordedDate":"2019-01-03"}""",
        """{"resourceType":"Coverage","id":"cov0-0","status":"active","type":{"coding":[{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":"2","display":"MEDICAID"}]},"beneficiary":{"reference":"Patient/p0"},"period":{"start":"2021-01-01"},"payor":[{"display":"Mississippi Medicaid"}]}""",
        """{"resourceType":"Coverage","id":"cov2","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"PUBLICPOL"},{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":"81"}],"text":"Self pay"},"beneficiary":{"reference":"Patient/p2"},"period":{"start":"2021-01-01","end":"2022-01-01"}}""",
        """{"resourceType":"Encounter","id":"e0-0","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB","display":"ambulatory"},"type":[{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213","display":"Office or other outpatient visit, established patient, low MDM"},{"system":"http://snomed.info/sct","code":"185349003","display":"Encounter for check up"}]}],"subject":{"reference":"Patient/p0"},"period":{"start":"2021-01-10T16:00:00Z","end":"2021-01-10T16:20:00Z"},"serviceProvider":{"reference":"Organization/o1","display":"Clinic"}}""",
        """{"resourceType":"Immunization","id":"im0-0","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"08","display":"Hep B, adolescent or pediatric"}]},"patient":{"reference":"Patient/p0"},"occurrenceDateTime":"2015-11-25T16:00:00Z","primarySource":true}""",
        """{"resourceType":"Immunization","id":"im2","status":"completed","vaccineCode":{"text":"flu"},"patient":{"reference":"Patient/p0"},"occurrenceString":"autumn 2015","primarySource":false}""",
        """{"resourceType":"MedicationRequest","id":"m1-0","status":"active","intent":"order","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"314076","display":"lisinopril 10 MG Oral Tablet"}]},"subject":{"reference":"Patient/p1"},"encounter":{"reference":"Encounter/e1-0"},"authoredOn":"2021-03-05T22:30:00Z"}""",
        """{"resourceType":"MedicationRequest","id":"m2","status":"active","intent":"order","medicationReference":{"reference":"Medication/med1"},"subject":{"reference":"Patient/p1"}}""",
        """{"resourceType":"Observation","id":"o1-0","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel with all children optional"}]},"subject":{"reference":"Patient/p1"},"encounter":{"reference":"Encounter/e1-0"},"effectiveDateTime":"2021-03-05T22:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}]},"valueQuantity":{"value":152,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic blood pressure"}]},"valueQuantity":{"value":104,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}""",
        """{"resourceType":"Observation","id":"o2","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}],"text":"HbA1c"},"subject":{"reference":"Patient/p1"},"effectivePeriod":{"start":"2021-03-05"},"valueQuantity":{"value":7.10,"unit":"%"}}""",
        """{"resourceType":"Observation","id":"o3","status":"final","code":{"coding":[{"code":"x"}]},"subject":{"reference":"Patient/p1"},"effectiveInstant":"2021-03-05T22:30:00.000Z","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260385009"}]}}""",
        """{"resourceType":"Observation","id":"o4","status":"final","code":{"coding":[{"system":"urn:s","code":"y"}]},"valueString":"positive","issued":"2021-03-05T22:30:00Z"}""",
        """{"resourceType":"Observation","id":"o5","status":"final","code":{"coding":[{"system":"urn:s","code":"y"}]},"valueBoolean":true}""",
        """{"resourceType":"Procedure","id":"pr5-0","status":"completed","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"45378","display":"Colonoscopy, flexible; diagnostic"},{"system":"http://snomed.info/sct","code":"73761001","display":"Colonoscopy"}]},"subject":{"reference":"Patient/p5"},"performedDateTime":"2017-11-15T15:00:00Z"}""",
        """{"resourceType":"Procedure","id":"pr2","status":"completed","code":{"coding":[{"system":"urn:s","code":"z"}]},"subject":{"reference":"Patient/p5"},"performedPeriod":{"start":"2017-11-15","end":"2017-11-16"}}""",
    ];

    private static readonly string[] CompiledViews = ["condition", "coverage", "encounter", "immunization", "medication_request", "observation", "procedure"];

    [Fact]
    public void Every_shipped_view_but_the_patient_view_is_compiled()
    {
        foreach (var name in LodestarViews.Names)
        {
            var compiled = LodestarViews.Load(name).Compiled;
            if (name == "patient")
            {
                Assert.Null(compiled); // its address is a forEachOrNull, left to the general evaluator
                continue;
            }
            Assert.NotNull(compiled);
            // Only the payer type's iif/startsWith stays with the general evaluator, inside a compiled row.
            Assert.Equal(name == "coverage" ? compiled.Columns.Length - 1 : compiled.Columns.Length, compiled.CompiledCount);
        }
    }

    [Fact]
    public void Shipped_views_give_the_general_evaluators_rows_on_realistic_resources()
    {
        foreach (var name in CompiledViews)
        {
            var view = LodestarViews.Load(name);
            var (compiled, general) = PathComparison.Run(view, Resources);
            Assert.Equal(general, compiled);
            Assert.Contains("[", compiled, StringComparison.Ordinal); // some rows, not two empty outputs
        }
    }

    /// <summary>
    /// Each resource with one node changed at a time: removed, made null, a number, a string, an empty object, or an
    /// array of two copies (several values where one is expected, which the general evaluator rejects).
    /// </summary>
    [Fact]
    public void Shipped_views_give_the_general_evaluators_rows_or_error_on_every_single_corruption()
    {
        var views = CompiledViews.Select(LodestarViews.Load).ToArray();
        var variants = Resources.SelectMany(Corruptions).ToList();
        Assert.True(variants.Count > 1000, $"{variants.Count} variants");
        foreach (var view in views)
        {
            var (compiled, general) = PathComparison.Run(view, variants);
            Assert.Equal(general, compiled);
        }
    }

    [Theory]
    // A member named with a JSON escape, and a member given twice: the compiled pass leaves both to the general evaluator.
    [InlineData("""{"resourceType":"Encounter","\u0069d":"e1","status":"finished"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","st\u0061tus":"finished"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"planned","status":"finished"}""")]
    // No status, but a member that starts with it: a bare name also finds statusX as a choice element.
    [InlineData("""{"resourceType":"Encounter","id":"e1","statusHistory":[{"status":"planned"}]}""")]
    public void Unusual_member_names_give_the_general_evaluators_rows(string resource)
    {
        var (compiled, general) = PathComparison.Run(LodestarViews.Load("encounter"), [resource]);
        Assert.Equal(general, compiled);
    }

    [Fact]
    public void Every_conformance_view_gives_the_same_rows_or_error_both_ways()
    {
        var compiledViews = 0;
        foreach (var file in Directory.GetFiles(ConformanceSuite.Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var resources = document.RootElement.GetProperty("resources");
            foreach (var test in document.RootElement.GetProperty("tests").EnumerateArray())
            {
                ViewDefinition view;
                try
                {
                    view = ViewDefinition.Parse(test.GetProperty("view"), Path.GetFileName(file));
                }
                catch (ViewDefinitionException)
                {
                    continue; // rejected when compiled: neither path runs
                }
                compiledViews += view.Compiled is null ? 0 : 1;
                var (compiled, general) = PathComparison.Run(view, resources);
                Assert.Equal(general, compiled);
            }
        }
        Assert.True(compiledViews > 40, $"{compiledViews} conformance views compiled");
    }

    internal static IEnumerable<string> Corruptions(string resource)
    {
        var root = JsonNode.Parse(resource)!.AsObject();
        var paths = new List<(JsonNode Parent, object Key)>();
        Collect(root, paths);
        JsonNode?[] replacements = [null, JsonValue.Create(7), JsonValue.Create("x"), new JsonObject()];
        for (var i = 0; i < paths.Count; i++)
        {
            yield return Mutate(resource, i, node => Remove(node));
            foreach (var replacement in replacements)
            {
                yield return Mutate(resource, i, node => Replace(node, replacement?.DeepClone()));
            }
            yield return Mutate(resource, i, node => Replace(node, new JsonArray(Current(node)?.DeepClone(), Current(node)?.DeepClone())));
        }
    }

    /// <summary>Every member and array element below the root, except resourceType (which decides whether a view runs).</summary>
    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> paths)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (key != "resourceType" || node.Parent is not null)
                {
                    paths.Add((node, key));
                }
                if (value is not null)
                {
                    Collect(value, paths);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                paths.Add((node, i));
                if (array[i] is { } child)
                {
                    Collect(child, paths);
                }
            }
        }
    }

    private static string Mutate(string resource, int index, Action<(JsonNode Parent, object Key)> change)
    {
        var copy = JsonNode.Parse(resource)!;
        var paths = new List<(JsonNode Parent, object Key)>();
        Collect(copy, paths);
        change(paths[index]);
        return copy.ToJsonString();
    }

    private static JsonNode? Current((JsonNode Parent, object Key) at) =>
        at.Key is string name ? at.Parent.AsObject()[name] : at.Parent.AsArray()[(int)at.Key];

    private static void Remove((JsonNode Parent, object Key) at)
    {
        if (at.Key is string name)
        {
            at.Parent.AsObject().Remove(name);
        }
        else
        {
            at.Parent.AsArray().RemoveAt((int)at.Key);
        }
    }

    private static void Replace((JsonNode Parent, object Key) at, JsonNode? value)
    {
        if (at.Key is string name)
        {
            at.Parent.AsObject()[name] = value;
        }
        else
        {
            at.Parent.AsArray()[(int)at.Key] = value;
        }
    }
}
