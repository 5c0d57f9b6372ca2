namespace Lodestar.Measures.Engine;

/// <summary>What an <see cref="IStratumCounter"/> answers for one measure and period: the group and each stratifier's strata.</summary>
public sealed record StratifiedCounts(PopulationCounts Group, IReadOnlyList<StratifierResult> Stratifiers);
