using System.Globalization;

namespace Lodestar.Fhir.FhirPath;

/// <summary>The string form of a value (FHIRPath §6.4 "toString"): invariant numbers, true/false.</summary>
internal static class Text
{
    public static string Of(in Item item)
    {
        var value = item.ToPrimitive();
        return value.Kind switch
        {
            ItemKind.String => value.Text!,
            ItemKind.Integer or ItemKind.Decimal => value.Number.ToString(CultureInfo.InvariantCulture),
            ItemKind.Boolean => value.Flag ? "true" : "false",
            _ => value.Element.GetRawText(),
        };
    }
}
