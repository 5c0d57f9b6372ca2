using System.Text.RegularExpressions;

namespace Lodestar.Fhir.Reading;

/// <summary>FHIR R4 primitive formats (https://hl7.org/fhir/R4/datatypes.html#primitive): the regexes from the spec, plus a calendar check.</summary>
internal static partial class FhirFormats
{
    public static bool IsDate(ReadOnlySpan<char> text) => DatePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsDateTime(ReadOnlySpan<char> text) => DateTimePattern().IsMatch(text) && CalendarOk(text);

    public static bool IsInstant(ReadOnlySpan<char> text) => InstantPattern().IsMatch(text) && CalendarOk(text);

    /// <summary>FHIR ids: 1 to 64 of A-Z a-z 0-9 - . (R4 datatypes "id").</summary>
    public static bool IsId(string text) => IsCertainlyId(text) || IdPattern().IsMatch(text);

    /// <summary>
    /// True when UTF-8 <paramref name="text"/> is certainly of <paramref name="kind"/>'s format (what the regex and the
    /// calendar check accept), checked byte by byte without decoding: the one-pass reader checks every date this way.
    /// False means "not certain": ask <see cref="IsDate"/> and the others, which decide (and treat an odd case such
    /// as a trailing newline as the regex does).
    /// </summary>
    public static bool IsCertainly(FieldKind kind, ReadOnlySpan<byte> text)
    {
        // Year: four digits, not 0000.
        if (kind == FieldKind.Decimal || text.Length < 4 || !Digits(text, 0, 4, out var year) || year == 0)
        {
            return false;
        }
        if (text.Length == 4)
        {
            return kind != FieldKind.Instant;
        }
        if (text.Length < 7 || text[4] != '-' || !Digits(text, 5, 2, out var month) || month is < 1 or > 12)
        {
            return false;
        }
        if (text.Length == 7)
        {
            return kind != FieldKind.Instant;
        }
        if (text.Length < 10 || text[7] != '-' || !Digits(text, 8, 2, out var day) || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        if (text.Length == 10)
        {
            return kind != FieldKind.Instant;
        }
        if (kind == FieldKind.Date || text.Length < 20 || text[10] != 'T'
            || !Digits(text, 11, 2, out var hour) || hour > 23 || text[13] != ':'
            || !Digits(text, 14, 2, out var minute) || minute > 59 || text[16] != ':'
            || !Digits(text, 17, 2, out var second) || second > 60)
        {
            return false;
        }
        var i = 19;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }
            if (i == start || i == text.Length)
            {
                return false;
            }
        }
        if (text[i] == 'Z')
        {
            return i + 1 == text.Length;
        }
        // Zone offset: (0[0-9]|1[0-3]):[0-5][0-9] or 14:00.
        return text[i] is (byte)'+' or (byte)'-' && text.Length - i == 6 && text[i + 3] == ':'
            && Digits(text, i + 1, 2, out var zoneHour) && Digits(text, i + 4, 2, out var zoneMinute)
            && ((zoneHour <= 13 && zoneMinute <= 59) || (zoneHour == 14 && zoneMinute == 0));
    }

    /// <summary>True when <paramref name="text"/> is certainly an id (1 to 64 of A-Z a-z 0-9 - .); false means ask <see cref="IsId"/>.</summary>
    public static bool IsCertainlyId(ReadOnlySpan<char> text)
    {
        if (text.Length is < 1 or > 64)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = (value * 10) + digit;
        }
        return true;
    }

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
