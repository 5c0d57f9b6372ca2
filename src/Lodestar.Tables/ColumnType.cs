namespace Lodestar.Tables;

/// <summary>
/// The value types a workspace column can hold. Dates are whole days (FHIR dateTimes keep their
/// written calendar date; measures work at day granularity, as eCQM intervals on dates do).
/// </summary>
public enum ColumnType : byte
{
    String = 1,
    Int64 = 2,
    Double = 3,
    Bool = 4,
    Date = 5,
    /// <summary>A list of strings per row (e.g. every "system|code" of a CodeableConcept).</summary>
    StringList = 6,
}
