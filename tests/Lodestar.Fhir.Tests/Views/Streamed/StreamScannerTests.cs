using System.Text;
using System.Text.Json;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Tests.Conformance;
using Lodestar.Fhir.Tests.Views.Compiled;
using Lodestar.Fhir.Views;
using Lodestar.Fhir.Views.Streamed;

namespace Lodestar.Fhir.Tests.Views.Streamed;

/// <summary>
/// The one-pass reader must give exactly the general evaluator's rows on any data, or decline the record (which then
/// takes the JsonDocument path); and it must only accept records the validator accepts, with the same type, id and
/// references. Checked on the shipped views over realistic resources and every single-point corruption of them, and on
/// every view of the conformance suite.
/// </summary>
public sealed class StreamScannerTests
{
    private static readonly string[] OnePassViews = ["condition", "coverage", "encounter", "immunization", "medication_request", "observation", "procedure"];

    [Fact]
    public void Every_shipped_view_without_forEach_gets_a_one_pass_plan()
    {
        foreach (var name in LodestarViews.Names)
        {
            var plan = OnePass.Plan(LodestarViews.Load(name));
            // patient: its address is a forEachOrNull.
            Assert.True(OnePassViews.Contains(name) == plan is not null, name);
        }
    }

    [Fact]
    public void Shipped_views_give_the_general_evaluators_rows_on_realistic_resources_and_read_every_one_of_their_type()
    {
        foreach (var name in OnePassViews)
        {
            var view = LodestarViews.Load(name);
            var (onePass, general, read) = OnePass.Run(view, CompiledViewTests.Resources);
            Assert.Equal(general, onePass);
            var ofType = CompiledViewTests.Resources.Count(r => r.Contains($"\"resourceType\":\"{view.Resource}\"", StringComparison.Ordinal));
            Assert.True(ofType > 0, name);
            Assert.Equal(ofType, read); // none left to the JsonDocument path: the comparison is of the one-pass rows
        }
    }

    [Fact]
    public void Shipped_views_give_the_general_evaluators_rows_or_error_on_every_single_corruption()
    {
        var variants = CompiledViewTests.Resources.SelectMany(CompiledViewTests.Corruptions).ToList();
        Assert.True(variants.Count > 1000, $"{variants.Count} variants");
        var read = 0;
        foreach (var name in OnePassViews)
        {
            var (onePass, general, count) = OnePass.Run(LodestarViews.Load(name), variants);
            Assert.Equal(general, onePass);
            read += count;
        }
        Assert.True(read > 500, $"{read} variants read in one pass"); // the rest declined, and compared through the JsonDocument path
    }

    [Fact]
    public void Only_records_the_validator_accepts_are_read_with_its_type_id_and_references()
    {
        var variants = CompiledViewTests.Resources.SelectMany(r => CompiledViewTests.Corruptions(r).Prepend(r)).ToList();
        var plans = OnePassViews.Select(n => OnePass.Plan(LodestarViews.Load(n))!).ToList();
        var scanner = new StreamScanner(plans);
        var read = 0;
        foreach (var variant in variants)
        {
            if (!scanner.TryRead(Encoding.UTF8.GetBytes(variant)))
            {
                continue;
            }
            read++;
            using var document = JsonDocument.Parse(variant);
            Assert.Null(ResourceValidator.Check(document.RootElement, out var type, out var id));
            Assert.Equal(type, scanner.Plan!.ResourceType);
            Assert.Equal(id, scanner.Id);
            var expected = StreamCompiler.TrackedFields.Select(f => Reference(document.RootElement, f));
            var actual = Enumerable.Range(0, StreamCompiler.TrackedFields.Length).Select(f => TrackedReference(scanner, f));
            Assert.Equal(expected, actual);
        }
        Assert.True(read > 500, $"{read} read");
    }

    private static string? TrackedReference(StreamScanner scanner, int field) =>
        scanner.TryTrackedReference(field, out var utf8) ? Encoding.UTF8.GetString(utf8) : null;

    /// <summary>What the reference check reads: the member as one object, its reference as one string.</summary>
    private static string? Reference(JsonElement resource, string field) =>
        resource.TryGetProperty(field, out var holder) && holder.ValueKind == JsonValueKind.Object
        && holder.TryGetProperty("reference", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    [Theory]
    // Names written with escapes, a member given twice, statusX without status (a choice element to FHIRPath).
    [InlineData("""{"resourceType":"Encounter","\u0069d":"e1","status":"finished"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","st\u0061tus":"finished"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"planned","status":"finished"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","statusHistory":[{"status":"planned"}]}""")]
    // A string with an escape; a nested array; resourceType not first; a bare value beside valueQuantity; another spelling of the type.
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"fin\u0069shed"}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","type":[[{"text":"x"}]]}""")]
    [InlineData("""{"id":"e1","resourceType":"Encounter","status":"finished"}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","value":{"value":1},"valueQuantity":{"value":2}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","valueQUANTITY":{"value":2}}""")]
    // A number where a code is expected; several values in a single-valued column; an object as a string column's value.
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":7}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","class":[{"code":"AMB"},{"code":"EMER"}]}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","serviceProvider":{"display":{"text":"x"}}}""")]
    // Malformed or not what the validator accepts: trailing text, a bad date, a bad id, an unknown type.
    [InlineData("""{"resourceType":"Encounter","id":"e1"} x""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","period":{"start":"2020-13-01"}}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e 1"}""")]
    [InlineData("""{"resourceType":"Encounterx","id":"e1"}""")]
    public void Records_the_pass_cannot_reproduce_are_declined(string resource)
    {
        var plans = OnePassViews.Select(n => OnePass.Plan(LodestarViews.Load(n))!).ToList();
        Assert.False(new StreamScanner(plans).TryRead(Encoding.UTF8.GetBytes(resource)));
        var view = LodestarViews.Load(resource.Contains("Observation", StringComparison.Ordinal) ? "observation" : "encounter");
        if (!resource.EndsWith(" x", StringComparison.Ordinal))
        {
            var (onePass, general, _) = OnePass.Run(view, [resource]);
            Assert.Equal(general, onePass);
        }
    }

    [Theory]
    // Values the pass reads as they are: a decimal's scale, an integer in a decimal column, a urn:uuid and an absolute reference.
    [InlineData("""{"resourceType":"Observation","id":"o1","valueQuantity":{"value":7.10},"component":[{"valueQuantity":{"value":80}},{"valueQuantity":{"value":1e2}}]}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","subject":{"reference":"urn:uuid:p1"},"encounter":{"reference":"https://x.org/fhir/Encounter/e1/_history/3"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Group/g1"},"code":{"coding":[{"code":"a"},{"system":"s"}]}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":120}},{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":130}}]}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","valueBoolean":false,"effectivePeriod":{"start":"2020"},"category":[null,{"coding":[{"code":"a"},null]}]}""")]
    public void Unusual_but_readable_values_give_the_general_evaluators_rows(string resource)
    {
        var (onePass, general, read) = OnePass.Run(LodestarViews.Load("observation"), [resource]);
        Assert.Equal(1, read);
        Assert.Equal(general, onePass);
    }

    /// <summary>Comparisons of collections, chained and nested <c>&amp;</c>, and where/exists over several items.</summary>
    private const string OperandView = """
        {"resourceType":"ViewDefinition","resource":"Patient","select":[{"column":[
          {"name":"same","path":"name.given = name.family","type":"boolean"},
          {"name":"differ","path":"name.given != name.given.first()","type":"boolean"},
          {"name":"joined","path":"name.family.first() & '|' & name.given.first() & '|' & id","type":"string"},
          {"name":"nested","path":"id & ('-' & (name.family.first() & '-'))","type":"string"},
          {"name":"pairs","path":"name.select(family & '|' & given.first())","type":"string","collection":true},
          {"name":"any","path":"name.where(family = 'x' or given = 'y').exists()","type":"boolean"},
          {"name":"all","path":"name.exists(given.exists() and family != 'x')","type":"boolean"},
          {"name":"first_y","path":"name.where(given = 'y').family.first()","type":"string"}
        ]}]}
        """;

    [Theory]
    // No name; one name; a given name as long as many (several values in = and in where criteria, a family name given twice).
    [InlineData("""{"resourceType":"Patient","id":"p1"}""", 1)]
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"family":"x","given":["y"]}]}""", 1)]
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"family":"y","given":["y"]},{"family":"x","given":["a","y"]},{"given":["y"]}]}""", 1)]
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"given":["x","x"]},{"family":"x"}]}""", 1)]
    // Two given names, each operand of & and = taking the first: read in one pass.
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"family":"x","given":["a","b"]}]}""", 1)]
    public void Operands_of_several_values_give_the_general_evaluators_rows_or_error(string resource, int read)
    {
        var (onePass, general, count) = OnePass.Run(ViewDefinition.Parse(OperandView), [resource]);
        Assert.Equal(general, onePass);
        Assert.Equal(read, count);
    }

    [Theory]
    // Several values in an operand of &: the general evaluator's error, so the record is declined; one value is read.
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"given":["a","b"]}]}""", 0)]
    [InlineData("""{"resourceType":"Patient","id":"p1","name":[{"given":["a"]},{}]}""", 1)]
    public void Several_values_in_an_operand_of_concatenation_are_left_to_the_general_evaluator(string resource, int read)
    {
        var view = ViewDefinition.Parse("""
            {"resourceType":"ViewDefinition","resource":"Patient","select":[{"column":[{"name":"g","path":"name.given & '|'","type":"string"}]}]}
            """);
        var (onePass, general, count) = OnePass.Run(view, [resource]);
        Assert.Equal(general, onePass);
        Assert.Equal(read, count);
    }

    [Theory]
    // Each branch of the coverage view's payer type (iif on startsWith of the first PHDSC code), and no code at all.
    [InlineData("\"1\"", 1)]
    [InlineData("\"21\"", 1)]
    [InlineData("\"3\"", 1)]
    [InlineData("\"4\"", 1)]
    [InlineData("\"511\"", 1)]
    [InlineData("\"62\"", 1)]
    [InlineData("\"81\"", 1)]
    [InlineData("\"9\"", 1)]
    [InlineData("\"\"", 1)]
    [InlineData("null", 1)]
    // A number where the code should be: startsWith of its text form is the general evaluator's to give.
    [InlineData("5", 0)]
    public void Every_payer_type_branch_gives_the_general_evaluators_row(string code, int read)
    {
        var resource = $$$"""
            {"resourceType":"Coverage","id":"c1","type":{"coding":[{"system":"x","code":"1"},{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":{{{code}}}},{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":"1"}]}}
            """;
        var (onePass, general, count) = OnePass.Run(LodestarViews.Load("coverage"), [resource]);
        Assert.Equal(general, onePass);
        Assert.Equal(read, count);
    }

    [Fact]
    public void Text_made_past_the_scratch_buffers_first_size_keeps_every_earlier_value()
    {
        // 300 names of 40 bytes: the pairs column alone makes ~13 KB of text, so the 4 KB buffer is replaced twice
        // while the record's earlier cells and operands still point at what was written before.
        var names = string.Join(",", Enumerable.Range(0, 300).Select(i => $$"""{"family":"family-{{i:D4}}-{{new string('f', 25)}}","given":["g{{i}}"]}"""));
        var resource = $$"""{"resourceType":"Patient","id":"p1","name":[{{names}}]}""";
        var (onePass, general, read) = OnePass.Run(ViewDefinition.Parse(OperandView), [resource]);
        Assert.Equal(1, read);
        Assert.Equal(general, onePass);
        Assert.Contains("family-0299-", onePass, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_conformance_view_gives_the_same_rows_or_error_both_ways()
    {
        var plans = 0;
        var read = 0;
        foreach (var file in Directory.GetFiles(ConformanceSuite.Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var resources = document.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetRawText()).ToList();
            foreach (var test in document.RootElement.GetProperty("tests").EnumerateArray())
            {
                ViewDefinition view;
                try
                {
                    view = ViewDefinition.Parse(test.GetProperty("view"), Path.GetFileName(file));
                }
                catch (ViewDefinitionException)
                {
                    continue;
                }
                plans += OnePass.Plan(view) is null ? 0 : 1;
                var (onePass, general, count) = OnePass.Run(view, resources);
                Assert.Equal(general, onePass);
                read += count;
            }
        }
        Assert.True(plans > 20, $"{plans} conformance views with a plan");
        Assert.True(read > 40, $"{read} resources read in one pass");
    }
}
