namespace Lodestar.Measures.Engine;

/// <summary>
/// The workspace tables and columns the embedded engine reads — what Lodestar's shipped views produce.
/// Codes are "system|code" strings in list columns; dates are whole days; every event table's
/// <c>patient_key</c> (getReferenceKey(Patient)) matches the patient table's <c>patient_key</c> (getResourceKey()).
/// </summary>
public static class ClinicalSchema
{
    public const string Patient = "patient";
    public const string Encounter = "encounter";
    public const string Condition = "condition";
    public const string Observation = "observation";
    public const string Procedure = "procedure";
    public const string Immunization = "immunization";
    public const string MedicationRequest = "medication_request";
    public const string Coverage = "coverage";

    // patient
    public const string Id = "id";
    public const string PatientKey = "patient_key";   // getResourceKey(); event tables hold getReferenceKey(Patient)
    public const string BirthDate = "birth_date";
    public const string Gender = "gender";
    public const string Deceased = "deceased";
    public const string DeceasedDate = "deceased_date_time";
    public const string Race = "race_omb";             // OMB race category codes (urn:oid:2.16.840.1.113883.6.238), list
    public const string Ethnicity = "ethnicity_omb";   // OMB ethnicity code
    public const string Language = "preferred_language";
    public const string CountyFips = "county_fips";    // added at ingest from the address

    // event tables
    public const string Class = "class_code";
    public const string Start = "period_start";
    public const string End = "period_end";
    public const string Onset = "onset_date_time";
    public const string Abatement = "abatement_date_time";
    public const string VerificationStatus = "verification_status";
    public const string Effective = "effective";
    public const string Value = "value_quantity";
    public const string Unit = "value_unit";
    public const string Systolic = "systolic";
    public const string Diastolic = "diastolic";
    public const string Performed = "performed_start";
    public const string Occurrence = "occurrence";
    public const string Authored = "authored_on";
    public const string Status = "status";
    public const string PayerType = "payer_type";
    public const string PeriodStart = "period_start";
    public const string PeriodEnd = "period_end";

    /// <summary>
    /// Whether measures read the column. An event's own id and resource key are unique per row and read by nothing
    /// here, yet at a million patients they are most of a workspace's memory, so the engine opens workspaces without them.
    /// The patient table is kept whole: care gaps and audits name patients.
    /// </summary>
    public static bool IsReadByMeasures(string table, string column) => table == Patient || (column != Id && column != table + "_key");

    /// <summary>The "system|code" list column of each coded table.</summary>
    public static string CodesOf(string table) => table switch
    {
        Encounter => "type_codes",
        Immunization => "vaccine_codes",
        MedicationRequest => "medication_codes",
        _ => "codes",
    };
}
