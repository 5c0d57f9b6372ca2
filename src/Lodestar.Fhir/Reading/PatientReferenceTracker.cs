using System.Text.Json;
using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Finds references to patients that never arrive. Patients and references can come in any order (one file per
/// resource type in bulk exports), so the check runs at the end; only references to patients not yet seen are
/// kept, each with its first location and a count, so memory follows the number of missing patients.
/// </summary>
internal sealed class PatientReferenceTracker
{
    private readonly KeySet patients = new();
    private readonly Dictionary<ulong, Pending> pending = [];

    private sealed class Pending(string key, string source, long line)
    {
        public string Key { get; } = key;
        public string Source { get; } = source;
        public long Line { get; } = line;
        public long Count { get; set; } = 1;
    }

    public void Observe(in FhirResource resource)
    {
        if (resource.ResourceType == "Patient")
        {
            var hash = KeyHash.Of("Patient", resource.Id);
            patients.Add(hash);
            lock (pending)
            {
                pending.Remove(hash);
            }
            return;
        }
        Reference(resource, "subject"u8);
        Reference(resource, "patient"u8);
        Reference(resource, "beneficiary"u8);
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
        var value = text.GetString()!;
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
        if (patients.Contains(hash))
        {
            return;
        }
        lock (pending)
        {
            if (pending.TryGetValue(hash, out var existing))
            {
                existing.Count++;
            }
            else if (!patients.Contains(hash))
            {
                pending[hash] = new Pending("Patient/" + id, resource.Source.Path, resource.Line);
            }
        }
    }

    /// <summary>One warning per missing patient, at its first reference, ordered by file and line.</summary>
    public IEnumerable<FhirDiagnostic> Missing()
    {
        List<Pending> missing;
        lock (pending)
        {
            missing = [.. pending.Values];
        }
        foreach (var p in missing.OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            var times = p.Count == 1 ? "once" : $"{p.Count} times";
            yield return new FhirDiagnostic(
                new Diagnostic(p.Source, p.Line, "subject", $"references {p.Key} ({times} in the input), which never arrives"),
                FhirDiagnosticKind.Warning,
                null);
        }
    }
}
