namespace Lodestar.Synth;

/// <summary>Encounter settings, written as v3 ActCode classes AMB, VR, EMER, IMP.</summary>
internal enum VisitKind : byte
{
    Office,
    Preventive,
    Telehealth,
    Emergency,
    Inpatient,
    Delivery,
    /// <summary>Prenatal care (class AMB). Last, so adding it left the sort order of the other kinds alone.</summary>
    Prenatal,
}
