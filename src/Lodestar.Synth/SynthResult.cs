namespace Lodestar.Synth;

/// <summary>What a run wrote: people, resources per type (bulk-export file name → lines) and bytes.</summary>
public sealed record SynthResult(string OutputDirectory, long People, IReadOnlyDictionary<string, long> Resources, long Bytes);
