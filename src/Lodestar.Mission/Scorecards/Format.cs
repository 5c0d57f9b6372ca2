using System.Globalization;
using Lodestar.Mission.Model;

namespace Lodestar.Mission.Scorecards;

/// <summary>Number and status formatting shared by the HTML, JSON and CSV writers.</summary>
internal static class Format
{
    public static string Value(double v, string unit) => !double.IsFinite(v) ? "–" : unit switch
    {
        "proportion" => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        "count" or "rank" => v.ToString("0", CultureInfo.InvariantCulture),
        "per1000" => v.ToString("0.0", CultureInfo.InvariantCulture),
        _ => v.ToString("0.00", CultureInfo.InvariantCulture),
    };

    public static string Number(double? v) => v is { } d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string StatusCode(GoalStatus s) => s switch
    {
        GoalStatus.OnTrack => "on-track",
        GoalStatus.AtRisk => "at-risk",
        GoalStatus.OffTrack => "off-track",
        _ => "no-data",
    };

    public static string StatusWords(GoalStatus s) => s switch
    {
        GoalStatus.OnTrack => "On track",
        GoalStatus.AtRisk => "At risk",
        GoalStatus.OffTrack => "Off track",
        _ => "No data",
    };

    public static string Direction(GoalDirection d) => d == GoalDirection.HigherIsBetter ? "higher-is-better" : "lower-is-better";
}
