namespace Lodestar.Mission.State;

/// <summary>
/// A County Health Rankings 2022 state indicator published by race/ethnicity: the file it is in, the column stem before
/// " (Group)", its unit and whether higher is better.
/// </summary>
internal sealed record EquityIndicator(string Id, string Title, string File, string Column, string Unit, bool HigherIsBetter)
{
    public const string AdditionalFile = "chr2022_additional_measures.csv";
    public const string RankedFile = "chr2022_ranked_measures.csv";

    public static IReadOnlyList<EquityIndicator> All { get; } =
    [
        new("life-expectancy", "Life expectancy", AdditionalFile, "Life expectancy | Life Expectancy", "years", true),
        new("premature-mortality", "Premature age-adjusted mortality (under 75)", AdditionalFile, "Premature age-adjusted mortality | Age-Adjusted Mortality", "per 100,000", false),
        new("ypll", "Years of potential life lost before 75", RankedFile, "Premature death | YPLL Rate", "per 100,000", false),
    ];
}
