using System.Text;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

/// <summary>
/// The byte-by-byte checks are a shortcut for the spec's regexes: whatever they call certain, the regexes (and the
/// calendar check) accept; and they are certain of the forms real data has.
/// </summary>
public sealed class FhirFormatsTests
{
    private static readonly string[] Valid =
    [
        "2020", "0001", "1000", "2020-01", "2020-12", "2020-02-29", "2021-02-28", "1999-12-31",
        "2020-01-01T00:00:00Z", "2020-06-15T23:59:60Z", "2020-06-15T10:30:00.123+05:30", "2020-06-15T10:30:00-14:00",
        "2020-06-15T10:30:00+14:00", "2020-06-15T10:30:00.1Z", "2020-06-15T10:30:00+13:59",
    ];

    /// <summary>Each valid value, with every character replaced in turn by each of these, and every prefix and suffix of it.</summary>
    private const string Replacements = "0019:-+TZ.x \n";

    private static IEnumerable<string> Variants()
    {
        foreach (var value in Valid)
        {
            yield return value;
            yield return value + "\n"; // the regexes' $ also matches before a final newline: left to them
            yield return value + "0";
            for (var i = 0; i < value.Length; i++)
            {
                yield return value[..i];
                yield return value[(i + 1)..];
                foreach (var c in Replacements)
                {
                    yield return value[..i] + c + value[(i + 1)..];
                }
            }
        }
        yield return "0000";
        yield return "2021-02-29";
        yield return "2020-04-31";
        yield return "2020-06-15T10:30:00+14:01";
        yield return "2020-06-15T10:30:00.Z";
        yield return "2020-06-15T24:00:00Z";
    }

    [Fact]
    public void What_the_byte_check_is_certain_of_the_regexes_accept()
    {
        var certain = 0;
        foreach (var text in Variants().Distinct())
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            foreach (var (kind, regex) in new (FieldKind, Func<string, bool>)[]
            {
                (FieldKind.Date, t => FhirFormats.IsDate(t)), (FieldKind.DateTime, t => FhirFormats.IsDateTime(t)), (FieldKind.Instant, t => FhirFormats.IsInstant(t)),
            })
            {
                if (FhirFormats.IsCertainly(kind, utf8))
                {
                    certain++;
                    Assert.True(regex(text), $"{kind} '{text}'");
                }
            }
        }
        Assert.True(certain > 100, $"{certain} certain");
    }

    [Theory]
    // Each kind's forms as real data writes them: year, year-month, date, and for dateTime and instant every time form.
    [InlineData("2020", true, true, false)]
    [InlineData("2020-06", true, true, false)]
    [InlineData("2020-06-15", true, true, false)]
    [InlineData("2020-06-15T10:30:00Z", false, true, true)]
    [InlineData("2020-06-15T10:30:00.123-05:00", false, true, true)]
    // Not in the calendar, which the regexes alone accept: the byte check is not certain, and the calendar check rejects it.
    [InlineData("2023-02-31", false, false, false)]
    public void The_byte_check_is_certain_of_the_common_forms(string text, bool date, bool dateTime, bool instant)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Assert.Equal(date, FhirFormats.IsCertainly(FieldKind.Date, utf8));
        Assert.Equal(dateTime, FhirFormats.IsCertainly(FieldKind.DateTime, utf8));
        Assert.Equal(instant, FhirFormats.IsCertainly(FieldKind.Instant, utf8));
        Assert.Equal(date, FhirFormats.IsDate(text));
        Assert.Equal(dateTime, FhirFormats.IsDateTime(text));
        Assert.Equal(instant, FhirFormats.IsInstant(text));
    }

    [Theory]
    [InlineData("p1", true)]
    [InlineData("a-B.9", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Ids_are_checked_without_the_regex_when_every_character_is_allowed(string id, bool valid)
    {
        Assert.Equal(valid, FhirFormats.IsCertainlyId(id));
        Assert.Equal(valid, FhirFormats.IsId(id));
        Assert.False(FhirFormats.IsCertainlyId(new string('a', 65)));
    }
}
