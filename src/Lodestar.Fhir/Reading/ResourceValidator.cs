using System.Text.Json;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Decides whether a parsed record is a usable resource: an object with a known R4 resourceType, a valid id,
/// and well-formed dates and decimals in the fields Lodestar's views read. Other fields are not checked:
/// the reader is not a full validator, and strictness elsewhere would reject real EHR data for no gain.
/// </summary>
internal static class ResourceValidator
{
    private static readonly Dictionary<string, FieldRule[]> Rules = new(StringComparer.Ordinal)
    {
        ["Patient"] = [new("birthDate", FieldKind.Date), new("deceasedDateTime", FieldKind.DateTime)],
        ["Encounter"] = [new("period.start", FieldKind.DateTime), new("period.end", FieldKind.DateTime)],
        ["Condition"] =
        [
            new("onsetDateTime", FieldKind.DateTime), new("abatementDateTime", FieldKind.DateTime), new("recordedDate", FieldKind.DateTime),
        ],
        ["Observation"] =
        [
            new("effectiveDateTime", FieldKind.DateTime), new("effectiveInstant", FieldKind.Instant),
            new("effectivePeriod.start", FieldKind.DateTime), new("effectivePeriod.end", FieldKind.DateTime),
            new("issued", FieldKind.Instant), new("valueQuantity.value", FieldKind.Decimal),
            new("component.valueQuantity.value", FieldKind.Decimal),
        ],
        ["Procedure"] =
        [
            new("performedDateTime", FieldKind.DateTime), new("performedPeriod.start", FieldKind.DateTime),
            new("performedPeriod.end", FieldKind.DateTime),
        ],
        ["Immunization"] = [new("occurrenceDateTime", FieldKind.DateTime)],
        ["MedicationRequest"] = [new("authoredOn", FieldKind.DateTime)],
        ["Coverage"] = [new("period.start", FieldKind.DateTime), new("period.end", FieldKind.DateTime)],
    };

    /// <summary>Each type's rules, with the <see cref="TopMembers"/> index of the member each starts from.</summary>
    private static readonly Dictionary<string, (FieldRule Rule, int Top)[]> RulesByType = Rules.ToDictionary(
        r => r.Key, r => r.Value.Select(rule => (rule, TopMembers.IndexOf(rule.Segments[0]))).ToArray(), StringComparer.Ordinal);

    /// <summary>The fields checked on a resource of this type (none for types the views do not read).</summary>
    internal static IReadOnlyList<FieldRule> RulesFor(string resourceType) =>
        Rules.TryGetValue(resourceType, out var rules) ? rules : [];

    /// <summary>The distinct top-level members the rules start from.</summary>
    internal static IEnumerable<byte[]> FirstSegments() =>
        Rules.Values.SelectMany(rules => rules).Select(rule => rule.Segments[0]).DistinctBy(Convert.ToHexString);

    /// <summary>Null when the resource is acceptable; otherwise the field at fault and why.</summary>
    public static (string Field, string Reason)? Check(JsonElement root, out string resourceType, out string id)
    {
        resourceType = "";
        id = "";
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ("", $"not a JSON object but {Describe(root.ValueKind)}");
        }
        var members = Members ??= new TopMembers();
        members.Read(root);
        if (!members.TryGet(TopMembers.ResourceType, out var type))
        {
            return ("resourceType", "missing: every FHIR resource names its resourceType");
        }
        if (type.ValueKind != JsonValueKind.String)
        {
            return ("resourceType", $"must be a string, not {Describe(type.ValueKind)}");
        }
        // The raw bytes match unless the name is written with JSON escapes; then decode it and look again.
        if (!(JsonText.TryGetUnescapedUtf8(type, out var typeUtf8) && ResourceTypes.TryGet(typeUtf8, out resourceType))
            && !ResourceTypes.IsKnown(resourceType = type.GetString()!))
        {
            return ("resourceType", $"'{Truncate(resourceType)}' is not a FHIR R4 resource type");
        }
        if (!members.TryGet(TopMembers.Id, out var idElement))
        {
            return ("id", "missing: a resource needs an id to be joined to others");
        }
        if (idElement.ValueKind != JsonValueKind.String)
        {
            return ("id", $"must be a string, not {Describe(idElement.ValueKind)}");
        }
        id = idElement.GetString()!;
        if (!FhirFormats.IsId(id))
        {
            return ("id", $"'{Truncate(id)}' is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
        }
        if (RulesByType.TryGetValue(resourceType, out var rules))
        {
            foreach (var (rule, index) in rules)
            {
                // What CheckField(root, rule, 0) does, with the top-level member from the one pass instead of a lookup.
                if (members.TryGet(index, out var top) && CheckField(top, rule, 1) is { } reason)
                {
                    return (rule.Path, reason);
                }
            }
        }
        return null;
    }

    /// <summary>One per thread: the reader checks each record on the worker that parsed it.</summary>
    [ThreadStatic]
    private static TopMembers? Members;

    private static string? CheckField(JsonElement element, FieldRule rule, int depth)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (CheckField(item, rule, depth) is { } reason)
                {
                    return reason;
                }
            }
            return null;
        }
        if (depth == rule.Segments.Length)
        {
            return CheckValue(element, rule.Kind);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return depth == 0 ? null : $"expected an object, found {Describe(element.ValueKind)}";
        }
        return element.TryGetProperty(rule.Segments[depth], out var child) ? CheckField(child, rule, depth + 1) : null;
    }

    private static string? CheckValue(JsonElement value, FieldKind kind)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (kind == FieldKind.Decimal)
        {
            return value.ValueKind == JsonValueKind.Number ? null : $"a decimal must be a JSON number, not {Describe(value.ValueKind)}";
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"a {Name(kind)} must be a string, not {Describe(value.ValueKind)}";
        }
        // Dates are short: check them on the stack, and make a string only for the message of a bad one.
        Span<char> buffer = stackalloc char[64];
        ReadOnlySpan<char> text = JsonText.TryGetUnescapedUtf8(value, out var raw) && raw.Length <= buffer.Length
            && System.Text.Unicode.Utf8.ToUtf16(raw, buffer, out _, out var written) == System.Buffers.OperationStatus.Done
            ? buffer[..written]
            : value.GetString();
        var ok = kind switch
        {
            FieldKind.Date => FhirFormats.IsDate(text),
            FieldKind.DateTime => FhirFormats.IsDateTime(text),
            _ => FhirFormats.IsInstant(text),
        };
        return ok ? null : $"'{Truncate(text.ToString())}' is not a valid FHIR {Name(kind)}";
    }

    private static string Name(FieldKind kind) => kind switch
    {
        FieldKind.Date => "date",
        FieldKind.DateTime => "dateTime",
        FieldKind.Instant => "instant",
        _ => "decimal",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
