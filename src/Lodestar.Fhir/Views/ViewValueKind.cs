namespace Lodestar.Fhir.Views;

/// <summary>What a <see cref="ViewValue"/> cell holds. Dates, times and codes are <see cref="String"/>s in FHIR's text form.</summary>
public enum ViewValueKind : byte
{
    Null,
    String,
    Integer,
    Decimal,
    Boolean,
    /// <summary>A collection column's values (<see cref="ViewValue.Items"/>).</summary>
    Array,
    /// <summary>A FHIR complex value (an object, such as a whole Coding); <see cref="ViewValue.GetString"/> gives its JSON.</summary>
    Json,
}
