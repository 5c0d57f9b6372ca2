namespace Lodestar.Synth;

/// <summary>Small JSON fragments every resource writer shares.</summary>
internal static class Fhir
{
    /// <summary>,"name":{"reference":"Patient/p{index}"}</summary>
    public static void PatientReference(JsonLine b, ReadOnlySpan<byte> name, long index)
    {
        b.Raw(",\""u8);
        b.Raw(name);
        b.Raw("\":{\"reference\":\"Patient/p"u8);
        b.Long(index);
        b.Raw("\"}"u8);
    }

    /// <summary>,"encounter":{"reference":"Encounter/e{index}-{ordinal}"}</summary>
    public static void EncounterReference(JsonLine b, long index, int ordinal)
    {
        b.Raw(",\"encounter\":{\"reference\":\"Encounter/e"u8);
        b.IdTail(index, ordinal);
        b.Raw("\"}"u8);
    }

    /// <summary>A UCUM quantity with a whole-number value (blood pressures).</summary>
    public static void Quantity(JsonLine b, int value, ReadOnlySpan<byte> unitJson)
    {
        b.Raw(",\"valueQuantity\":{\"value\":"u8);
        b.Long(value);
        UnitAndSystem(b, unitJson);
    }

    /// <summary>A UCUM quantity, the value rounded to <paramref name="decimals"/> places: ,"valueQuantity":{"value":v,"unit":u,"system":UCUM,"code":u}</summary>
    public static void Quantity(JsonLine b, double value, int decimals, ReadOnlySpan<byte> unitJson)
    {
        b.Raw(",\"valueQuantity\":{\"value\":"u8);
        b.Fixed(value, decimals);
        UnitAndSystem(b, unitJson);
    }

    private static void UnitAndSystem(JsonLine b, ReadOnlySpan<byte> unitJson)
    {
        b.Raw(",\"unit\":"u8);
        b.Raw(unitJson);
        b.Raw(",\"system\":\"http://unitsofmeasure.org\",\"code\":"u8);
        b.Raw(unitJson);
        b.Byte((byte)'}');
    }
}
