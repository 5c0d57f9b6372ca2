namespace Lodestar.Synth;

/// <summary>
/// What to generate. The output depends only on these values (no clock, no ambient randomness):
/// the same options give byte-identical files.
/// </summary>
/// <param name="State">USPS code, FIPS or name of a state (or DC).</param>
/// <param name="People">Number of people, drawn with the ages of today's residents at the as-of date (those born during the window enter at birth; some die during it).</param>
/// <param name="FirstYear">First calendar year of history.</param>
/// <param name="LastYear">Last calendar year of history (the final year is the one ground-truth.json tallies).</param>
/// <param name="Seed">Run seed; person i's history depends only on (seed, i).</param>
/// <param name="Scenario">Planted effects and baselines.</param>
/// <param name="AsOf">Nothing is dated after this day; default December 31 of <paramref name="LastYear"/>.</param>
/// <param name="WriteBundles">Also write one FHIR collection Bundle per patient under bundles/.</param>
/// <param name="Threads">Worker threads (0 = one per core); never changes the output.</param>
public sealed record SynthOptions(
    string State,
    long People,
    int FirstYear,
    int LastYear,
    ulong Seed,
    Scenario Scenario,
    DateOnly? AsOf = null,
    bool WriteBundles = false,
    int Threads = 0);
