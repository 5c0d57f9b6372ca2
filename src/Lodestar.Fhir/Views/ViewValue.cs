using System.Globalization;
using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>
/// One cell of a view row. Values read from the resource stay as references into its JSON until asked for,
/// so producing a row allocates nothing for scalar cells read from the record's bytes; numbers are decimals (FHIR
/// decimals are exact). Kept to 32 bytes with two references: rows are written into arrays cell by cell, and a larger
/// cell (it held a FHIRPath item inline, 96 bytes) was copied by the runtime's bulk copy with write barriers, about 3%
/// of an ingest. A cell made from an item holds it boxed.
/// </summary>
public readonly struct ViewValue
{
    /// <summary>A string's unescaped UTF-8 or a number's JSON text, when the cell was read from the record's bytes.</summary>
    private readonly ReadOnlyMemory<byte> utf8;

    /// <summary>The elements of an array cell (<see cref="ViewValue"/>[]), or the boxed <see cref="FhirPath.Item"/> a cell was made from.</summary>
    private readonly object? other;
    private readonly bool fromUtf8;

    /// <summary>A boolean cell's value, when it was not made from an item.</summary>
    private readonly bool flag;

    private ViewValue(ViewValueKind kind, object? other, bool flag)
    {
        Kind = kind;
        this.other = other;
        this.flag = flag;
    }

    /// <summary>
    /// A string (its unescaped UTF-8) or a number (its JSON text, already known to parse) from a view computed in one
    /// pass over the record's bytes, without a JsonDocument; valid while the bytes are (during the sink call).
    /// </summary>
    internal ViewValue(ViewValueKind kind, ReadOnlyMemory<byte> utf8)
    {
        Kind = kind;
        this.utf8 = utf8;
        fromUtf8 = true;
    }

    public ViewValueKind Kind { get; }

    public bool IsNull => Kind == ViewValueKind.Null;

    /// <summary>The elements of an <see cref="ViewValueKind.Array"/> cell (empty for every other kind).</summary>
    public ReadOnlySpan<ViewValue> Items => other as ViewValue[];

    private Item Item => other is Item item ? item : default;

    /// <summary>A string cell's text; for other kinds, their FHIR text form (numbers invariant, true/false, JSON for objects).</summary>
    public string? GetString() => Kind switch
    {
        ViewValueKind.Null => null,
        ViewValueKind.Array => JsonSerializer.Serialize(ToArrayOfStrings()),
        ViewValueKind.Integer or ViewValueKind.Decimal => GetDecimal().ToString(CultureInfo.InvariantCulture),
        _ when fromUtf8 => System.Text.Encoding.UTF8.GetString(utf8.Span),
        ViewValueKind.Boolean when other is null => flag ? "true" : "false",
        _ => Text.Of(Item),
    };

    /// <summary>
    /// For a string cell read straight from the resource and free of JSON escapes: its UTF-8 bytes, valid only while
    /// the resource is (during the sink call). Lets a sink intern repeated text without making a string per cell.
    /// </summary>
    public bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (Kind == ViewValueKind.String && fromUtf8)
        {
            utf8 = this.utf8.Span;
            return true;
        }
        if (Kind == ViewValueKind.String && other is Item { Kind: ItemKind.Json } item)
        {
            return JsonText.TryGetUnescapedUtf8(item.Element, out utf8);
        }
        utf8 = default;
        return false;
    }

    public long GetInt64() => (long)GetDecimal();

    public decimal GetDecimal() => Kind is ViewValueKind.Integer or ViewValueKind.Decimal
        ? (fromUtf8 ? ParsedNumber() : Item.ToPrimitive().Number)
        : throw new InvalidOperationException($"a {Kind} cell is not a number");

    private decimal ParsedNumber() => Item.TryParseNumber(utf8.Span, out var value)
        ? value
        : throw new InvalidOperationException("a number cell was made from text that is not a number");

    public bool GetBoolean() => Kind == ViewValueKind.Boolean
        ? (other is Item item ? item.ToPrimitive().Flag : flag)
        : throw new InvalidOperationException($"a {Kind} cell is not a boolean");

    /// <summary>Writes the value as JSON: strings, numbers, booleans, null, arrays, or the object itself.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case ViewValueKind.Null:
                writer.WriteNullValue();
                break;
            case ViewValueKind.String:
                if (fromUtf8)
                {
                    writer.WriteStringValue(utf8.Span);
                }
                else if (other is Item { Kind: ItemKind.Json, Element.ValueKind: JsonValueKind.String } item)
                {
                    item.Element.WriteTo(writer);
                }
                else
                {
                    writer.WriteStringValue(Text.Of(Item));
                }
                break;
            case ViewValueKind.Integer:
            case ViewValueKind.Decimal:
                writer.WriteNumberValue(GetDecimal());
                break;
            case ViewValueKind.Boolean:
                writer.WriteBooleanValue(GetBoolean());
                break;
            case ViewValueKind.Json:
                Item.Element.WriteTo(writer);
                break;
            case ViewValueKind.Array:
                writer.WriteStartArray();
                foreach (var element in Items)
                {
                    element.WriteTo(writer);
                }
                writer.WriteEndArray();
                break;
        }
    }

    public override string ToString() => GetString() ?? "";

    private string?[] ToArrayOfStrings()
    {
        var items = Items;
        var result = new string?[items.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = items[i].GetString();
        }
        return result;
    }

    internal static ViewValue Null => default;

    /// <summary>Types a value for a column: the declared FHIR type decides integer vs decimal, JSON decides the rest.</summary>
    internal static ViewValue From(in Item item, string? declaredType)
    {
        var kind = item.Kind switch
        {
            ItemKind.String => ViewValueKind.String,
            ItemKind.Integer => ViewValueKind.Integer,
            ItemKind.Decimal => ViewValueKind.Decimal,
            ItemKind.Boolean => ViewValueKind.Boolean,
            _ => item.Element.ValueKind switch
            {
                JsonValueKind.String => ViewValueKind.String,
                JsonValueKind.True or JsonValueKind.False => ViewValueKind.Boolean,
                JsonValueKind.Number => item.ToPrimitive().Kind == ItemKind.Integer ? ViewValueKind.Integer : ViewValueKind.Decimal,
                _ => ViewValueKind.Json,
            },
        };
        if (kind is ViewValueKind.Integer or ViewValueKind.Decimal && declaredType is not null)
        {
            if (declaredType == "decimal")
            {
                kind = ViewValueKind.Decimal;
            }
            else if (declaredType is "string" or "code" or "id" or "uri")
            {
                kind = ViewValueKind.String;
            }
        }
        // A boolean needs no item (and no box): the streamed reader makes one per boolean cell.
        return kind == ViewValueKind.Boolean && item.Kind == ItemKind.Boolean ? new ViewValue(kind, null, item.Flag) : new ViewValue(kind, item, false);
    }

    internal static ViewValue FromArray(ViewValue[] values) => new(ViewValueKind.Array, values, false);

    /// <summary>
    /// The cell a column's values make: an array for a collection column, else null or the one value. False when a
    /// column without "collection": true got several values, which SQL on FHIR v2 does not allow.
    /// </summary>
    internal static bool TryCell(ItemList values, ViewColumn column, out ViewValue cell)
    {
        if (column.Collection)
        {
            var cells = new ViewValue[values.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = From(values[i], column.Type);
            }
            cell = FromArray(cells);
            return true;
        }
        cell = values.Count == 1 ? From(values[0], column.Type) : Null;
        return values.Count <= 1;
    }
}
