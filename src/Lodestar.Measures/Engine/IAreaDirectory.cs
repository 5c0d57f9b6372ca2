namespace Lodestar.Measures.Engine;

/// <summary>What the engine needs to know about places, supplied by the geography component at the composition root.</summary>
public interface IAreaDirectory
{
    /// <summary>The county's name (e.g. "Hinds County, MS"), or null when the FIPS code is unknown.</summary>
    string? CountyName(string fips);

    /// <summary>USDA Rural–Urban Continuum Code 2023 (1–3 metro, 4–9 nonmetro), or null when unknown.</summary>
    int? Rucc(string fips);
}
