using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>Equality and ordering of single FHIRPath values (spec §6.1 "Equality", §6.2 "Comparison").</summary>
internal static class Values
{
    /// <summary>Whether two single values are equal (<c>=</c>) or equivalent (<c>~</c>: case- and whitespace-insensitive strings).</summary>
    public static bool Equal(in Item left, in Item right, bool equivalent)
    {
        // Hot in views (code = '8480-6', use = 'home'): compare a JSON string with a literal in place, without
        // materializing the string.
        if (!equivalent && left.Kind == ItemKind.Json && right.Kind == ItemKind.String && left.Element.ValueKind == JsonValueKind.String)
        {
            return left.Element.ValueEquals(right.Text);
        }
        if (!equivalent && right.Kind == ItemKind.Json && left.Kind == ItemKind.String && right.Element.ValueKind == JsonValueKind.String)
        {
            return right.Element.ValueEquals(left.Text);
        }
        if (!equivalent && left.Kind == ItemKind.Json && right.Kind == ItemKind.Json
            && left.Element.ValueKind == JsonValueKind.String && right.Element.ValueKind == JsonValueKind.String)
        {
            // Two strings from the resource (union's de-duplication does this a lot): compare the UTF-8 bytes;
            // only escaped text needs decoding to compare.
            var x = JsonMarshal.GetRawUtf8Value(left.Element);
            var y = JsonMarshal.GetRawUtf8Value(right.Element);
            if (x.SequenceEqual(y))
            {
                return true;
            }
            if (x.IndexOf((byte)'\\') < 0 && y.IndexOf((byte)'\\') < 0)
            {
                return false;
            }
        }
        var a = left.ToPrimitive();
        var b = right.ToPrimitive();
        if (a.IsNumber && b.IsNumber)
        {
            return a.Number == b.Number;
        }
        if (a.Kind == ItemKind.String && b.Kind == ItemKind.String)
        {
            return equivalent
                ? string.Equals(Normalize(a.Text!), Normalize(b.Text!), StringComparison.OrdinalIgnoreCase)
                : string.Equals(a.Text, b.Text, StringComparison.Ordinal);
        }
        if (a.Kind == ItemKind.Boolean && b.Kind == ItemKind.Boolean)
        {
            return a.Flag == b.Flag;
        }
        if (a.Kind == ItemKind.Json && b.Kind == ItemKind.Json && a.Element.ValueKind == JsonValueKind.Object && b.Element.ValueKind == JsonValueKind.Object)
        {
            return JsonElement.DeepEquals(a.Element, b.Element);
        }
        return false;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Orders two values; null when they are not comparable (different kinds, or objects).</summary>
    public static int? Compare(in Item left, in Item right)
    {
        var a = left.ToPrimitive();
        var b = right.ToPrimitive();
        if (a.IsNumber && b.IsNumber)
        {
            return a.Number.CompareTo(b.Number);
        }
        if (a.Kind == ItemKind.String && b.Kind == ItemKind.String)
        {
            // Dates and times in FHIR's ISO 8601 forms order correctly as text at equal precision.
            return string.CompareOrdinal(a.Text, b.Text);
        }
        if (a.Kind == ItemKind.Boolean && b.Kind == ItemKind.Boolean)
        {
            return a.Flag.CompareTo(b.Flag);
        }
        return null;
    }
}
