namespace Lodestar.Measures.Definitions;

/// <summary>A code in a code system (system URI + code), written "system|code" in tables.</summary>
public readonly record struct Code(string System, string Value, string Display)
{
    public string Key => System + "|" + Value;
}

/// <summary>A named set of codes with the public source and version it was taken from.</summary>
public sealed record ValueSet(string Id, string Title, string Source, IReadOnlyList<Code> Codes)
{
    private readonly HashSet<string> keys = Codes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

    public bool Contains(string systemAndCode) => keys.Contains(systemAndCode);
}
