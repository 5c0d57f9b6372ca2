namespace Lodestar.Synth;

/// <summary>
/// Every code the generator writes, with its system. Chosen from the CMS eCQM value sets
/// (VSAC: Essential Hypertension, Diabetes, Office Visit, Preventive Care Services, Emergency
/// Department Visit, Mammography, Colonoscopy, Pap Test, Influenza Vaccine, childhood vaccine
/// value sets) so the measure catalog matches them.
/// </summary>
internal static class Codes
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Loinc = "http://loinc.org";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string OmbRaceEthnicity = "urn:oid:2.16.840.1.113883.6.238";
    public const string PayerTypology = "urn:oid:2.16.840.1.113883.3.221.5";
    public const string Bcp47 = "urn:ietf:bcp:47";

    /// <summary>(SNOMED, ICD-10-CM) per condition; index = <see cref="ConditionKind"/>.</summary>
    public static readonly (ClinicalCode Snomed, ClinicalCode Icd, string Text)[] Conditions =
    [
        (new(Snomed, "59621000", "Essential hypertension"), new(Icd10Cm, "I10", "Essential (primary) hypertension"), "Essential hypertension"),
        (new(Snomed, "44054006", "Diabetes mellitus type 2"), new(Icd10Cm, "E11.9", "Type 2 diabetes mellitus without complications"), "Type 2 diabetes mellitus"),
        (new(Snomed, "53741008", "Coronary arteriosclerosis"), new(Icd10Cm, "I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris"), "Coronary heart disease"),
        (new(Snomed, "35489007", "Depressive disorder"), new(Icd10Cm, "F32.9", "Major depressive disorder, single episode, unspecified"), "Depression"),
        (new(Snomed, "195967001", "Asthma"), new(Icd10Cm, "J45.909", "Unspecified asthma, uncomplicated"), "Asthma"),
        (new(Snomed, "46177005", "End-stage renal disease"), new(Icd10Cm, "N18.6", "End stage renal disease"), "End-stage renal disease"),
        (new(Snomed, "254837009", "Malignant neoplasm of breast"), new(Icd10Cm, "C50.919", "Malignant neoplasm of unspecified site of unspecified female breast"), "Breast cancer"),
        (new(Snomed, "363406005", "Malignant neoplasm of colon"), new(Icd10Cm, "C18.9", "Malignant neoplasm of colon, unspecified"), "Colon cancer"),
    ];

    public static readonly (ClinicalCode Snomed, ClinicalCode Icd, string Text) Pregnancy =
        (new(Snomed, "77386006", "Pregnancy"), new(Icd10Cm, "Z33.1", "Pregnant state, incidental"), "Pregnancy");

    // Encounter classes (v3 ActCode).
    public static readonly ClinicalCode Ambulatory = new(ActCode, "AMB", "ambulatory");
    public static readonly ClinicalCode Virtual = new(ActCode, "VR", "virtual");
    public static readonly ClinicalCode Emergency = new(ActCode, "EMER", "emergency");
    public static readonly ClinicalCode Inpatient = new(ActCode, "IMP", "inpatient encounter");

    // Encounter types: CPT (eCQM Office Visit / Preventive Care / ED / inpatient value sets) + SNOMED.
    public static readonly ClinicalCode OfficeVisitSnomed = new(Snomed, "185349003", "Encounter for check up");
    public static readonly ClinicalCode PreventiveSnomed = new(Snomed, "410620009", "Well child visit");
    public static readonly ClinicalCode AdultPreventiveSnomed = new(Snomed, "162673000", "General examination of patient");
    public static readonly ClinicalCode TelehealthSnomed = new(Snomed, "448337001", "Telemedicine consultation with patient");
    public static readonly ClinicalCode EmergencySnomed = new(Snomed, "50849002", "Emergency room admission");
    public static readonly ClinicalCode InpatientSnomed = new(Snomed, "32485007", "Hospital admission");
    public static readonly ClinicalCode Cpt99203 = new(Cpt, "99203", "Office or other outpatient visit, new patient, low MDM");
    public static readonly ClinicalCode Cpt99213 = new(Cpt, "99213", "Office or other outpatient visit, established patient, low MDM");
    public static readonly ClinicalCode Cpt99214 = new(Cpt, "99214", "Office or other outpatient visit, established patient, moderate MDM");

    /// <summary>Preventive visits, established patient, by age: &lt;1, 1–4, 5–11, 12–17, 18–39, 40–64, 65+.</summary>
    public static readonly ClinicalCode[] Preventive =
    [
        new(Cpt, "99391", "Periodic preventive medicine, established patient, infant"),
        new(Cpt, "99392", "Periodic preventive medicine, established patient, age 1-4"),
        new(Cpt, "99393", "Periodic preventive medicine, established patient, age 5-11"),
        new(Cpt, "99394", "Periodic preventive medicine, established patient, age 12-17"),
        new(Cpt, "99395", "Periodic preventive medicine, established patient, age 18-39"),
        new(Cpt, "99396", "Periodic preventive medicine, established patient, age 40-64"),
        new(Cpt, "99397", "Periodic preventive medicine, established patient, age 65+"),
    ];

    public static readonly ClinicalCode[] EmergencyLevels =
    [
        new(Cpt, "99281", "Emergency department visit, level 1"), new(Cpt, "99282", "Emergency department visit, level 2"),
        new(Cpt, "99283", "Emergency department visit, level 3"), new(Cpt, "99284", "Emergency department visit, level 4"),
        new(Cpt, "99285", "Emergency department visit, level 5"),
    ];

    public static readonly ClinicalCode[] InpatientLevels =
    [
        new(Cpt, "99221", "Initial hospital inpatient care, straightforward or low MDM"),
        new(Cpt, "99222", "Initial hospital inpatient care, moderate MDM"),
        new(Cpt, "99223", "Initial hospital inpatient care, high MDM"),
    ];

    // Observations.
    public static readonly ClinicalCode BloodPressurePanel = new(Loinc, "85354-9", "Blood pressure panel with all children optional");
    public static readonly ClinicalCode Systolic = new(Loinc, "8480-6", "Systolic blood pressure");
    public static readonly ClinicalCode Diastolic = new(Loinc, "8462-4", "Diastolic blood pressure");
    public static readonly ClinicalCode HbA1c = new(Loinc, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood");
    public static readonly ClinicalCode Bmi = new(Loinc, "39156-5", "Body mass index (BMI) [Ratio]");
    public static readonly ClinicalCode AdultDepressionScreening = new(Loinc, "73832-8", "Adult depression screening assessment");
    public static readonly ClinicalCode AdolescentDepressionScreening = new(Loinc, "73831-0", "Adolescent depression screening assessment");

    // Procedures.
    public static readonly ClinicalCode Mammography = new(Cpt, "77067", "Screening mammography, bilateral, including CAD");
    public static readonly ClinicalCode MammographySnomed = new(Snomed, "24623002", "Screening mammography");
    public static readonly ClinicalCode Colonoscopy = new(Cpt, "45378", "Colonoscopy, flexible; diagnostic");
    public static readonly ClinicalCode ColonoscopySnomed = new(Snomed, "73761001", "Colonoscopy");
    public static readonly ClinicalCode CervicalCytology = new(Cpt, "88175", "Cytopathology, cervical or vaginal, automated thin layer preparation");
    public static readonly ClinicalCode Delivery = new(Cpt, "59400", "Routine obstetric care including antepartum care, vaginal delivery and postpartum care");
    public static readonly ClinicalCode DeliverySnomed = new(Snomed, "236973005", "Delivery procedure");
    // Prenatal visits: CPT Category II initial/subsequent prenatal care codes and the SNOMED CT regimes.
    public static readonly ClinicalCode PrenatalInitial = new(Cpt, "0500F", "Initial prenatal care visit");
    public static readonly ClinicalCode PrenatalInitialSnomed = new(Snomed, "424441002", "Prenatal initial visit");
    public static readonly ClinicalCode PrenatalSubsequent = new(Cpt, "0502F", "Subsequent prenatal care visit");
    public static readonly ClinicalCode PrenatalSubsequentSnomed = new(Snomed, "424619006", "Prenatal visit");

    // Immunizations (CVX).
    public static readonly ClinicalCode[] Influenza =
    [
        new(Cvx, "150", "Influenza, injectable, quadrivalent, preservative free"),
        new(Cvx, "158", "Influenza, injectable, quadrivalent, contains preservative"),
        new(Cvx, "140", "Influenza, seasonal, injectable, preservative free"),
    ];

    public static readonly ClinicalCode DTaP = new(Cvx, "20", "DTaP");
    public static readonly ClinicalCode Ipv = new(Cvx, "10", "IPV");
    public static readonly ClinicalCode Mmr = new(Cvx, "03", "MMR");
    public static readonly ClinicalCode HepB = new(Cvx, "08", "Hep B, adolescent or pediatric");
    public static readonly ClinicalCode Hib = new(Cvx, "49", "Hib (PRP-OMP)");
    public static readonly ClinicalCode Pcv13 = new(Cvx, "133", "Pneumococcal conjugate PCV 13");
    public static readonly ClinicalCode Varicella = new(Cvx, "21", "varicella");
    public static readonly ClinicalCode HepA = new(Cvx, "83", "Hep A, ped/adol, 2 dose");
    public static readonly ClinicalCode Rotavirus = new(Cvx, "116", "rotavirus, pentavalent");

    /// <summary>Every vaccine the influenza and childhood schedules give.</summary>
    public static readonly ClinicalCode[] Vaccines = [.. Influenza, DTaP, Ipv, Mmr, HepB, Hib, Pcv13, Varicella, HepA, Rotavirus];

    // Medications (RxNorm SCDs).
    // Displays as RxNorm (and VSAC's statin expansions) give them for these codes.
    public static readonly ClinicalCode Atorvastatin10 = new(RxNorm, "617312", "atorvastatin 10 MG Oral Tablet");
    public static readonly ClinicalCode Rosuvastatin10 = new(RxNorm, "859747", "rosuvastatin calcium 10 MG Oral Tablet");
    public static readonly ClinicalCode Metformin500 = new(RxNorm, "860975", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet");
    public static readonly ClinicalCode Lisinopril10 = new(RxNorm, "314076", "lisinopril 10 MG Oral Tablet");

    // Coverage type: PHDSC Source of Payment Typology.
    public static readonly ClinicalCode Medicare = new(PayerTypology, "1", "MEDICARE");
    public static readonly ClinicalCode Medicaid = new(PayerTypology, "2", "MEDICAID");
    public static readonly ClinicalCode Private = new(PayerTypology, "5", "PRIVATE HEALTH INSURANCE");
    public static readonly ClinicalCode SelfPay = new(PayerTypology, "81", "Self-pay");
}
