using System.Text;
using System.Text.Json;

namespace Lodestar.Synth;

/// <summary>
/// Writes each FHIR R4 resource as one NDJSON line. Field order is fixed, ids are derived from the
/// person index (Patient p{i}, Encounter e{i}-{n}, …) so references need no lookup, and every
/// constant part is pre-encoded UTF-8.
/// </summary>
internal static class ResourceWriter
{
    private static readonly byte[][] RaceExtensions = PersonDetails.RaceVariants.Select(v => Utf8(RaceJson(v.Codes, v.Detailed, v.Text))).ToArray();

    private static readonly byte[] Hispanic = Utf8(EthnicityJson("2135-2", "Hispanic or Latino"));

    private static readonly byte[] NotHispanic = Utf8(EthnicityJson("2186-5", "Not Hispanic or Latino"));

    private static readonly Dictionary<string, byte[]> Communications =
        new[] { "en", "es", "vi", "zh", "ko", "tl", "nv" }.ToDictionary(c => c, c => Utf8(
            $"\"communication\":[{{\"language\":{{\"coding\":[{{\"system\":\"urn:ietf:bcp:47\",\"code\":\"{c}\",\"display\":\"{PersonDetails.LanguageName(c)}\"}}],\"text\":\"{PersonDetails.LanguageName(c)}\"}},\"preferred\":true}}]"), StringComparer.Ordinal);

    public static void Patient(BatchOutput output, ref Rng rng, in PersonTraits person, DateOnly? death)
    {
        var id = output.PersonId;
        var b = output.Begin(ResourceKind.Patient);
        b.Raw("{\"resourceType\":\"Patient\",\"id\":\"p"u8);
        b.Id(id);
        b.Raw("\",\"meta\":{\"profile\":[\"http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient\"]},\"extension\":["u8);
        b.Raw(RaceExtensions[PersonDetails.Race(ref rng, person.Group)]);
        b.Byte((byte)',');
        b.Raw(person.Group == Geography.OmbGroup.Hispanic ? Hispanic : NotHispanic);
        b.Raw("],\"identifier\":[{\"system\":\"urn:lodestar:synth:patient\",\"value\":\"p"u8);
        b.Id(id);
        var (family, given) = PersonDetails.Name(ref rng, person.Female);
        b.Raw("\"}],\"name\":[{\"use\":\"official\",\"family\":"u8);
        b.String(family);
        b.Raw(",\"given\":["u8);
        b.String(given);
        b.Raw("]}],\"gender\":"u8);
        b.Raw(person.Female ? "\"female\",\"birthDate\":"u8 : "\"male\",\"birthDate\":"u8);
        b.Date(person.BirthDate);
        if (death is { } d)
        {
            b.Raw(",\"deceasedDateTime\":"u8);
            b.DateTime(d.ToDateTime(new TimeOnly(rng.Between(0, 23), rng.Next(60))));
        }
        b.Raw(",\"address\":[{"u8);
        if (double.IsFinite(person.Latitude) && double.IsFinite(person.Longitude))
        {
            b.Raw("\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/geolocation\",\"extension\":[{\"url\":\"latitude\",\"valueDecimal\":"u8);
            b.Fixed(person.Latitude, 5);
            b.Raw("},{\"url\":\"longitude\",\"valueDecimal\":"u8);
            b.Fixed(person.Longitude, 5);
            b.Raw("}]}],"u8);
        }
        b.Raw("\"use\":\"home\""u8);
        if (person.City.Length > 0)
        {
            b.Raw(",\"city\":"u8);
            b.String(person.City);
        }
        b.Raw(",\"district\":"u8);
        b.String(person.County.Name);
        b.Raw(",\"state\":"u8);
        b.String(person.County.StateAbbreviation);
        if (person.Zip.Length > 0)
        {
            b.Raw(",\"postalCode\":"u8);
            b.String(person.Zip);
        }
        b.Raw(",\"country\":\"US\"}],"u8);
        b.Raw(Communications[person.Language]);
        output.End(ResourceKind.Patient);
    }

    public static void Coverage(BatchOutput output, int ordinal, string stateName, ClinicalCode payer, DateOnly start, DateOnly? end)
    {
        var b = output.Begin(ResourceKind.Coverage);
        b.Raw("{\"resourceType\":\"Coverage\",\"id\":\"cov"u8);
        b.IdTail(output.PersonId, ordinal);
        b.Raw("\",\"status\":\"active\",\"type\":"u8);
        b.Raw(payer.ConceptJson);
        Fhir.PatientReference(b, "beneficiary"u8, output.PersonId);
        b.Raw(",\"period\":{\"start\":"u8);
        b.Date(start);
        if (end is { } e)
        {
            b.Raw(",\"end\":"u8);
            b.Date(e);
        }
        b.Raw("},\"payor\":[{\"display\":"u8);
        b.String(payer == Codes.SelfPay ? "Self-pay" : payer == Codes.Medicaid ? stateName + " Medicaid"
            : payer == Codes.Medicare ? "Medicare" : "Private health insurance");
        b.Raw("}]"u8);
        output.End(ResourceKind.Coverage);
    }

    public static void Condition(BatchOutput output, int ordinal, ClinicalCode snomed, ClinicalCode icd, string text, DateOnly onset, DateOnly? abatement)
    {
        var b = output.Begin(ResourceKind.Condition);
        b.Raw("{\"resourceType\":\"Condition\",\"id\":\"c"u8);
        b.IdTail(output.PersonId, ordinal);
        b.Raw(abatement is null
            ? "\",\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]}"u8
            : "\",\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"resolved\"}]}"u8);
        b.Raw(",\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"problem-list-item\"}]}],\"code\":{\"coding\":["u8);
        b.Raw(snomed.CodingJson);
        b.Byte((byte)',');
        b.Raw(icd.CodingJson);
        b.Raw("],\"text\":"u8);
        b.String(text);
        b.Byte((byte)'}');
        Fhir.PatientReference(b, "subject"u8, output.PersonId);
        b.Raw(",\"onsetDateTime\":"u8);
        b.Date(onset);
        if (abatement is { } a)
        {
            b.Raw(",\"abatementDateTime\":"u8);
            b.Date(a);
        }
        output.End(ResourceKind.Condition);
    }

    public static void Encounter(BatchOutput output, int ordinal, in Visit visit, DateTime end)
    {
        var id = output.PersonId;
        var b = output.Begin(ResourceKind.Encounter);
        b.Raw("{\"resourceType\":\"Encounter\",\"id\":\"e"u8);
        b.IdTail(id, ordinal);
        var type = visit.Type;
        b.Raw(type.Head);
        b.Id(id);
        b.Raw("\"},\"period\":{\"start\":"u8);
        b.DateTime(visit.Start);
        b.Raw(",\"end\":"u8);
        b.DateTime(end < visit.Start ? visit.Start : end);
        b.Raw(visit.Readmission ? type.ReadmissionTail : type.Tail);
        output.End(ResourceKind.Encounter);
    }

    /// <summary>Everything of an Observation up to its value: id, category, code, subject, encounter and time.</summary>
    private static JsonLine BeginObservation(BatchOutput output, int ordinal, int encounter, DateTime when, byte[] head)
    {
        var id = output.PersonId;
        var b = output.Begin(ResourceKind.Observation);
        b.Raw("{\"resourceType\":\"Observation\",\"id\":\"o"u8);
        b.IdTail(id, ordinal);
        b.Raw(head);
        b.Id(id);
        b.Raw("\"},\"encounter\":{\"reference\":\"Encounter/e"u8);
        b.IdTail(id, encounter);
        b.Raw("\"},\"effectiveDateTime\":"u8);
        b.DateTime(when);
        return b;
    }

    public static void BloodPressure(BatchOutput output, int ordinal, int encounter, DateTime when, int systolic, int diastolic)
    {
        var b = BeginObservation(output, ordinal, encounter, when, BloodPressureHead);
        b.Raw(SystolicValue);
        b.Long(systolic);
        b.Raw(DiastolicValue);
        b.Long(diastolic);
        b.Raw(BloodPressureTail);
        output.End(ResourceKind.Observation);
    }

    /// <summary>HbA1c in % (NGSP), or now and then in mmol/mol (IFCC = (NGSP − 2.15) × 10.929) as some labs report it.</summary>
    public static void A1c(BatchOutput output, int ordinal, int encounter, DateTime when, double percent, bool ifcc)
    {
        var b = BeginObservation(output, ordinal, encounter, when, A1cHead);
        b.Raw(QuantityValue);
        if (ifcc)
        {
            b.Fixed((percent - 2.15) * 10.929, 0);
            b.Raw(MmolPerMolUnit);
        }
        else
        {
            b.Fixed(percent, 1);
            b.Raw(PercentUnit);
        }
        output.End(ResourceKind.Observation);
    }

    /// <summary>A PHQ-9 total score (0–27) under the adult or adolescent depression screening code CMS2 names.</summary>
    public static void DepressionScreening(BatchOutput output, int ordinal, int encounter, DateTime when, bool adult, int score)
    {
        var b = BeginObservation(output, ordinal, encounter, when, adult ? AdultScreeningHead : AdolescentScreeningHead);
        b.Raw(QuantityValue);
        b.Long(score);
        b.Raw(ScoreUnit);
        output.End(ResourceKind.Observation);
    }

    public static void Bmi(BatchOutput output, int ordinal, int encounter, DateTime when, double bmi)
    {
        var b = BeginObservation(output, ordinal, encounter, when, BmiHead);
        b.Raw(QuantityValue);
        b.Fixed(bmi, 1);
        b.Raw(BmiUnit);
        output.End(ResourceKind.Observation);
    }

    public static void Medication(BatchOutput output, int ordinal, int encounter, DateTime when, ClinicalCode drug)
    {
        var id = output.PersonId;
        var b = output.Begin(ResourceKind.MedicationRequest);
        b.Raw("{\"resourceType\":\"MedicationRequest\",\"id\":\"m"u8);
        b.IdTail(id, ordinal);
        b.Raw("\",\"status\":\"active\",\"intent\":\"order\",\"medicationCodeableConcept\":"u8);
        b.Raw(drug.ConceptJson);
        Fhir.PatientReference(b, "subject"u8, id);
        b.Raw(",\"encounter\":{\"reference\":\"Encounter/e"u8);
        b.IdTail(id, encounter);
        b.Raw("\"},\"authoredOn\":"u8);
        b.DateTime(when);
        output.End(ResourceKind.MedicationRequest);
    }

    public static void Procedures(BatchOutput output, List<DatedCode> procedures)
    {
        var id = output.PersonId;
        for (var i = 0; i < procedures.Count; i++)
        {
            var p = procedures[i];
            var b = output.Begin(ResourceKind.Procedure);
            b.Raw("{\"resourceType\":\"Procedure\",\"id\":\"pr"u8);
            b.IdTail(id, i);
            b.Raw("\",\"status\":\"completed\",\"code\":{\"coding\":["u8);
            b.Raw(p.Code.CodingJson);
            if (p.Second is not null)
            {
                b.Byte((byte)',');
                b.Raw(p.Second.CodingJson);
            }
            b.Raw("]}"u8);
            Fhir.PatientReference(b, "subject"u8, id);
            b.Raw(",\"performedDateTime\":"u8);
            b.DateTime(p.Date.ToDateTime(new TimeOnly(15, 0)));
            output.End(ResourceKind.Procedure);
        }
    }

    public static void Immunizations(BatchOutput output, List<DatedCode> immunizations)
    {
        var id = output.PersonId;
        for (var i = 0; i < immunizations.Count; i++)
        {
            var im = immunizations[i];
            var b = output.Begin(ResourceKind.Immunization);
            b.Raw("{\"resourceType\":\"Immunization\",\"id\":\"im"u8);
            b.IdTail(id, i);
            if (VaccineHeads.TryGetValue(im.Code, out var head))
            {
                b.Raw(head);
            }
            else
            {
                b.Raw(VaccineHead(im.Code));
            }
            b.Id(id);
            b.Raw("\"},\"occurrenceDateTime\":"u8);
            b.DateTime(im.Date.ToDateTime(new TimeOnly(16, 0)));
            b.Raw(",\"primarySource\":true"u8);
            output.End(ResourceKind.Immunization);
        }
    }

    // Pre-encoded runs between an observation's holes, one per kind of observation (see BeginObservation).
    private static readonly byte[] BloodPressureHead = ObservationHead("vital-signs"u8, Codes.BloodPressurePanel);
    private static readonly byte[] A1cHead = ObservationHead("laboratory"u8, Codes.HbA1c);
    private static readonly byte[] BmiHead = ObservationHead("vital-signs"u8, Codes.Bmi);
    private static readonly byte[] AdultScreeningHead = ObservationHead("survey"u8, Codes.AdultDepressionScreening);
    private static readonly byte[] AdolescentScreeningHead = ObservationHead("survey"u8, Codes.AdolescentDepressionScreening);
    private static readonly byte[] QuantityValue = [.. ",\"valueQuantity\":{\"value\":"u8];
    private static readonly byte[] SystolicValue = [.. ",\"component\":[{\"code\":"u8, .. Codes.Systolic.ConceptJson, .. QuantityValue];
    private static readonly byte[] DiastolicValue = [.. UcumUnit("\"mm[Hg]\""u8), .. "},{\"code\":"u8, .. Codes.Diastolic.ConceptJson, .. QuantityValue];
    private static readonly byte[] BloodPressureTail = [.. UcumUnit("\"mm[Hg]\""u8), .. "}]"u8];
    private static readonly byte[] PercentUnit = UcumUnit("\"%\""u8);
    private static readonly byte[] MmolPerMolUnit = UcumUnit("\"mmol/mol\""u8);
    private static readonly byte[] BmiUnit = UcumUnit("\"kg/m2\""u8);
    private static readonly byte[] ScoreUnit = UcumUnit("\"{score}\""u8);

    // Every vaccine the schedules give; another code still works, through VaccineHead each time.
    private static readonly Dictionary<ClinicalCode, byte[]> VaccineHeads = Codes.Vaccines.ToDictionary(c => c, VaccineHead);

    /// <summary>From the end of an Observation's id to its subject's patient number.</summary>
    private static byte[] ObservationHead(ReadOnlySpan<byte> category, ClinicalCode code) =>
        [.. "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\""u8,
            .. category, .. "\"}]}],\"code\":"u8, .. code.ConceptJson, .. ",\"subject\":{\"reference\":\"Patient/p"u8];

    /// <summary>After a quantity's value: its UCUM unit as unit and code, closing the quantity.</summary>
    private static byte[] UcumUnit(ReadOnlySpan<byte> unitJson) =>
        [.. ",\"unit\":"u8, .. unitJson, .. ",\"system\":\"http://unitsofmeasure.org\",\"code\":"u8, .. unitJson, .. "}"u8];

    /// <summary>From the end of an Immunization's id to its patient's number.</summary>
    private static byte[] VaccineHead(ClinicalCode vaccine) =>
        [.. "\",\"status\":\"completed\",\"vaccineCode\":"u8, .. vaccine.ConceptJson, .. ",\"patient\":{\"reference\":\"Patient/p"u8];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string RaceJson(string[] codes, string[] detailed, string text)
    {
        var parts = codes.Select(c => RaceCoding("ombCategory", c))
            .Concat(detailed.Select(c => RaceCoding("detailed", c)))
            .Append($"{{\"url\":\"text\",\"valueString\":{JsonSerializer.Serialize(text)}}}");
        return $"{{\"url\":\"http://hl7.org/fhir/us/core/StructureDefinition/us-core-race\",\"extension\":[{string.Join(",", parts)}]}}";
    }

    private static string RaceCoding(string url, string code) =>
        $"{{\"url\":\"{url}\",\"valueCoding\":{{\"system\":\"urn:oid:2.16.840.1.113883.6.238\",\"code\":\"{code}\",\"display\":{JsonSerializer.Serialize(PersonDetails.RaceDisplay(code))}}}}}";

    private static string EthnicityJson(string code, string text) =>
        $"{{\"url\":\"http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity\",\"extension\":[{{\"url\":\"ombCategory\",\"valueCoding\":{{\"system\":\"urn:oid:2.16.840.1.113883.6.238\",\"code\":\"{code}\",\"display\":\"{text}\"}}}},{{\"url\":\"text\",\"valueString\":\"{text}\"}}]}}";
}
