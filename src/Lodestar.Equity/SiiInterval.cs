namespace Lodestar.Equity;

/// <summary>How the limits of the slope and relative indices of inequality are found.</summary>
public enum SiiInterval
{
    /// <summary>
    /// Closed form: the WLS slope is linear in the group values, so with independent normal errors its SE is
    /// √Σ cⱼ² sⱼ²; RII limits by the delta method on the log scale. Not PHE's method, but PHE's simulation converges
    /// to it for untransformed values.
    /// </summary>
    Analytic,

    /// <summary>PHEindicatormethods phe_sii: Monte Carlo redraws of each group's value, refit, order statistics.</summary>
    Simulation,
}
