namespace Lodestar.Fhir.FhirPath;

/// <summary>Turns a FHIR literal reference (R4 §2.3.0 "Literal references") into the "Type/id" key.</summary>
internal static class ReferenceKeys
{
    /// <summary>
    /// Whether a reference is exactly "Type/id" (one slash, a type starting with an upper-case letter, no query; so no
    /// fragment, urn, absolute URL or history): the form <see cref="Parse"/> returns unchanged, so its key is the text
    /// itself. Decided on the UTF-8 bytes, so the common case needs no string.
    /// </summary>
    public static bool IsPlainRelative(ReadOnlySpan<byte> reference)
    {
        var slash = reference.IndexOf((byte)'/');
        return slash > 0 && slash < reference.Length - 1
            && reference[0] is >= (byte)'A' and <= (byte)'Z'
            && reference[(slash + 1)..].IndexOfAny((byte)'/', (byte)'?') < 0
            && reference[..slash].IndexOf((byte)'?') < 0;
    }

    /// <param name="reference">The Reference.reference text.</param>
    /// <param name="type">The type the caller expects (getReferenceKey(Patient)); lets a urn:uuid reference resolve.</param>
    public static string? Parse(string reference, string? type = null)
    {
        if (reference.Length == 0 || reference[0] == '#' || reference.Contains('?', StringComparison.Ordinal))
        {
            return null; // contained resources have no key of their own; conditional references name no resource
        }
        if (reference.StartsWith("urn:uuid:", StringComparison.Ordinal))
        {
            // Transaction Bundles (Synthea's among them) point at entries by fullUrl urn:uuid:<id>, and those
            // entries carry the same id; with the expected type given, that is the resource's key.
            return type is null ? null : type + "/" + reference[9..];
        }
        if (reference.StartsWith("urn:", StringComparison.Ordinal))
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
        var typeName = path.AsSpan(typeStart, slash - typeStart);
        if (typeName.Length == 0 || !char.IsAsciiLetterUpper(typeName[0]))
        {
            return null;
        }
        return typeStart == 0 ? path : path[typeStart..];
    }
}
