namespace Lodestar.Synth;

/// <summary>Chronic conditions the generator gives people (codes in <see cref="Codes"/>).</summary>
internal enum ConditionKind
{
    Hypertension,
    Diabetes,
    CoronaryHeartDisease,
    Depression,
    Asthma,
    EndStageRenalDisease,
    BreastCancer,
    ColorectalCancer,
}
