using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;

namespace Lodestar.Cli.Composition;

/// <summary>Parses "2025" (one calendar year) or "2021..2025" (one period per year).</summary>
internal static class PeriodOption
{
    public static IReadOnlyList<Period> Parse(string text)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first is >= 1900 and <= 2200 && last >= first && last - first < 50)
        {
            return Enumerable.Range(first, last - first + 1).Select(Period.Year).ToList();
        }
        throw new UserErrorException($"--period '{text}' is not a year or a range of years such as 2025 or 2021..2025");
    }
}
