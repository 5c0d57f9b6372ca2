using System.Globalization;
using System.Text.RegularExpressions;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// lowBoundary()/highBoundary() (FHIRPath 3.0 §5.7.x, STU): the least and greatest values a value of
/// limited precision could stand for. A decimal is ± half a unit of its last digit (1.0 → 0.95..1.05);
/// a partial date/time is filled to the first/last instant; a dateTime without a zone takes the widest
/// offsets, +14:00 for the low and -12:00 for the high boundary.
/// </summary>
internal static partial class Boundary
{
    public static Item? Compute(in Item input, bool high)
    {
        var value = input.ToPrimitive();
        if (value.Kind == ItemKind.Decimal)
        {
            var scale = value.Number.Scale;
            var half = 5m / Pow10(scale + 1);
            return Item.FromDecimal(high ? value.Number + half : value.Number - half);
        }
        if (value.Kind == ItemKind.Integer)
        {
            return Item.FromDecimal(high ? value.Number + 0.5m : value.Number - 0.5m);
        }
        if (value.Kind != ItemKind.String)
        {
            return null;
        }
        var text = value.Text!;
        var type = input.Type;
        if (string.Equals(type, "Time", StringComparison.OrdinalIgnoreCase) || TimePattern().IsMatch(text))
        {
            return Time(text, high) is { } t ? Item.FromString(t, "time") : null;
        }
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var isDateTime = text.Contains('T', StringComparison.Ordinal)
            || string.Equals(type, "DateTime", StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, "Instant", StringComparison.OrdinalIgnoreCase);
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : high ? 12 : 1;
        var day = match.Groups["d"].Success
            ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture)
            : high ? DateTime.DaysInMonth(year, month) : 1;
        var date = $"{year:D4}-{month:D2}-{day:D2}";
        if (!isDateTime)
        {
            return Item.FromString(date, "date");
        }
        var time = match.Groups["t"].Success ? Time(match.Groups["t"].Value, high) : high ? "23:59:59.999" : "00:00:00.000";
        if (time is null)
        {
            return null;
        }
        var zone = match.Groups["z"].Success ? match.Groups["z"].Value : high ? "-12:00" : "+14:00";
        return Item.FromString($"{date}T{time}{zone}", "dateTime");
    }

    private static string? Time(string text, bool high)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var minutes = match.Groups["mi"].Success ? match.Groups["mi"].Value : high ? "59" : "00";
        var seconds = match.Groups["s"].Success ? match.Groups["s"].Value : high ? "59" : "00";
        var fraction = match.Groups["f"].Success
            ? match.Groups["f"].Value.PadRight(3, high ? '9' : '0')[..3]
            : high ? "999" : "000";
        return $"{match.Groups["h"].Value}:{minutes}:{seconds}.{fraction}";
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2})(T(?<t>[0-9:.]+)?(?<z>Z|[+-]\d{2}:\d{2})?)?)?)?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^(?<h>\d{2})(:(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d+))?)?)?$")]
    private static partial Regex TimePattern();
}
