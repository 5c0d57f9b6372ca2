namespace Lodestar.Equity;

/// <summary>Settings for <see cref="DisparityIndices"/>.</summary>
public sealed record DisparityOptions
{
    public double Confidence { get; init; } = 0.95;

    public Direction Direction { get; init; } = Direction.HigherIsWorse;

    public IdispReference IdispReference { get; init; } = IdispReference.Total;

    public string? IdispReferenceGroup { get; init; }

    /// <summary>
    /// Divide the unweighted index of disparity by J − 1 (the groups compared, leaving out a reference group) instead
    /// of J. Sources differ (Pearcy &amp; Keppel 2002 vs. WHO); the default J reproduces Chesson et al. 2017.
    /// </summary>
    public bool IdispDivideByGroupsCompared { get; init; }

    public SiiInterval SiiInterval { get; init; } = SiiInterval.Analytic;

    /// <summary>Simulation repetitions (PHE default 100,000; minimum 1,000).</summary>
    public int Repetitions { get; init; } = 100_000;

    /// <summary>Seed of the simulation's random source, so results are reproducible.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How the simulation draws values, and (with <see cref="SiiTransform"/>) the scale of the fit.</summary>
    public SiiValueType SiiValueType { get; init; } = SiiValueType.Other;

    /// <summary>
    /// Fit the SII on the log (rates) or logit (proportions) scale and transform the fitted ends back (phe_sii
    /// transform = TRUE, recommended by PHE for rates and proportions). Group SEs stay on the natural scale; they
    /// are carried to the fitted scale by the delta method.
    /// </summary>
    public bool SiiTransform { get; init; }

    /// <summary>The top of the proportion scale (1 for proportions, 100 for percentages) for the logit.</summary>
    public double ProportionScale { get; init; } = 1;
}
