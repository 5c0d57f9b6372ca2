using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// One element of a FHIRPath collection. Items that come from the resource stay as <see cref="JsonElement"/>s
/// (no copy, no string allocation) until an operator needs their value; computed items carry it inline.
/// <see cref="Type"/> is the FHIR type when the JSON tells us: the suffix of a choice element
/// (<c>valueQuantity</c> → Quantity), which is all <c>ofType()</c> needs without a structure-definition model.
/// </summary>
internal readonly struct Item
{
    public readonly JsonElement Element;
    public readonly string? Text;
    public readonly string? Type;
    public readonly decimal Number;
    public readonly ItemKind Kind;
    public readonly bool Flag;

    private Item(ItemKind kind, JsonElement element, string? text, decimal number, bool flag, string? type)
    {
        Kind = kind;
        Element = element;
        Text = text;
        Number = number;
        Flag = flag;
        Type = type;
    }

    public static Item FromJson(JsonElement element, string? type = null) => new(ItemKind.Json, element, null, 0, false, type);

    public static Item FromString(string text, string? type = null) => new(ItemKind.String, default, text, 0, false, type);

    public static Item FromInteger(decimal value) => new(ItemKind.Integer, default, null, value, false, null);

    public static Item FromDecimal(decimal value) => new(ItemKind.Decimal, default, null, value, false, null);

    public static Item FromBoolean(bool value) => new(ItemKind.Boolean, default, null, 0, value, null);

    public Item WithType(string? type) => new(Kind, Element, Text, Number, Flag, type);

    public bool IsObject => Kind == ItemKind.Json && Element.ValueKind == JsonValueKind.Object;

    /// <summary>The primitive value of a JSON item (string, number, boolean); objects are returned unchanged.</summary>
    public Item ToPrimitive()
    {
        if (Kind != ItemKind.Json)
        {
            return this;
        }
        switch (Element.ValueKind)
        {
            case JsonValueKind.String:
                return FromString(Element.GetString()!, Type);
            case JsonValueKind.True:
                return FromBoolean(true).WithType(Type);
            case JsonValueKind.False:
                return FromBoolean(false).WithType(Type);
            case JsonValueKind.Number:
                var raw = JsonMarshal.GetRawUtf8Value(Element);
                if (!TryParseNumber(raw, out var value))
                {
                    return FromDecimal(Element.TryGetDecimal(out var d) ? d : 0).WithType(Type);
                }
                return (IsIntegerText(raw) ? FromInteger(value) : FromDecimal(value)).WithType(Type);
            default:
                return this;
        }
    }

    public bool IsNumber => Kind is ItemKind.Integer or ItemKind.Decimal;

    /// <summary>A JSON number's value; false when <see cref="Utf8Parser"/> cannot hold it (the caller decides what then).</summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> raw, out decimal value)
    {
        // Utf8Parser keeps the scale ("1.0" stays 1.0), which lowBoundary/highBoundary need.
        if (Utf8Parser.TryParse(raw, out value, out var consumed, 'E') && consumed == raw.Length)
        {
            return true;
        }
        return Utf8Parser.TryParse(raw, out value, out consumed) && consumed == raw.Length;
    }

    /// <summary>A JSON number written without a fraction or exponent is an integer to FHIRPath.</summary>
    internal static bool IsIntegerText(ReadOnlySpan<byte> raw) => raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
}
