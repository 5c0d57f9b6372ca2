using S = Lodestar.Measures.Engine.ClinicalSchema;

/// <summary>The columns each measure table contributes to the DuckDB peer: what the catalog's criteria and stratifiers read.</summary>
internal static class ExportColumns
{
    public static readonly (string Table, string[] Columns)[] All =
    [
        (S.Patient, [S.PatientKey, S.BirthDate, S.Gender, S.Deceased, S.DeceasedDate, S.Race, S.Ethnicity, S.CountyFips]),
        (S.Encounter, [S.PatientKey, S.Class, "type_codes", S.Start, S.End]),
        (S.Condition, [S.PatientKey, "codes", S.Onset, S.Abatement, S.VerificationStatus]),
        (S.Observation, [S.PatientKey, "codes", S.Effective, S.Value, S.Unit, S.Systolic, S.Diastolic]),
        (S.Procedure, [S.PatientKey, "codes", S.Performed, S.Status]),
        (S.Immunization, [S.PatientKey, "vaccine_codes", S.Occurrence, S.Status]),
        (S.MedicationRequest, [S.PatientKey, "medication_codes", S.Authored, S.Status]),
        (S.Coverage, [S.PatientKey, S.PayerType, S.PeriodStart, S.PeriodEnd]),
    ];
}
