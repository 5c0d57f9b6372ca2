namespace Lodestar.Mission.Synth;

/// <summary>One effect planted in the synthetic mission data, and the measure that should find it.</summary>
public sealed record PlantedEffect(string Id, string Measure, string Description, double Expected);
