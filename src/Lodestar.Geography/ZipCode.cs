namespace Lodestar.Geography;

/// <summary>
/// One ZIP code's presence in one county (a ZIP that spans several counties has one entry per
/// county). The centroid is the ZIP's, not the part inside this county, and may lie outside it.
/// </summary>
public sealed record ZipCode(string Zip, string CountyFips, string StateAbbreviation, double? Latitude, double? Longitude, string City)
{
    public bool HasCentroid => Latitude.HasValue && Longitude.HasValue;
}
