using Lodestar.Geography;
using Lodestar.Measures.Engine;

namespace Lodestar.Cli.Composition;

/// <summary>Gives the measure engine county names and rurality from the shipped county registry.</summary>
internal sealed class GeographyAreas(CountyRegistry registry) : IAreaDirectory
{
    public static GeographyAreas Default { get; } = new(CountyRegistry.Default);

    public string? CountyName(string fips) => registry.TryGetCounty(fips, out var c) ? $"{c.Name}, {c.StateAbbreviation}" : null;

    public int? Rucc(string fips) => registry.TryGetCounty(fips, out var c) ? c.RuralUrbanContinuumCode : null;
}
