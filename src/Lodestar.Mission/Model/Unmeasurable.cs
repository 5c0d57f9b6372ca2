namespace Lodestar.Mission.Model;

/// <summary>A commitment in the source text that no measure here can follow, and why.</summary>
internal sealed record Unmeasurable(string Quote, string Why);
