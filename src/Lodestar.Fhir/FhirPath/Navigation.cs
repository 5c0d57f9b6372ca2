using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Child navigation on JSON without a FHIR model. A name that is not a property may be a choice element
/// (FHIR R4 §2.24.0.1 "Choice of Data Types"): <c>value</c> finds <c>valueQuantity</c>, tagged with type Quantity.
/// Arrays flatten into the collection and JSON nulls are dropped, as FHIRPath's collection semantics require.
/// </summary>
internal static class Navigation
{
    /// <summary>FHIR R4 data type names, so a choice suffix resolves to a shared string instead of a new one per row.</summary>
    private static readonly string[] KnownTypes =
    [
        "Boolean", "Integer", "String", "Decimal", "Uri", "Url", "Canonical", "Base64Binary", "Instant", "Date", "DateTime",
        "Time", "Code", "Oid", "Id", "Markdown", "UnsignedInt", "PositiveInt", "Uuid", "Integer64",
        "Address", "Age", "Annotation", "Attachment", "CodeableConcept", "Coding", "ContactPoint", "Count", "Distance",
        "Duration", "HumanName", "Identifier", "Money", "Period", "Quantity", "Range", "Ratio", "Reference", "SampledData",
        "Signature", "Timing", "ContactDetail", "Contributor", "DataRequirement", "Expression", "ParameterDefinition",
        "RelatedArtifact", "TriggerDefinition", "UsageContext", "Dosage", "Meta", "CodeableReference", "RatioRange",
    ];

    private static readonly byte[][] KnownTypesUtf8 = Array.ConvertAll(KnownTypes, Encoding.UTF8.GetBytes);

    public static void Child(in Item item, byte[] nameUtf8, ItemList output)
    {
        if (!item.IsObject)
        {
            return;
        }
        var element = item.Element;
        if (element.TryGetProperty(nameUtf8, out var value))
        {
            AddValue(value, null, output);
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length > nameUtf8.Length && raw.StartsWith(nameUtf8) && IsAsciiUpper(raw[nameUtf8.Length]))
            {
                AddValue(property.Value, TypeName(raw[nameUtf8.Length..]), output);
            }
        }
    }

    public static void AddValue(JsonElement value, string? type, ItemList output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.Null)
                    {
                        output.Add(Item.FromJson(element, type));
                    }
                }
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                output.Add(Item.FromJson(value, type));
                break;
        }
    }

    private static bool IsAsciiUpper(byte b) => b is >= (byte)'A' and <= (byte)'Z';

    internal static string TypeName(ReadOnlySpan<byte> suffix)
    {
        for (var i = 0; i < KnownTypesUtf8.Length; i++)
        {
            if (suffix.SequenceEqual(KnownTypesUtf8[i]))
            {
                return KnownTypes[i];
            }
        }
        return Encoding.UTF8.GetString(suffix);
    }

    /// <summary>
    /// Whether an item is of the FHIR type <paramref name="type"/> (for <c>ofType</c>, <c>is</c>, <c>as</c>).
    /// Choice elements carry their type; other JSON values are judged by their JSON kind, resources by resourceType.
    /// </summary>
    public static bool IsOfType(in Item item, string type)
    {
        var dot = type.LastIndexOf('.');
        if (dot >= 0)
        {
            type = type[(dot + 1)..];
        }
        if (item.Type is not null)
        {
            return string.Equals(item.Type, type, StringComparison.OrdinalIgnoreCase);
        }
        switch (item.Kind)
        {
            case ItemKind.String:
                return IsStringType(type);
            case ItemKind.Integer:
                return type is "integer" or "Integer" or "positiveInt" or "unsignedInt" or "integer64";
            case ItemKind.Decimal:
                return type is "decimal" or "Decimal";
            case ItemKind.Boolean:
                return type is "boolean" or "Boolean";
        }
        switch (item.Element.ValueKind)
        {
            case JsonValueKind.String:
                return IsStringType(type);
            case JsonValueKind.Number:
                return item.ToPrimitive().Kind == ItemKind.Integer
                    ? type is "integer" or "Integer" or "positiveInt" or "unsignedInt" or "integer64" or "decimal"
                    : type is "decimal" or "Decimal";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return type is "boolean" or "Boolean";
            case JsonValueKind.Object:
                if (item.Element.TryGetProperty("resourceType"u8, out var resourceType) && resourceType.ValueKind == JsonValueKind.String)
                {
                    return resourceType.ValueEquals(type) || type is "Resource" or "DomainResource";
                }
                // Without a model a nested object's type is unknown: accept complex type names, reject primitives.
                return type.Length > 0 && char.IsAsciiLetterUpper(type[0]);
            default:
                return false;
        }
    }

    private static bool IsStringType(string type) => type is "string" or "String" or "code" or "id" or "uri" or "url" or "canonical"
        or "oid" or "uuid" or "markdown" or "base64Binary" or "date" or "dateTime" or "time" or "instant" or "xhtml";
}
