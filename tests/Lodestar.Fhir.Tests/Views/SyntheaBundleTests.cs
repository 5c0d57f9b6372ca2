using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Tests.Reading;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Views;

/// <summary>Bundles as Synthea writes them: transaction, entries addressed by urn:uuid fullUrls, references by urn:uuid.</summary>
public sealed class SyntheaBundleTests
{
    private const string Bundle = """
        {
          "resourceType": "Bundle",
          "type": "transaction",
          "entry": [
            {
              "fullUrl": "urn:uuid:7d1b6c2e-0000-4000-8000-000000000001",
              "resource": {
                "resourceType": "Patient",
                "id": "7d1b6c2e-0000-4000-8000-000000000001",
                "meta": { "profile": [ "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient" ] },
                "extension": [
                  { "url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
                    "extension": [ { "url": "ombCategory", "valueCoding": { "system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3", "display": "White" } },
                                   { "url": "text", "valueString": "White" } ] },
                  { "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace", "valueAddress": { "city": "Boston", "state": "Massachusetts", "country": "US" } }
                ],
                "gender": "male",
                "birthDate": "1961-07-14",
                "address": [ { "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/geolocation",
                  "extension": [ { "url": "latitude", "valueDecimal": 42.36 }, { "url": "longitude", "valueDecimal": -71.05 } ] } ],
                  "line": [ "1 Main St" ], "city": "Boston", "state": "MA", "postalCode": "02108", "country": "US" } ],
                "communication": [ { "language": { "coding": [ { "system": "urn:ietf:bcp:47", "code": "en-US", "display": "English" } ], "text": "English" } } ]
              },
              "request": { "method": "POST", "url": "Patient" }
            },
            {
              "fullUrl": "urn:uuid:7d1b6c2e-0000-4000-8000-000000000002",
              "resource": {
                "resourceType": "Encounter",
                "id": "7d1b6c2e-0000-4000-8000-000000000002",
                "status": "finished",
                "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB" },
                "type": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "162673000", "display": "General examination of patient (procedure)" } ], "text": "General examination of patient (procedure)" } ],
                "subject": { "reference": "urn:uuid:7d1b6c2e-0000-4000-8000-000000000001", "display": "Mr. Ed Example" },
                "period": { "start": "2015-08-13T00:00:00-04:00", "end": "2015-08-13T00:15:00-04:00" },
                "serviceProvider": { "reference": "Organization?identifier=https://github.com/synthetichealth/synthea|abc", "display": "PCP" }
              },
              "request": { "method": "POST", "url": "Encounter" }
            }
          ]
        }
        """;

    private sealed class Handler : IFhirResourceHandler
    {
        public List<Dictionary<string, string>> Patients { get; } = [];

        public List<Dictionary<string, string>> Encounters { get; } = [];

        public void OnResource(in FhirResource resource)
        {
            var patient = LodestarViews.Load("patient");
            var encounter = LodestarViews.Load("encounter");
            var p = new RowCollector(patient);
            var e = new RowCollector(encounter);
            patient.Evaluate(resource.Json, p);
            encounter.Evaluate(resource.Json, e);
            Patients.AddRange(p.Rows);
            Encounters.AddRange(e.Rows);
        }
    }

    [Fact]
    public void Encounters_join_their_patient_through_urn_uuid_references()
    {
        using var temp = new TempFolder();
        temp.File("Ed_Example_7d1b6c2e.json", Bundle);
        var handler = new Handler();
        var diagnostics = new FhirDiagnosticList();
        var summary = new FhirReader().Read(FhirSources.Discover([temp.Path]), handler, diagnostics);
        Assert.Equal(2, summary.Accepted);
        Assert.Empty(diagnostics.Items); // the urn:uuid subject resolves to the patient: no orphan warning
        var patient = Assert.Single(handler.Patients);
        var encounter = Assert.Single(handler.Encounters);
        Assert.Equal(patient["patient_key"], encounter["patient_key"]);
        Assert.Equal("\"MA\"", patient["address_state"]);
        Assert.Equal("\"en-US\"", patient["preferred_language"]);
        Assert.Equal("null", encounter["service_provider_key"]); // a conditional reference names no resource
        Assert.Equal("\"PCP\"", encounter["service_provider_display"]);
    }
}
