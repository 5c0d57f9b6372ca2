namespace Lodestar.Fhir.Reading;

/// <summary>A thread-safe set of key hashes, striped over 64 locks so parallel workers rarely wait.</summary>
internal sealed class KeySet
{
    private readonly HashSet<ulong>[] stripes = Enumerable.Range(0, 64).Select(_ => new HashSet<ulong>()).ToArray();

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(ulong key)
    {
        var stripe = stripes[key & 63];
        lock (stripe)
        {
            return stripe.Add(key);
        }
    }

    public bool Contains(ulong key)
    {
        var stripe = stripes[key & 63];
        lock (stripe)
        {
            return stripe.Contains(key);
        }
    }
}
