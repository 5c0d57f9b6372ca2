namespace Lodestar.Fhir.Reading;

/// <summary>
/// 64-bit FNV-1a of "Type/id". Duplicate and reference checks keep hashes, not strings, so they cost ~20 bytes
/// per resource; with 10 million resources the chance of any false collision is about 3 in a million.
/// </summary>
internal static class KeyHash
{
    public static ulong Of(string type, ReadOnlySpan<char> id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in type)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash = (hash ^ '/') * 1099511628211UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
