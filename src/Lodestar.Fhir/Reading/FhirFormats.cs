using System.Text.RegularExpressions;

namespace Lodestar.Fhir.Reading;

/// <summary>FHIR R4 primitive formats (https://hl7.org/fhir/R4/datatypes.html#primitive): the regexes from the spec, plus a calendar check.</summary>
internal static partial class FhirFormats
{
    public static bool IsDate(ReadOnlySpan<char> text) => DatePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsDateTime(ReadOnlySpan<char> text) => DateTimePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsInstant(ReadOnlySpan<char> text) => InstantPattern().IsMatch(text) && CalendarOk(text);

    /// <summary>FHIR ids: 1 to 64 of A-Z a-z 0-9 - . (R4 datatypes "id").</summary>
    public static bool IsId(string text) => IdPattern().IsMatch(text);

    /// <summary>The regexes accept 2023-02-31; a full date must also exist in the calendar. Called after a regex matched, so the digits are there.</summary>
    private static bool CalendarOk(ReadOnlySpan<char> text)
    {
        if (text.Length < 10)
        {
            return true;
        }
        var year = ((text[0] - '0') * 1000) + ((text[1] - '0') * 100) + ((text[2] - '0') * 10) + (text[3] - '0');
        var month = ((text[5] - '0') * 10) + (text[6] - '0');
        var day = ((text[8] - '0') * 10) + (text[9] - '0');
        return year >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
