namespace Lodestar.Geography;

/// <summary>Which part of an address decided its county, in the order they are tried.</summary>
public enum ResolutionMethod
{
    Unresolved = 0,

    /// <summary>The county name in <c>address.district</c> (with the state, or unique nationally).</summary>
    District = 1,

    /// <summary>The ZIP code (<c>address.postalCode</c>); see <see cref="CountyResolver"/> for ZIPs spanning counties.</summary>
    PostalCode = 2,

    /// <summary>Latitude/longitude inside a Census county boundary (FHIR geolocation extension).</summary>
    Coordinates = 3,
}
