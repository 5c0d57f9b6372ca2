namespace Lodestar.Synth;

/// <summary>Small JSON fragments every resource writer shares.</summary>
internal static class Fhir
{
    /// <summary>,"name":{"reference":"Patient/p{index}"}</summary>
    public static void PatientReference(JsonLine b, ReadOnlySpan<byte> name, PersonId personId)
    {
        b.Raw(",\""u8);
        b.Raw(name);
        b.Raw("\":{\"reference\":\"Patient/p"u8);
        b.Id(personId);
        b.Raw("\"}"u8);
    }
}
