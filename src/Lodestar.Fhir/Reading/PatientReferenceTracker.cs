using System.Collections.Concurrent;
using System.Text.Json;
using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Finds references to patients that never arrive. Patients and references can come in any order (one file per
/// resource type in bulk exports), so the check runs at the end; only references to patients not yet seen are
/// kept, each with its first location and a count, so memory follows the number of missing patients. "First" is by
/// file and line, not by arrival: chunks of one file are read in parallel, and the warning must not depend on timing.
/// </summary>
internal sealed class PatientReferenceTracker
{
    private readonly KeySet patients = new();
    private readonly ConcurrentDictionary<ulong, Pending> pending = new();

    private sealed record Location(string Source, long Line)
    {
        /// <summary>Whether this location comes after the given one (by file, then line).</summary>
        public bool IsAfter(string source, long line)
        {
            var order = ReferenceEquals(source, Source) ? 0 : string.CompareOrdinal(source, Source);
            return order < 0 || (order == 0 && line < Line);
        }
    }

    private sealed class Pending(string key, string source, long line)
    {
        private long count = 1;
        private Location first = new(source, line);

        public string Key { get; } = key;

        public Location First => Volatile.Read(ref first);

        public long Count => Interlocked.Read(ref count);

        /// <summary>One more reference, at this location; the entry keeps the earliest (lock-free: source and line change together).</summary>
        public void Add(string source, long line)
        {
            Interlocked.Increment(ref count);
            for (var seen = First; seen.IsAfter(source, line);)
            {
                var replaced = Interlocked.CompareExchange(ref first, new Location(source, line), seen);
                if (ReferenceEquals(replaced, seen))
                {
                    return;
                }
                seen = replaced;
            }
        }
    }

    public void Observe(in FhirResource resource)
    {
        if (ObservePatient(resource))
        {
            return;
        }
        Reference(resource, "subject"u8);
        Reference(resource, "patient"u8);
        Reference(resource, "beneficiary"u8);
    }

    /// <summary>Records a patient's arrival; false for other types.</summary>
    public bool ObservePatient(in FhirResource resource)
    {
        if (resource.ResourceType != "Patient")
        {
            return false;
        }
        var hash = KeyHash.Of("Patient", resource.Id);
        patients.Add(hash);
        pending.TryRemove(hash, out _);
        return true;
    }

    private void Reference(in FhirResource resource, ReadOnlySpan<byte> field)
    {
        if (!resource.Json.TryGetProperty(field, out var reference)
            || reference.ValueKind != JsonValueKind.Object
            || !reference.TryGetProperty("reference"u8, out var text)
            || text.ValueKind != JsonValueKind.String)
        {
            return;
        }
        ObserveReference(resource, text.GetString()!);
    }

    /// <summary>
    /// <see cref="ObserveReference(in FhirResource, string)"/> of UTF-8 text. The usual reference, "Patient/&lt;id&gt;" in
    /// ASCII, to a patient already seen or already pending, is settled from the bytes (its key's hash is the hash of
    /// those bytes); only the others make a string. Every resource of the other types comes through here.
    /// </summary>
    public void ObserveReference(in FhirResource resource, ReadOnlySpan<byte> value)
    {
        if (value.StartsWith("Patient/"u8) && FhirPath.ReferenceKeys.IsPlainRelative(value) && System.Text.Ascii.IsValid(value)
            && SeenOrCounted(KeyHash.OfAscii(value), resource))
        {
            return;
        }
        ObserveReference(resource, System.Text.Encoding.UTF8.GetString(value));
    }

    /// <summary>One subject/patient/beneficiary reference's text, as read from the resource.</summary>
    public void ObserveReference(in FhirResource resource, string value)
    {
        string? id = null;
        if (value.StartsWith("urn:uuid:", StringComparison.Ordinal))
        {
            id = value[9..]; // Synthea's transaction Bundles point at patients by fullUrl urn:uuid:<id>
        }
        else if (FhirPath.ReferenceKeys.Parse(value) is { } key && key.StartsWith("Patient/", StringComparison.Ordinal))
        {
            id = key[8..];
        }
        if (id is null)
        {
            return;
        }
        var hash = KeyHash.Of("Patient", id);
        if (!SeenOrCounted(hash, resource))
        {
            var line = resource.Line;
            var path = resource.Source.Path;
            pending.AddOrUpdate(hash, _ => new Pending("Patient/" + id, path, line), (_, p) => { p.Add(path, line); return p; });
        }
    }

    /// <summary>
    /// Whether the referenced patient was already seen, or is already pending (then counted once more). Lock-free: every
    /// Observation of a not-yet-seen patient comes through here. A patient arriving between the two checks and a new
    /// pending entry is filtered out in <see cref="Missing"/>.
    /// </summary>
    private bool SeenOrCounted(ulong hash, in FhirResource resource)
    {
        if (patients.Contains(hash))
        {
            return true;
        }
        if (pending.TryGetValue(hash, out var existing))
        {
            existing.Add(resource.Source.Path, resource.Line);
            return true;
        }
        return false;
    }

    /// <summary>One warning per missing patient, at its first reference, ordered by file and line.</summary>
    public IEnumerable<FhirDiagnostic> Missing()
    {
        var missing = pending.Where(p => !patients.Contains(p.Key)).Select(p => p.Value).ToList();
        foreach (var p in missing.OrderBy(p => p.First.Source, StringComparer.Ordinal).ThenBy(p => p.First.Line))
        {
            var times = p.Count == 1 ? "once" : $"{p.Count} times";
            yield return new FhirDiagnostic(
                new Diagnostic(p.First.Source, p.First.Line, "subject", $"references {p.Key} ({times} in the input), which never arrives"),
                FhirDiagnosticKind.Warning,
                null);
        }
    }
}
