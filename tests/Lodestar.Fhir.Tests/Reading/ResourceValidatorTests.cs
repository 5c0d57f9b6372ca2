using System.Text.Json;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

/// <summary>
/// The validator reads the top-level members in one forward pass; it must judge a resource exactly as property lookups
/// would, which find a member written with escapes and, for a member given twice, its last value.
/// </summary>
public sealed class ResourceValidatorTests
{
    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1980-02-03"}""", null)]
    [InlineData("""{"id":"p1"}""", "resourceType")]
    [InlineData("""{"resourceType":"Patient"}""", "id")]
    [InlineData("""{"resourceType":"Patient","id":"p 1"}""", "id")]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1980-02-30"}""", "birthDate")]
    // Escaped names are the same members.
    [InlineData("""{"resourceTyp\u0065":"Patient","\u0069d":"p1","birthD\u0061te":"1980-02-30"}""", "birthDate")]
    [InlineData("""{"resourceTyp\u0065":"Patient","\u0069d":"p1"}""", null)]
    // A member given twice counts at its last value: a bad first birthDate is not seen, a bad last one is.
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"bad","birthDate":"1980-02-03"}""", null)]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1980-02-03","birthDate":"bad"}""", "birthDate")]
    [InlineData("""{"resourceType":"Patient","id":"p 1","id":"p1"}""", null)]
    // Nested rules start from the top-level member found in the pass, through arrays.
    [InlineData("""{"resourceType":"Observation","id":"o1","component":[{"valueQuantity":{"value":1}},{"valueQuantity":{"value":"1"}}]}""", "component.valueQuantity.value")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","period":{"start":"2021-01-01T10:00:00Z","end":"yesterday"}}""", "period.end")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","period":[]}""", null)]
    public void Judges_members_as_property_lookups_find_them(string json, string? field)
    {
        using var document = JsonDocument.Parse(json);
        var problem = ResourceValidator.Check(document.RootElement, out _, out _);
        Assert.Equal(field, problem?.Field);
    }

    [Fact]
    public void A_property_lookup_finds_the_last_of_a_member_given_twice()
    {
        // The rule the pass copies: if System.Text.Json changed it, the cases above would no longer mirror lookups.
        using var document = JsonDocument.Parse("""{"birthDate":"first","birthDate":"last"}""");
        Assert.Equal("last", document.RootElement.GetProperty("birthDate").GetString());
    }

    [Fact]
    public void Reports_type_and_id_as_read()
    {
        using var document = JsonDocument.Parse("""{"id":"x1","meta":{},"resourceType":"Coverage"}""");
        Assert.Null(ResourceValidator.Check(document.RootElement, out var type, out var id));
        Assert.Equal(("Coverage", "x1"), (type, id));
    }
}
