using System.Globalization;
using Lodestar.Measures.Engine;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.Measures.Tests;

/// <summary>Hand-built patients whose answers we know, as workspace tables in the shipped views' shape.</summary>
internal sealed class ClinicalFixture
{
    public const string Snomed = "http://snomed.info/sct|";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10-cm|";
    public const string Loinc = "http://loinc.org|";
    public const string Cpt = "http://www.ama-assn.org/go/cpt|";
    public const string Hypertension = Snomed + "59621000";
    public const string Diabetes = Icd10 + "E11.9";
    public const string OfficeVisit = Cpt + "99213";
    public const string BloodPressurePanel = Loinc + "85354-9";
    public const string HbA1c = Loinc + "4548-4";

    private readonly TableBuilder patients = new(S.Patient, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.BirthDate, ColumnType.Date), (S.Gender, ColumnType.String),
        (S.DeceasedDate, ColumnType.Date), (S.Race, ColumnType.StringList), (S.Ethnicity, ColumnType.String),
        (S.Language, ColumnType.String), (S.CountyFips, ColumnType.String)]);

    private readonly TableBuilder encounters = new(S.Encounter, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.Class, ColumnType.String),
        (S.CodesOf(S.Encounter), ColumnType.StringList), (S.Start, ColumnType.Date), (S.End, ColumnType.Date)]);

    private readonly TableBuilder conditions = new(S.Condition, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.CodesOf(S.Condition), ColumnType.StringList),
        (S.Onset, ColumnType.Date), (S.Abatement, ColumnType.Date), (S.VerificationStatus, ColumnType.String)]);

    private readonly TableBuilder observations = new(S.Observation, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.CodesOf(S.Condition), ColumnType.StringList),
        (S.Effective, ColumnType.Date), (S.Value, ColumnType.Double), (S.Unit, ColumnType.String),
        (S.Systolic, ColumnType.Double), (S.Diastolic, ColumnType.Double)]);

    private readonly TableBuilder procedures = new(S.Procedure, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.CodesOf(S.Condition), ColumnType.StringList),
        (S.Performed, ColumnType.Date), (S.Status, ColumnType.String)]);

    private readonly TableBuilder immunizations = new(S.Immunization, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.CodesOf(S.Immunization), ColumnType.StringList),
        (S.Occurrence, ColumnType.Date), (S.Status, ColumnType.String)]);

    private readonly TableBuilder medications = new(S.MedicationRequest, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.CodesOf(S.MedicationRequest), ColumnType.StringList),
        (S.Authored, ColumnType.Date), (S.Status, ColumnType.String)]);

    private readonly TableBuilder coverage = new(S.Coverage, [
        (S.Id, ColumnType.String), (S.PatientKey, ColumnType.String), (S.PayerType, ColumnType.String),
        (S.PeriodStart, ColumnType.Date), (S.PeriodEnd, ColumnType.Date)]);

    private int next;

    public static DateOnly? D(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Row(TableBuilder t, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            switch (t.Columns[i])
            {
                case StringColumnBuilder s: s.Append((string?)values[i]); break;
                case StringListColumnBuilder l: l.Append((IEnumerable<string>?)values[i] ?? []); break;
                case DateColumnBuilder d: d.Append(D((string?)values[i])); break;
                case DoubleColumnBuilder x: x.Append((double?)values[i]); break;
                default: throw new InvalidOperationException();
            }
        }
    }

    public ClinicalFixture Patient(string id, string birth, string gender = "female", string race = "2106-3",
        string ethnicity = "2186-5", string? deceased = null, string language = "en", string? county = "28049")
    {
        Row(patients, id, "Patient/" + id, birth, gender, deceased, new[] { race }, ethnicity, language, county);
        return this;
    }

    /// <param name="open">No end date: a stay not yet discharged.</param>
    public ClinicalFixture Encounter(string patient, string start, string code = OfficeVisit, string cls = "AMB", string? end = null, bool open = false)
    {
        Row(encounters, $"e{next++}", "Patient/" + patient, cls, new[] { code }, start, open ? null : end ?? start);
        return this;
    }

    public ClinicalFixture Condition(string patient, string code, string? onset, string? abatement = null, string? verification = "confirmed")
    {
        Row(conditions, $"c{next++}", "Patient/" + patient, new[] { code }, onset, abatement, verification);
        return this;
    }

    public ClinicalFixture BloodPressure(string patient, string date, double systolic, double diastolic)
    {
        Row(observations, $"o{next++}", "Patient/" + patient, new[] { BloodPressurePanel }, date, null, null, systolic, diastolic);
        return this;
    }

    public ClinicalFixture Lab(string patient, string code, string date, double? value, string? unit)
    {
        Row(observations, $"o{next++}", "Patient/" + patient, new[] { code }, date, value, unit, null, null);
        return this;
    }

    public ClinicalFixture Procedure(string patient, string code, string date, string status = "completed")
    {
        Row(procedures, $"p{next++}", "Patient/" + patient, new[] { code }, date, status);
        return this;
    }

    public ClinicalFixture Immunization(string patient, string cvx, string date, string status = "completed")
    {
        Row(immunizations, $"i{next++}", "Patient/" + patient, new[] { "http://hl7.org/fhir/sid/cvx|" + cvx }, date, status);
        return this;
    }

    public ClinicalFixture Medication(string patient, string rxnorm, string date, string status = "active")
    {
        Row(medications, $"m{next++}", "Patient/" + patient, new[] { "http://www.nlm.nih.gov/research/umls/rxnorm|" + rxnorm }, date, status);
        return this;
    }

    public ClinicalFixture Coverage(string patient, string payer, string? start, string? end)
    {
        Row(coverage, $"v{next++}", "Patient/" + patient, payer, start, end);
        return this;
    }

    public Workspace Build() => Workspace.InMemory([
        patients.Build(), encounters.Build(), conditions.Build(), observations.Build(),
        procedures.Build(), immunizations.Build(), medications.Build(), coverage.Build()]);
}
