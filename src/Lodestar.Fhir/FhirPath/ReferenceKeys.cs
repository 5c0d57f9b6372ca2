namespace Lodestar.Fhir.FhirPath;

/// <summary>Turns a FHIR literal reference (R4 §2.3.0 "Literal references") into the "Type/id" key.</summary>
internal static class ReferenceKeys
{
    public static string? Parse(string reference)
    {
        if (reference.Length == 0 || reference[0] == '#')
        {
            return null; // contained resources have no key of their own
        }
        if (reference.StartsWith("urn:uuid:", StringComparison.Ordinal) || reference.StartsWith("urn:oid:", StringComparison.Ordinal))
        {
            return null;
        }
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var path = history >= 0 ? reference[..history] : reference;
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || slash == path.Length - 1)
        {
            return null;
        }
        var typeStart = path.LastIndexOf('/', slash - 1) + 1;
        var type = path.AsSpan(typeStart, slash - typeStart);
        if (type.Length == 0 || !char.IsAsciiLetterUpper(type[0]))
        {
            return null;
        }
        return typeStart == 0 ? path : path[typeStart..];
    }
}
