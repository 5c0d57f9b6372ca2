namespace Lodestar.Equity;

/// <summary>One age band of a standard population: its label as it appears in input files and its weight (any scale).</summary>
public readonly record struct StandardBand(string Label, double Weight);
