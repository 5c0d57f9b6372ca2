namespace Lodestar.Geography;

/// <summary>
/// The outcome of resolving an address to a county: the county and how it was found, or
/// <see cref="ResolutionMethod.Unresolved"/> with the reasons, so callers can count and report
/// unresolved patients instead of failing.
/// </summary>
public readonly record struct CountyResolution(County? County, ResolutionMethod Method, string? Problem)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(County))]
    public bool IsResolved => County is not null;

    public static CountyResolution Unresolved(string problem) => new(null, ResolutionMethod.Unresolved, problem);
}
