namespace Lodestar.Mission.Model;

/// <summary>A goal in the institution's own words (<paramref name="Quote"/> is verbatim from the source text).</summary>
internal sealed record Goal(string Id, string Title, string Quote, IReadOnlyList<MeasureTarget> Measures);
