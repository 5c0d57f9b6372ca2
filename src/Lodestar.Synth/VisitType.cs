namespace Lodestar.Synth;

/// <summary>
/// What an encounter is (setting, CPT and SNOMED CT type), with the part of its Encounter JSON that
/// depends only on that pre-encoded: writing an encounter is then a few copies around its id and period
/// instead of a dozen fragments. One shared instance per kind of visit; <see cref="Visit"/> points at it.
/// </summary>
internal sealed class VisitType
{
    // Every instance, in creation order; declared first so it exists before the instances below are made.
    private static readonly List<VisitType> Registry = [];

    private VisitType(VisitKind kind, ClinicalCode cpt, ClinicalCode snomed)
    {
        Index = checked((byte)Registry.Count);
        Registry.Add(this);
        Kind = kind;
        var setting = kind switch
        {
            VisitKind.Telehealth => Codes.Virtual,
            VisitKind.Emergency => Codes.Emergency,
            VisitKind.Inpatient or VisitKind.Delivery => Codes.Inpatient,
            _ => Codes.Ambulatory,
        };
        Head = [.. "\",\"status\":\"finished\",\"class\":"u8, .. setting.CodingJson, .. ",\"type\":[{\"coding\":["u8, .. cpt.CodingJson,
            .. ","u8, .. snomed.CodingJson, .. "]}],\"subject\":{\"reference\":\"Patient/p"u8];
        byte[] reason = kind == VisitKind.Delivery ? [.. ",\"reasonCode\":["u8, .. Codes.DeliverySnomed.ConceptJson, .. "]"u8] : [];
        Tail = [.. "}"u8, .. reason];
        ReadmissionTail = [.. Tail, .. ",\"hospitalization\":{\"reAdmission\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0092\",\"code\":\"R\",\"display\":\"Re-admission\"}]}}"u8];
    }

    public static readonly VisitType Office99203 = new(VisitKind.Office, Codes.Cpt99203, Codes.OfficeVisitSnomed);
    public static readonly VisitType Office99213 = new(VisitKind.Office, Codes.Cpt99213, Codes.OfficeVisitSnomed);
    public static readonly VisitType Office99214 = new(VisitKind.Office, Codes.Cpt99214, Codes.OfficeVisitSnomed);
    public static readonly VisitType Telehealth = new(VisitKind.Telehealth, Codes.Cpt99213, Codes.TelehealthSnomed);

    /// <summary>Preventive visits by age band (&lt;1, 1–4, 5–11, 12–17, 18–39, 40–64, 65+): well-child under 18, general examination after.</summary>
    public static readonly VisitType[] Preventive = Codes.Preventive
        .Select((cpt, band) => new VisitType(VisitKind.Preventive, cpt, band < 4 ? Codes.PreventiveSnomed : Codes.AdultPreventiveSnomed)).ToArray();

    /// <summary>ED visits by level 1–5.</summary>
    public static readonly VisitType[] Emergency = Codes.EmergencyLevels.Select(cpt => new VisitType(VisitKind.Emergency, cpt, Codes.EmergencySnomed)).ToArray();

    /// <summary>Admissions by level of initial inpatient care.</summary>
    public static readonly VisitType[] Inpatient = Codes.InpatientLevels.Select(cpt => new VisitType(VisitKind.Inpatient, cpt, Codes.InpatientSnomed)).ToArray();

    public static readonly VisitType Delivery = new(VisitKind.Delivery, Codes.InpatientLevels[0], Codes.InpatientSnomed);
    public static readonly VisitType PrenatalInitial = new(VisitKind.Prenatal, Codes.PrenatalInitial, Codes.PrenatalInitialSnomed);
    public static readonly VisitType PrenatalSubsequent = new(VisitKind.Prenatal, Codes.PrenatalSubsequent, Codes.PrenatalSubsequentSnomed);

    public static VisitType ByIndex(byte index) => Registry[index];

    /// <summary>Position among all visit types, so a <see cref="Visit"/> can hold a byte instead of a reference.</summary>
    public byte Index { get; }

    public VisitKind Kind { get; }

    /// <summary>From the end of the id to the subject's patient number: <c>","status":"finished","class":…,"type":[…],"subject":{"reference":"Patient/p</c>.</summary>
    public byte[] Head { get; }

    /// <summary>After the period's end: <c>}</c> closing the period, and a delivery's reason.</summary>
    public byte[] Tail { get; }

    /// <summary><see cref="Tail"/> with the v2-0092 re-admission flag.</summary>
    public byte[] ReadmissionTail { get; }
}
