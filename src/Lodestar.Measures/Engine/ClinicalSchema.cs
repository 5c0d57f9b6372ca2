namespace Lodestar.Measures.Engine;

/// <summary>
/// The workspace tables and columns the embedded engine reads — what Lodestar's shipped views produce.
/// Codes are "system|code" strings in list columns; dates are whole days; the patient column of an
/// event table holds the Patient id (a "Patient/" prefix is tolerated).
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
    public const string BirthDate = "birth_date";
    public const string Gender = "gender";
    public const string DeceasedDate = "deceased_date";
    public const string Race = "race";             // OMB race category codes (urn:oid:2.16.840.1.113883.6.238), list
    public const string Ethnicity = "ethnicity";   // OMB ethnicity codes, list
    public const string Language = "language";
    public const string CountyFips = "county_fips";

    // event tables
    public const string PatientRef = "patient";
    public const string Codes = "codes";
    public const string Class = "class";
    public const string Start = "start";
    public const string End = "end";
    public const string Onset = "onset";
    public const string Abatement = "abatement";
    public const string VerificationStatus = "verification_status";
    public const string Effective = "effective";
    public const string Value = "value";
    public const string Unit = "unit";
    public const string Systolic = "systolic";
    public const string Diastolic = "diastolic";
    public const string Performed = "performed";
    public const string Occurrence = "occurrence";
    public const string Authored = "authored";
    public const string Status = "status";
    public const string PayerType = "payer_type";
    public const string PeriodStart = "period_start";
    public const string PeriodEnd = "period_end";
}
