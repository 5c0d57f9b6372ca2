namespace Lodestar.Equity;

/// <summary>Confidence interval for a directly standardised rate.</summary>
public enum DsrMethod
{
    /// <summary>Fay &amp; Feuer 1997 gamma interval (SEER*Stat default; NCHS for small counts). Conservative.</summary>
    FayFeuer,

    /// <summary>Tiwari, Clegg &amp; Zou 2006 modified gamma upper limit (SEER*Stat option). Narrower, nominal coverage.</summary>
    Tiwari,

    /// <summary>Dobson et al. 1991, scaling Poisson limits of the total count (PHEindicatormethods calculate_dsr).</summary>
    Dobson,

    /// <summary>NCHS practice: normal interval R ± z·SE from 100 events, Fay–Feuer gamma below (NVSR technical notes).</summary>
    Nchs,
}
