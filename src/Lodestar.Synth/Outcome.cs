namespace Lodestar.Synth;

/// <summary>
/// The outcomes a scenario can plant effects on. Their baseline rates are the same for everyone
/// (no unplanted group differences), so any difference a measure finds is one a scenario planted.
/// The scenario file spells them in kebab case (<c>bp-control</c>); see <see cref="Outcomes"/>.
/// </summary>
public enum Outcome
{
    /// <summary>Hypertensive adults whose last blood pressure of the year is &lt; 140/90 (CMS165 style).</summary>
    BloodPressureControl,

    /// <summary>Diabetic adults whose last HbA1c of the year is &gt; 9.0% (CMS122 style; lower is better).</summary>
    A1cPoorControl,

    /// <summary>Women 50–74 who screen every two years (CMS125 style).</summary>
    Mammography,

    /// <summary>Adults 45–75 with a colonoscopy within 10 years (CMS130 style).</summary>
    ColorectalScreening,

    /// <summary>Women 21–64 with cervical cytology every three years (CMS124 style).</summary>
    CervicalScreening,

    /// <summary>People 6 months and older vaccinated against influenza in a season.</summary>
    FluVaccination,

    /// <summary>Children who complete the childhood series by their second birthday (CMS117 style).</summary>
    ChildhoodImmunization,

    /// <summary>People without coverage (self-pay); effects are ratios on the probability.</summary>
    Uninsured,
}
