using System.Globalization;
using System.Text.RegularExpressions;

namespace Lodestar.Fhir.Reading;

/// <summary>FHIR R4 primitive formats (https://hl7.org/fhir/R4/datatypes.html#primitive): the regexes from the spec, plus a calendar check.</summary>
internal static partial class FhirFormats
{
    public static bool IsDate(string text) => DatePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsDateTime(string text) => DateTimePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsInstant(string text) => InstantPattern().IsMatch(text) && CalendarOk(text);

    /// <summary>FHIR ids: 1 to 64 of A-Z a-z 0-9 - . (R4 datatypes "id").</summary>
    public static bool IsId(string text) => IdPattern().IsMatch(text);

    /// <summary>The regexes accept 2023-02-31; a full date must also exist in the calendar.</summary>
    private static bool CalendarOk(string text) =>
        text.Length < 10 || DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
