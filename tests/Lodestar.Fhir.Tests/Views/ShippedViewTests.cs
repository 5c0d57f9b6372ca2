using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

/// <summary>Lodestar's own views, each run on hand-written resources that exercise what it promises.</summary>
public sealed class ShippedViewTests
{
    private const string Race = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    private const string Ethnicity = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";

    private static string Omb(string url, string part, params string[] codes) =>
        $"{{\"url\":\"{url}\",\"extension\":[" + string.Join(",", codes.Select(c => $"{{\"url\":\"{part}\",\"valueCoding\":{{\"system\":\"urn:oid:2.16.840.1.113883.6.238\",\"code\":\"{c}\"}}}}")) + "]}";

    private static Dictionary<string, string> Single(string view, string resource) =>
        Assert.Single(RowCollector.Run(LodestarViews.Load(view), resource));

    [Fact]
    public void Every_shipped_view_compiles_and_is_embedded()
    {
        foreach (var name in LodestarViews.Names)
        {
            var view = LodestarViews.Load(name);
            Assert.Equal(name, view.Name);
            Assert.True(File.Exists(Path.Combine(LodestarViews.Folder, name + ".json")), name);
        }
    }

    [Fact]
    public void Patient_reads_demographics_race_ethnicity_language_and_home_address()
    {
        var row = Single("patient",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1980-04-02\",\"deceasedBoolean\":false,\"extension\":[" +
            Omb(Race, "ombCategory", "2054-5", "2106-3") + "," + Omb(Ethnicity, "ombCategory", "2135-2") + "]," +
            "\"communication\":[{\"language\":{\"coding\":[{\"code\":\"es\"}]}},{\"language\":{\"coding\":[{\"code\":\"en\"}]},\"preferred\":true}]," +
            "\"address\":[{\"use\":\"work\",\"state\":\"NY\"},{\"use\":\"home\",\"state\":\"MA\",\"postalCode\":\"02139\",\"district\":\"Middlesex\"," +
            "\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/geolocation\",\"extension\":[{\"url\":\"latitude\",\"valueDecimal\":42.37},{\"url\":\"longitude\",\"valueDecimal\":-71.11}]}]}]}");
        Assert.Equal("\"p1\"", row["id"]);
        Assert.Equal("\"Patient/p1\"", row["patient_key"]);
        Assert.Equal("\"1980-04-02\"", row["birth_date"]);
        Assert.Equal("false", row["deceased"]);
        Assert.Equal("[\"2054-5\",\"2106-3\"]", row["race_omb"]);
        Assert.Equal("\"2135-2\"", row["ethnicity_omb"]);
        Assert.Equal("[\"Black or African American\",\"Hispanic or Latino\",\"White\"]", row["race_ethnicity_2024"]);
        Assert.Equal("\"en\"", row["preferred_language"]);
        Assert.Equal("\"MA\"", row["address_state"]);
        Assert.Equal("\"02139\"", row["address_postal_code"]);
        Assert.Equal("\"Middlesex\"", row["address_district"]);
        Assert.Equal("42.37", row["address_latitude"]);
        Assert.Equal("-71.11", row["address_longitude"]);
    }

    [Fact]
    public void Patient_2024_categories_split_mena_out_of_white()
    {
        var row = Single("patient",
            "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"deceasedDateTime\":\"2021-03-04\",\"extension\":[{\"url\":\"" + Race + "\",\"extension\":[" +
            "{\"url\":\"ombCategory\",\"valueCoding\":{\"code\":\"2106-3\"}},{\"url\":\"detailed\",\"valueCoding\":{\"code\":\"2123-8\"}},{\"url\":\"text\",\"valueString\":\"Lebanese\"}]}," +
            Omb(Ethnicity, "ombCategory", "2186-5") + "]}");
        Assert.Equal("[\"Middle Eastern or North African\"]", row["race_ethnicity_2024"]);
        Assert.Equal("[\"2123-8\"]", row["race_detailed"]);
        Assert.Equal("\"Lebanese\"", row["race_text"]);
        Assert.Equal("true", row["deceased"]);
        Assert.Equal("\"2021-03-04\"", row["deceased_date_time"]);
        Assert.Equal("null", row["address_state"]); // no address: the forEachOrNull row keeps the patient
    }

    [Fact]
    public void Encounter_reads_class_types_period_and_provider()
    {
        var row = Single("encounter",
            "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"status\":\"finished\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"}," +
            "\"type\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"185349003\",\"display\":\"Check up\"}]},{\"coding\":[{\"system\":\"urn:x\",\"code\":\"9\"}]}]," +
            "\"subject\":{\"reference\":\"urn:uuid:p1\"},\"period\":{\"start\":\"2020-01-01T10:00:00Z\",\"end\":\"2020-01-01T10:30:00Z\"}," +
            "\"serviceProvider\":{\"reference\":\"Organization/o1\",\"display\":\"General\"}}");
        Assert.Equal("\"Patient/p1\"", row["patient_key"]);
        Assert.Equal("\"AMB\"", row["class_code"]);
        Assert.Equal("\"185349003\"", row["type_code"]);
        Assert.Equal("[\"http://snomed.info/sct|185349003\",\"urn:x|9\"]", row["type_codes"]);
        Assert.Equal("\"2020-01-01T10:00:00Z\"", row["period_start"]);
        Assert.Equal("\"Organization/o1\"", row["service_provider_key"]);
    }

    [Fact]
    public void Condition_reads_codes_onset_abatement_and_statuses()
    {
        var row = Single("condition",
            "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},\"encounter\":{\"reference\":\"Encounter/e1\"}," +
            "\"clinicalStatus\":{\"coding\":[{\"code\":\"resolved\"}]},\"verificationStatus\":{\"coding\":[{\"code\":\"confirmed\"}]}," +
            "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\"},{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"E11.9\"}],\"text\":\"Diabetes\"}," +
            "\"onsetDateTime\":\"2010-05-01\",\"abatementDateTime\":\"2012-01-01\",\"recordedDate\":\"2010-05-02\"}");
        Assert.Equal("\"44054006\"", row["code"]);
        Assert.Equal("[\"http://snomed.info/sct|44054006\",\"http://hl7.org/fhir/sid/icd-10-cm|E11.9\"]", row["codes"]);
        Assert.Equal("\"resolved\"", row["clinical_status"]);
        Assert.Equal("\"confirmed\"", row["verification_status"]);
        Assert.Equal("\"2010-05-01\"", row["onset_date_time"]);
        Assert.Equal("\"2012-01-01\"", row["abatement_date_time"]);
        Assert.Equal("\"Encounter/e1\"", row["encounter_key"]);
    }

    [Fact]
    public void Observation_reads_values_units_time_and_blood_pressure_components()
    {
        var bp = Single("observation",
            "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"}," +
            "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},\"effectiveDateTime\":\"2020-02-02T08:00:00-05:00\"," +
            "\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":128,\"unit\":\"mmHg\",\"code\":\"mm[Hg]\"}}," +
            "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":82.5,\"code\":\"mm[Hg]\"}}]}");
        Assert.Equal("128", bp["systolic"]);
        Assert.Equal("82.5", bp["diastolic"]);
        Assert.Equal("\"2020-02-02T08:00:00-05:00\"", bp["effective"]);
        Assert.Equal("null", bp["value_quantity"]);

        var a1c = Single("observation",
            "{\"resourceType\":\"Observation\",\"id\":\"o2\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]}," +
            "\"effectivePeriod\":{\"start\":\"2020-03-01\"},\"valueQuantity\":{\"value\":7.10,\"unit\":\"%\"}}");
        Assert.Equal("7.10", a1c["value_quantity"]);
        Assert.Equal("\"%\"", a1c["value_unit"]);
        Assert.Equal("\"2020-03-01\"", a1c["effective"]);
        Assert.Equal("null", a1c["systolic"]);

        var smoking = Single("observation",
            "{\"resourceType\":\"Observation\",\"id\":\"o3\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"72166-2\"}]}," +
            "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"266919005\"}]}}");
        Assert.Equal("\"266919005\"", smoking["value_code"]);
    }

    [Fact]
    public void Procedure_immunization_and_medication_request_read_codes_and_dates()
    {
        var procedure = Single("procedure",
            "{\"resourceType\":\"Procedure\",\"id\":\"pr1\",\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/p1\"}," +
            "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"73761001\"}]},\"performedPeriod\":{\"start\":\"2019-01-01T09:00:00Z\",\"end\":\"2019-01-01T10:00:00Z\"}}");
        Assert.Equal("\"73761001\"", procedure["code"]);
        Assert.Equal("\"2019-01-01T09:00:00Z\"", procedure["performed_start"]);
        Assert.Equal("\"2019-01-01T10:00:00Z\"", procedure["performed_end"]);

        var immunization = Single("immunization",
            "{\"resourceType\":\"Immunization\",\"id\":\"i1\",\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/p1\"}," +
            "\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"140\"}]},\"occurrenceDateTime\":\"2021-10-01\",\"primarySource\":true}");
        Assert.Equal("\"Patient/p1\"", immunization["patient_key"]);
        Assert.Equal("\"140\"", immunization["vaccine_code"]);
        Assert.Equal("\"2021-10-01\"", immunization["occurrence"]);
        Assert.Equal("true", immunization["primary_source"]);

        var medication = Single("medication_request",
            "{\"resourceType\":\"MedicationRequest\",\"id\":\"m1\",\"status\":\"active\",\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/p1\"}," +
            "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"860975\"}]},\"authoredOn\":\"2020-06-01\"}");
        Assert.Equal("\"860975\"", medication["medication_code"]);
        Assert.Equal("\"order\"", medication["intent"]);
        Assert.Equal("null", medication["medication_key"]);
    }

    [Theory]
    // One row per PHDSC Source of Payment Typology branch (first digit decides), plus the no-code case.
    [InlineData("1", "\"medicare\"")]
    [InlineData("121", "\"medicare\"")]
    [InlineData("2", "\"medicaid\"")]
    [InlineData("32", "\"other_public\"")]   // VA
    [InlineData("4", "\"other_public\"")]    // corrections
    [InlineData("5", "\"private\"")]
    [InlineData("6", "\"private\"")]         // BCBS
    [InlineData("81", "\"self_pay_uninsured\"")]
    [InlineData("7", "\"other\"")]           // managed care, public or private unknown
    [InlineData("9", "\"other\"")]
    [InlineData(null, "null")]
    public void Coverage_classifies_payer_type_from_source_of_payment_codes(string? sop, string expected)
    {
        var type = sop is null
            ? "{\"text\":\"Commercial\"}"
            : $"{{\"coding\":[{{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"PUBLICPOL\"}},{{\"system\":\"urn:oid:2.16.840.1.113883.3.221.5\",\"code\":\"{sop}\"}}]}}";
        var row = Single("coverage",
            $"{{\"resourceType\":\"Coverage\",\"id\":\"cv1\",\"status\":\"active\",\"beneficiary\":{{\"reference\":\"Patient/p1\"}},\"type\":{type},\"period\":{{\"start\":\"2020-01-01\"}}}}");
        Assert.Equal(expected, row["payer_type"]);
        Assert.Equal("\"Patient/p1\"", row["patient_key"]);
    }
}
