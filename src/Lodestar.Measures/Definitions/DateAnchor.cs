using System.Globalization;
using System.Text.RegularExpressions;

namespace Lodestar.Measures.Definitions;

/// <summary>
/// A date given relative to the measurement period: "start", "end", or either with offsets such as
/// "start-27mo" (CMS125's "October 1 two years prior") or "end-1y+1d". Months and years move by
/// calendar, as CQL's date arithmetic does.
/// </summary>
public sealed partial record DateAnchor(bool FromEnd, int Years, int Months, int Days)
{
    public static readonly DateAnchor PeriodStart = new(false, 0, 0, 0);
    public static readonly DateAnchor PeriodEnd = new(true, 0, 0, 0);

    public DateOnly Resolve(Period period)
    {
        var d = FromEnd ? period.End : period.Start;
        return d.AddYears(Years).AddMonths(Months).AddDays(Days);
    }

    public static bool TryParse(string text, out DateAnchor? anchor)
    {
        anchor = null;
        var m = Pattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!m.Success)
        {
            return false;
        }
        int years = 0, months = 0, days = 0;
        foreach (Capture c in m.Groups["off"].Captures)
        {
            var o = OffsetPattern().Match(c.Value);
            var n = int.Parse(o.Groups["n"].Value, CultureInfo.InvariantCulture) * (o.Groups["s"].Value == "-" ? -1 : 1);
            switch (o.Groups["u"].Value)
            {
                case "y": years += n; break;
                case "mo": months += n; break;
                default: days += n; break;
            }
        }
        anchor = new DateAnchor(m.Groups["a"].Value == "end", years, months, days);
        return true;
    }

    public override string ToString()
    {
        var s = FromEnd ? "end" : "start";
        if (Years != 0) { s += Years.ToString("+0;-0", CultureInfo.InvariantCulture) + "y"; }
        if (Months != 0) { s += Months.ToString("+0;-0", CultureInfo.InvariantCulture) + "mo"; }
        if (Days != 0) { s += Days.ToString("+0;-0", CultureInfo.InvariantCulture) + "d"; }
        return s;
    }

    [GeneratedRegex(@"^(?<a>start|end)(?<off>[+-]\d+(y|mo|d))*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<s>[+-])(?<n>\d+)(?<u>y|mo|d)$")]
    private static partial Regex OffsetPattern();
}
