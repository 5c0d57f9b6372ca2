using System.Diagnostics.CodeAnalysis;

namespace Lodestar.Measures.Engine;

/// <summary>
/// A measure's population member sets, evaluated on first use. When a store counts the strata itself, the
/// sets (one patient row per member) are only needed by care-gap and audit lists, so they are not fetched
/// for a run that prints counts.
/// </summary>
internal sealed class LazyMembers(Func<IReadOnlyDictionary<string, PatientSet>> evaluate) : IReadOnlyDictionary<string, PatientSet>
{
    private readonly Lazy<IReadOnlyDictionary<string, PatientSet>> sets = new(evaluate);

    public PatientSet this[string key] => sets.Value[key];

    public IEnumerable<string> Keys => sets.Value.Keys;

    public IEnumerable<PatientSet> Values => sets.Value.Values;

    public int Count => sets.Value.Count;

    public bool ContainsKey(string key) => sets.Value.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PatientSet value) => sets.Value.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, PatientSet>> GetEnumerator() => sets.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
