using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Tests.FhirPath;

public sealed class FhirPathTests
{
    private const string Patient =
        "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"active\":true,\"gender\":\"female\",\"name\":[{\"use\":\"official\",\"family\":\"Smith\",\"given\":[\"Ann\",\"Bo\"]},{\"family\":\"Jones\"}]," +
        "\"multipleBirthInteger\":2,\"link\":[{\"other\":{\"reference\":\"https://x.org/fhir/Patient/p1/_history/3\"}}]}";

    private static string Eval(string expression, string resource = Patient) =>
        "[" + string.Join(",", FhirPathRunner.Evaluate(resource, expression)) + "]";

    [Theory]
    // Each row pins one FHIRPath rule the views rely on.
    [InlineData("name.given", "[Ann,Bo]")]                                   // arrays flatten
    [InlineData("Patient.name.family", "[Smith,Jones]")]                     // leading type name
    [InlineData("name[1].family", "[Jones]")]                                // indexer
    [InlineData("name[5].family", "[]")]                                     // out of range is empty
    [InlineData("name.where(use = 'official').family", "[Smith]")]
    [InlineData("name.given.count() + 1", "[3]")]
    [InlineData("multipleBirth.ofType(integer) * 2.5", "[5.0]")]             // choice type by suffix
    [InlineData("7 div 2 = 3 and 7 mod 2 = 1", "[true]")]
    [InlineData("(1 | 2 | 1).count()", "[2]")]                               // union removes duplicates
    [InlineData("{} = 1", "[]")]                                             // empty propagates
    [InlineData("gender = 'male' or active", "[true]")]
    [InlineData("birthDate.exists() implies false", "[true]")]
    [InlineData("name.family.join(' & ')", "[Smith & Jones]")]
    [InlineData("'a' & {} & 'b'", "[ab]")]
    [InlineData("-(2 - 5)", "[3]")]
    [InlineData("gender ~ 'FEMALE'", "[true]")]
    [InlineData("name.family.first().startsWith('Sm')", "[true]")]
    [InlineData("iif(active, 'yes', 'no')", "[yes]")]
    [InlineData("link.other.getReferenceKey(Patient) = getResourceKey()", "[true]")] // absolute, versioned reference
    [InlineData("link.other.getReferenceKey(Group)", "[]")]
    [InlineData("@2020-01.lowBoundary()", "[2020-01-01]")]
    [InlineData("@2020-02.highBoundary()", "[2020-02-29]")]
    [InlineData("2.50.highBoundary()", "[2.505]")]
    [InlineData("name.family.first().upper() + gender.substring(0, 3)", "[SMITHfem]")]
    [InlineData("'2020-05-06'.substring(5).replace('-', '/')", "[05/06]")]
    [InlineData("'42'.toInteger() + '0.5'.toDecimal()", "[42.5]")]
    [InlineData("gender.length()", "[6]")]
    public void Evaluates(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    // first() of a union takes the left operand's first item without building the union; each row pins that the
    // answer is still the union's first item.
    [InlineData("(name.where(use = 'official') | name).first().family", "[Smith]")] // left has items: its first
    [InlineData("(name.where(use = 'home') | name).first().family", "[Smith]")]     // left empty: the right's first
    [InlineData("(name.given | name.family).first()", "[Ann]")]
    [InlineData("(name.suffix | name.prefix).first()", "[]")]                        // both empty
    [InlineData("({} | {} | name.family).first()", "[Smith]")]                       // nested unions fall through in order
    [InlineData("(name.family | 'Smith').first()", "[Smith]")]                       // a duplicate of the first changes nothing
    [InlineData("('b' | 'a' | 'b').first()", "[b]")]
    [InlineData("(1 | 2).first() + (3 | 4).last()", "[5]")]                          // other functions still see the whole union
    public void First_of_a_union_is_the_unions_first_item(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    // & decodes JSON strings on the stack; each row pins that the text is what the string form would give.
    [InlineData("name.given.first() & '|' & name.family.last()", "{\"name\":[{\"given\":[\"Ann\"]},{\"family\":\"Jones\"}]}", "Ann|Jones")]
    [InlineData("gender & '/' & id", "{\"id\":\"p\",\"gender\":\"f\\u00e9\"}", "f\u00e9/p")]                  // escaped: decoded by the string path
    [InlineData("gender & id", "{\"id\":\"p\",\"gender\":\"\u00e9\u00e8\"}", "\u00e9\u00e8p")]                // non-ASCII UTF-8
    [InlineData("gender & {}", "{\"gender\":\"x\"}", "x")]                                                   // empty is ''
    public void Concatenation_joins_the_text_of_json_strings(string expression, string resource, string expected) =>
        Assert.Equal("[" + expected + "]", Eval(expression, resource));

    [Fact]
    public void Concatenation_of_long_json_strings_is_whole()
    {
        // 300 + 300 overflows the 512-character scratch on the second operand, 600 on the first: both fall back to strings.
        var a = new string('a', 300);
        var b = new string('b', 300);
        var c = new string('c', 600);
        var resource = "{\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"c\":\"" + c + "\"}";
        Assert.Equal("[" + a + b + "]", Eval("a & b", resource));
        Assert.Equal("[" + c + "|]", Eval("c & '|'", resource));
    }

    [Fact]
    public void First_of_a_union_leaves_the_right_operand_unevaluated_when_the_left_has_an_item()
    {
        // The right operand would fail (single() over two items); like 'true or X', it is not needed, so it is not run.
        Assert.Equal("[p1]", Eval("(id | name.single()).first()"));
        var e = Assert.Throws<FhirPathException>(() => Eval("(birthDate | name.single()).first()"));
        Assert.Contains("single", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name.", "expected a name")]
    [InlineData("name.nosuch()", "unknown function nosuch()")]
    [InlineData("first(1)", "takes 0")]
    [InlineData("'open", "unterminated string")]
    [InlineData("%x", "%x is not defined")]
    [InlineData("a ? b", "unexpected character")]
    public void Rejects_bad_expressions_at_compile_time(string expression, string message)
    {
        var e = Assert.Throws<FhirPathException>(() => Parser.Parse(expression, new Dictionary<string, Item[]>()));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
