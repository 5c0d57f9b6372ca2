using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>
/// Background rates: condition prevalence by age, sex and group, mortality, utilisation, payer mix.
/// Approximations of published national figures, cited per rate; they shape realistic records but
/// are not planted effects (ground-truth.json lists them under "background").
/// </summary>
internal static class ClinicalModel
{
    /// <summary>Probability of having the condition by <paramref name="age"/>, and the youngest onset age.</summary>
    public static (double Probability, int MinOnsetAge) Prevalence(ConditionKind kind, int age, bool female, OmbGroup group)
    {
        switch (kind)
        {
            case ConditionKind.Hypertension:
                // NHANES 2017–2018, BP ≥ 140/90 or treated: 7.5% (18–39), 33.2% (40–59), 63.1% (60+)
                // (Ostchega et al., NCHS Data Brief 364); Black adults ~1.35× (same brief).
                var p = age < 18 ? 0.004 : age < 40 ? 0.075 : age < 60 ? 0.332 : 0.631;
                p *= group == OmbGroup.Black ? 1.35 : group is OmbGroup.Asian or OmbGroup.Hispanic ? 0.92 : 1.0;
                return (Math.Min(p * (female ? 0.95 : 1.05), 0.9), age < 18 ? 10 : 20);
            case ConditionKind.Diabetes:
                // Diagnosed diabetes, CDC National Diabetes Statistics Report 2020: 18–44 3.0%,
                // 45–64 13.8%, 65+ 21.4%; age-adjusted by group vs White 7.5%: AIAN 14.7, Black 11.7,
                // Hispanic 12.5, Asian 9.2.
                var d = age < 18 ? 0.0005 : age < 45 ? 0.030 : age < 65 ? 0.138 : 0.214;
                d *= group switch
                {
                    OmbGroup.AmericanIndianAlaskaNative => 1.96,
                    OmbGroup.Black => 1.56,
                    OmbGroup.Hispanic => 1.67,
                    OmbGroup.Asian => 1.23,
                    _ => 1.0,
                };
                return (Math.Min(d, 0.6), age < 18 ? 10 : 25);
            case ConditionKind.CoronaryHeartDisease:
                // NHIS 2018 coronary heart disease: ~1% under 45, 6–7% 45–64, 17–18% 65+; men ~1.5× women.
                var c = age < 35 ? 0.0 : age < 45 ? 0.01 : age < 65 ? 0.065 : 0.175;
                return (c * (female ? 0.75 : 1.3), 35);
            case ConditionKind.Depression:
                // BRFSS: ever told depressive disorder ~19% of adults, women ~1.6× men; adolescents ~8%.
                var dep = age < 12 ? 0.0 : age < 18 ? 0.08 : 0.19;
                return (dep * (female ? 1.25 : 0.75), 12);
            case ConditionKind.Asthma:
                // CDC current asthma 2021: children 6.5%, adults 8.0%; Black ~1.4×, AIAN ~1.2×.
                var a = age < 2 ? 0.0 : age < 18 ? 0.065 : 0.080;
                a *= group == OmbGroup.Black ? 1.4 : group == OmbGroup.AmericanIndianAlaskaNative ? 1.2 : 1.0;
                return (a, 2);
            case ConditionKind.EndStageRenalDisease:
                // USRDS 2022: ~0.24% of the population with ESRD; rises with age; Black ~3.4×, Hispanic and AIAN ~1.5×.
                var e = age < 20 ? 0.0 : age < 45 ? 0.0008 : age < 65 ? 0.003 : 0.007;
                e *= group switch
                {
                    OmbGroup.Black => 3.4,
                    OmbGroup.Hispanic or OmbGroup.AmericanIndianAlaskaNative => 1.5,
                    _ => 1.0,
                };
                return (e, 20);
            case ConditionKind.BreastCancer:
                // Women alive with a breast cancer history: ~1.5% at 40–64, ~6% at 65+ (SEER prevalence).
                return (!female || age < 30 ? 0.0 : age < 40 ? 0.002 : age < 65 ? 0.015 : 0.06, 30);
            case ConditionKind.ColorectalCancer:
                // Colorectal cancer survivors: ~0.2% at 45–64, ~1% at 65+ (SEER prevalence).
                return (age < 45 ? 0.0 : age < 65 ? 0.002 : 0.01, 40);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>
    /// Annual probability of death: Gompertz fit through US life-table q(50) ≈ 0.0045 and
    /// q(85) ≈ 0.08 (NCHS US life tables 2019), a floor for injuries, and a state factor.
    /// </summary>
    public static double AnnualMortality(int age, double stateFactor, bool esrd, bool chd, bool diabetes)
    {
        var q = age == 0 ? 0.0055 : 7.4e-5 * Math.Exp(0.0822 * age) + (age >= 15 ? 0.0006 : 0.0002);
        if (esrd)
        {
            q *= 4;
        }
        if (chd)
        {
            q *= 1.8;
        }
        if (diabetes)
        {
            q *= 1.5;
        }
        return Math.Min(q * stateFactor, 0.6);
    }

    /// <summary>
    /// Age-adjusted all-cause death rate relative to the US, NCHS Leading Causes of Death 2017:
    /// MS 951.3, MO 820.1, NM 754.7 vs US 731.9 per 100,000; other states 1.
    /// </summary>
    public static double StateMortalityFactor(string state) => state switch
    {
        "MS" => 951.3 / 731.9,
        "MO" => 820.1 / 731.9,
        "NM" => 754.7 / 731.9,
        _ => 1.0,
    };

    /// <summary>
    /// Share of insured people under 65 covered by Medicaid/CHIP (children, adults 19–64). Rounded
    /// from KFF state health facts (ACS 2022 coverage by age): Medicaid covers about half of children
    /// in MS, ~60% in NM, ~38% in MO; the adult shares reflect Medicaid expansion (NM, MO yes; MS no).
    /// </summary>
    public static (double Children, double Adults) MedicaidShare(string state) => state switch
    {
        "MS" => (0.52, 0.16),
        "NM" => (0.62, 0.30),
        "MO" => (0.40, 0.13),
        _ => (0.42, 0.15),
    };

    /// <summary>Group factor on the Medicaid share (ACS: Black, Hispanic and AIAN people are more often on Medicaid).</summary>
    public static double MedicaidGroupFactor(OmbGroup group) => group switch
    {
        OmbGroup.Black or OmbGroup.Hispanic or OmbGroup.AmericanIndianAlaskaNative => 1.5,
        OmbGroup.White => 0.8,
        _ => 1.0,
    };

    /// <summary>
    /// Probability of being uninsured by county and age before any planted effect: the county's ACS
    /// all-ages rate, moved onto the under-65 population (65+ are almost all on Medicare), with
    /// children at about half the adult rate (ACS: ~5% of children vs ~12% of adults 19–64 uninsured).
    /// </summary>
    public static double Uninsured(County county, int age)
    {
        if (age >= 65)
        {
            return 0.005;
        }
        var under65 = (double)(county.Ages.Under18 + county.Ages.Age18To64) / Math.Max(1, county.Ages.Total);
        var rate = county.UninsuredPercent / 100.0 / Math.Max(0.5, under65);
        return Math.Min(age < 19 ? rate * 0.55 : rate * 1.15, 0.8);
    }

    /// <summary>Mean ambulatory visits a year (NAMCS 2019 visit rates by age, plus chronic care).</summary>
    public static double AmbulatoryVisits(int age, int chronic, bool uninsured)
    {
        var baseRate = age < 2 ? 5.0 : age < 18 ? 1.6 : age < 45 ? 1.8 : age < 65 ? 2.8 : 4.2;
        return (baseRate + 1.2 * chronic) * (uninsured ? 0.55 : 1.0);
    }

    /// <summary>Mean ED visits a year (NHAMCS 2019: ~45 per 100 people; more for the uninsured and for asthma and ESRD).</summary>
    public static double EmergencyVisits(int age, bool uninsured, bool asthma, bool esrd) =>
        (age < 18 ? 0.35 : age < 65 ? 0.42 : 0.55) * (uninsured ? 1.3 : 1.0) + (asthma ? 0.25 : 0) + (esrd ? 0.8 : 0);

    /// <summary>Mean admissions a year (HCUP: ~10 stays per 100 people; much higher at 65+ and with CHD or ESRD).</summary>
    public static double Admissions(int age, bool chd, bool esrd, bool diabetes) =>
        (age < 18 ? 0.02 : age < 45 ? 0.04 : age < 65 ? 0.08 : 0.2) + (chd ? 0.15 : 0) + (esrd ? 0.8 : 0) + (diabetes ? 0.05 : 0);

    /// <summary>Share of non-preventive office visits done by telehealth by year (NCHS NHIS telemedicine use fell after 2021).</summary>
    public static double TelehealthShare(int year) => year <= 2021 ? 0.20 : year == 2022 ? 0.15 : 0.11;
}
