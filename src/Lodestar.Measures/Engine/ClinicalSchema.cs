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
    /// The columns measures read, by table: each criterion's codes, dates, values and statuses, every event's
    /// patient reference, and on the patient table what the stratifiers read plus the id that care gaps and audits
    /// name patients by. Both executors read only these (the ClickHouse loader loads only these).
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> ReadColumns = new(StringComparer.Ordinal)
    {
        [Patient] = [Id, PatientKey, BirthDate, Gender, Deceased, DeceasedDate, Race, Ethnicity, Language, CountyFips],
        [Encounter] = [PatientKey, CodesOf(Encounter), Class, Start, End],
        [Condition] = [PatientKey, CodesOf(Condition), Onset, Abatement, VerificationStatus],
        [Observation] = [PatientKey, CodesOf(Observation), Effective, Value, Unit, Systolic, Diastolic],
        [Procedure] = [PatientKey, CodesOf(Procedure), Performed, Status],
        [Immunization] = [PatientKey, CodesOf(Immunization), Occurrence, Status],
        [MedicationRequest] = [PatientKey, CodesOf(MedicationRequest), Authored, Status],
        [Coverage] = [PatientKey, PayerType, PeriodStart, PeriodEnd],
    };

    /// <summary>
    /// Whether measures read the column, so a workspace is opened with only these: the views write many more
    /// (each event's id and encounter reference, displays, systems, observation components) that at a million
    /// patients were three fifths of the opened workspace's memory and are read by no criterion or stratifier.
    /// </summary>
    public static bool IsReadByMeasures(string table, string column) =>
        ReadColumns.TryGetValue(table, out var columns) && columns.Contains(column);

    /// <summary>The "system|code" list column of each coded table.</summary>
    public static string CodesOf(string table) => table switch
    {
        Encounter => "type_codes",
        Immunization => "vaccine_codes",
        MedicationRequest => "medication_codes",
        _ => "codes",
    };
}
