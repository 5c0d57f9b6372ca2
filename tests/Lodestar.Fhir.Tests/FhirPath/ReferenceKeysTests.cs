using System.Text;
using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Tests.FhirPath;

public sealed class ReferenceKeysTests
{
    [Theory]
    // reference, getReferenceKey(), getReferenceKey(Patient); "-" is empty. Plain "Type/id" takes the byte fast path,
    // every other row the string parser; both must agree with the rules of FHIR R4 §2.3.0.
    [InlineData("Patient/p1", "Patient/p1", "Patient/p1")]
    [InlineData("Encounter/e1", "Encounter/e1", "-")]                                        // type differs
    [InlineData("Pat/p1", "Pat/p1", "-")]                                                    // a prefix of the type is not the type
    [InlineData("Patient/p1/_history/2", "Patient/p1", "Patient/p1")]                         // versioned
    [InlineData("https://x.org/fhir/Patient/p1", "Patient/p1", "Patient/p1")]                 // absolute
    [InlineData("urn:uuid:1234", "-", "Patient/1234")]                                        // transaction Bundle entry
    [InlineData("#contained", "-", "-")]
    [InlineData("Patient?identifier=x", "-", "-")]                                            // conditional reference
    [InlineData("Patient/p?1", "-", "-")]
    [InlineData("patient/p1", "-", "-")]                                                      // not a type name
    [InlineData("Patient/", "-", "-")]
    [InlineData("/p1", "-", "-")]
    [InlineData("Patient/p\\u00e91", "Patient/p\u00e91", "Patient/p\u00e91")]                 // escaped: decoded first
    public void Reference_keys_follow_the_literal_reference_forms(string reference, string untyped, string typed)
    {
        Assert.Equal(untyped, Key(reference, "getReferenceKey()"));
        Assert.Equal(typed, Key(reference, "getReferenceKey(Patient)"));
    }

    [Theory]
    [InlineData("Patient/p1", true)]
    [InlineData("Patient/p-1.x", true)]
    [InlineData("Patient/p1/_history/2", false)]
    [InlineData("https://x.org/Patient/p1", false)]
    [InlineData("urn:uuid:1", false)]
    [InlineData("Patient?x=1", false)]
    [InlineData("Patient/", false)]
    [InlineData("p/1", false)]
    public void A_plain_relative_reference_is_its_own_key(string reference, bool plain)
    {
        Assert.Equal(plain, ReferenceKeys.IsPlainRelative(Encoding.UTF8.GetBytes(reference)));
        if (plain)
        {
            Assert.Equal(reference, ReferenceKeys.Parse(reference));
            Assert.Equal(reference, ReferenceKeys.Parse(reference, "Patient"));
        }
    }

    [Fact]
    public void Resource_keys_are_type_slash_id_also_when_the_json_escapes_them()
    {
        Assert.Equal("Patient/p1", Eval("{\"resourceType\":\"Patient\",\"id\":\"p1\"}", "getResourceKey()"));
        Assert.Equal("Patient/p1", Eval("{\"resourceType\":\"Pati\\u0065nt\",\"id\":\"p\\u0031\"}", "getResourceKey()"));
    }

    private static string Key(string reference, string function) =>
        Eval("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"reference\":\"" + reference + "\"}}", "subject." + function);

    private static string Eval(string resource, string expression)
    {
        var items = FhirPathRunner.Evaluate(resource, expression);
        return items.Length == 0 ? "-" : string.Join(",", items);
    }
}
