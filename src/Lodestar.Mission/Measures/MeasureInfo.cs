namespace Lodestar.Mission.Measures;

/// <summary>What a catalog measure is: title, the anchor it follows, its unit and the parameters it takes.</summary>
internal sealed record MeasureInfo(string Title, string Anchor, string Unit, IReadOnlyList<string> Parameters);
