namespace Lodestar.Measures.Tests;

/// <summary>
/// Test patients of the published CMS124 FHIR measure, re-keyed by hand (birth date, encounter, test and
/// expected MeasureReport populations, period 2026): cqframework/ecqm-content-qicore-2025 (CC0),
/// input/tests/measure/CMS124FHIRCervicalCancerScreening/&lt;id&gt;/CMS124FHIR-v0.4.000-*.json at db5a7e14.
/// </summary>
public sealed class CervicalCancerScreeningEcqmCases
{
    [Theory]
    [InlineData("4c40d1e6", "1991-12-31", "21440-3", "2022-01-01", "IP DEN NUM")] // NUMPass-30FemaleWithHPVTestFourYearsPriorMP
    [InlineData("59ef157d", "1996-12-31", "21440-3", "2021-12-31", "IP DEN")]     // NUMFail-30FemaleWithHPVTestBeforeFourYearsPriorMP
    [InlineData("c5ea33df", "1997-12-31", "21440-3", "2022-01-01", "IP DEN")]     // NUMFail-29FemaleWithHPVTestFourYearsPriorMP
    [InlineData("321abfa0", "2002-12-31", "10524-7", "2024-01-01", "IP DEN NUM")] // NUMPass-24FemaleWithCervicalCytologyTwoYearsPriorMP
    public void Published_test_patients_get_the_published_populations(string id, string birth, string loinc, string tested, string expected)
    {
        // Each case has one telephone encounter (SNOMED 185317003) on 2026-01-01 and one final Observation.
        var f = new ClinicalFixture().Patient(id, birth)
            .Encounter(id, "2026-01-01", code: ClinicalFixture.Snomed + "185317003")
            .Lab(id, ClinicalFixture.Loinc + loinc, tested, null, null);
        Assert.Equal(expected, MeasureHarness.Membership("cms124-cervical-cancer-screening", f, id, year: 2026));
    }
}
