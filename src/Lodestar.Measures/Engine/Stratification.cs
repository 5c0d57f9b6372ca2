namespace Lodestar.Measures.Engine;

/// <summary>One stratum of a stratifier: a stable code and a label a reader understands.</summary>
public readonly record struct Stratum(string Code, string Label);

/// <summary>A stratifier evaluated for one period: every patient's stratum index.</summary>
public sealed record Stratification(string Id, string Label, IReadOnlyList<Stratum> Strata, int[] StratumOf);
