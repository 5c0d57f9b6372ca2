namespace Lodestar.Equity;

/// <summary>Which confidence interval to put around a proportion.</summary>
public enum ProportionMethod
{
    /// <summary>Wilson score interval, no continuity correction (the default; PHE and Newcombe's recommendation).</summary>
    Wilson,

    /// <summary>Clopper–Pearson exact interval (NCHS survey-proportion standards use it; conservative).</summary>
    ClopperPearson,
}
