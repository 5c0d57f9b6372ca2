namespace Lodestar.Fhir.Reading;

/// <summary>
/// 64-bit FNV-1a of "Type/id". Duplicate and reference checks keep hashes, not strings, so they cost ~20 bytes
/// per resource; with 10 million resources the chance of any false collision is about 3 in a million.
/// </summary>
internal static class KeyHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string type, ReadOnlySpan<char> id)
    {
        var hash = Offset;
        foreach (var c in type)
        {
            hash = (hash ^ c) * Prime;
        }
        hash = (hash ^ '/') * Prime;
        foreach (var c in id)
        {
            hash = (hash ^ c) * Prime;
        }
        return hash;
    }

    /// <summary>The hash of a key given whole ("Type/id") in ASCII: the same as <see cref="Of"/> of its type and id.</summary>
    public static ulong OfAscii(ReadOnlySpan<byte> key)
    {
        var hash = Offset;
        foreach (var b in key)
        {
            hash = (hash ^ b) * Prime;
        }
        return hash;
    }
}
