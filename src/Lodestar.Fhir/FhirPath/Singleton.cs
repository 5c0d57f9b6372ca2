namespace Lodestar.Fhir.FhirPath;

/// <summary>FHIRPath singleton evaluation (spec §4.5 "Singleton Evaluation of Collections"): one item, or an error.</summary>
internal static class Singleton
{
    public static Item Get(ItemList values, string operation)
    {
        if (values.Count != 1)
        {
            throw new FhirPathException($"{operation} expects a single value but got {values.Count}");
        }
        return values[0];
    }

    /// <summary>True, false, or null for empty; a non-boolean single value is an error (§4.5: only booleans convert implicitly here).</summary>
    public static bool? GetBoolean(ItemList values, string operation)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var value = Get(values, operation).ToPrimitive();
        if (value.Kind != ItemKind.Boolean)
        {
            throw new FhirPathException($"{operation} expects a boolean");
        }
        return value.Flag;
    }
}
