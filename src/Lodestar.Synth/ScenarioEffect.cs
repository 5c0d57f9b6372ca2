namespace Lodestar.Synth;

/// <summary>
/// One planted disparity: for people matching <see cref="Who"/>, the outcome's probability moves by
/// <see cref="Difference"/> (absolute, e.g. −0.08 = 8 points lower) or is multiplied by
/// <see cref="Ratio"/>. Exactly one of the two is set.
/// </summary>
public sealed record ScenarioEffect(string Id, Outcome Outcome, PopulationSelector Who, double? Difference, double? Ratio, string? Description)
{
    internal double Apply(double probability) =>
        Ratio is { } r ? probability * r : probability + Difference.GetValueOrDefault();
}
