using System.Runtime.CompilerServices;
using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>
/// Generates one person's whole record from (seed, index): traits, conditions, death, coverage,
/// encounters with vitals and labs, medications, screenings and immunizations. One instance per
/// worker thread (it reuses scratch lists); the output depends only on the plan and the index.
/// </summary>
internal sealed partial class PersonGenerator
{
    private const int ConditionCount = 8;
    private static readonly TimeSpan VisitLength = TimeSpan.FromMinutes(20);

    private readonly SynthPlan plan;
    private readonly List<Visit> visits = new(64);
    private readonly List<DatedCode> procedures = new(16);
    private readonly List<DatedCode> immunizations = new(32);
    private readonly DateOnly?[] onset = new DateOnly?[ConditionCount];
    private Tally? outputTally;

    public PersonGenerator(SynthPlan plan) => this.plan = plan;

    public void Generate(long index, BatchOutput output)
    {
        var rng = new Rng(plan.Seed, (ulong)index);
        var person = Traits(ref rng, index);
        var windowStart = plan.WindowStart;
        var asOf = plan.AsOf;
        var ageAtEnd = person.AgeOn(asOf);
        var tally = output.Tally;
        outputTally = tally;

        // Conditions: present by the as-of date with the prevalence for that age; onset spread over life.
        for (var k = 0; k < ConditionCount; k++)
        {
            onset[k] = null;
            var (p, minOnset) = ClinicalModel.Prevalence((ConditionKind)k, ageAtEnd, person.Female, person.Group);
            p = Math.Min(p * plan.Population.ConditionFactor(person.CountyIndex, (ConditionKind)k), 0.95);
            if (p > 0 && rng.Chance(p))
            {
                var onsetAge = rng.Between(minOnset, Math.Max(minOnset, ageAtEnd));
                var date = person.BirthDate.AddYears(onsetAge).AddDays(rng.Next(365));
                onset[k] = date > asOf ? asOf.AddDays(-rng.Next(60)) : date;
            }
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // called in every year's loops; a call each time showed in profiles
        bool Has(ConditionKind kind, DateOnly by) => onset[(int)kind] is { } d && d <= by;

        // Death: one draw per year at the age reached that year.
        DateOnly? death = null;
        for (var year = plan.FirstYear; year <= plan.LastYear && death is null; year++)
        {
            var jan1 = new DateOnly(year, 1, 1);
            if (person.BirthDate.Year > year)
            {
                continue;
            }
            var q = ClinicalModel.AnnualMortality(person.AgeOn(jan1), plan.StateMortality,
                Has(ConditionKind.EndStageRenalDisease, jan1), Has(ConditionKind.CoronaryHeartDisease, jan1), Has(ConditionKind.Diabetes, jan1));
            if (rng.Chance(q))
            {
                var d = jan1.AddDays(rng.Next(365));
                death = d > asOf ? asOf : d;
            }
        }
        var lastAlive = death ?? asOf;
        var aliveAtEnd = death is null;

        output.BeginPerson(index);
        ResourceWriter.Patient(output, ref rng, person, death);

        // Coverage.
        var uninsuredP = plan.Probability(Outcome.Uninsured, person, ageAtEnd, ClinicalModel.Uninsured(person.County, person.AgeOn(windowStart)));
        var uninsured = rng.Chance(uninsuredP);
        var payer = uninsured ? Codes.SelfPay : InsuredPayer(ref rng, person, person.AgeOn(windowStart), Has(ConditionKind.EndStageRenalDisease, windowStart));
        var coverageStart = person.BirthDate > windowStart ? person.BirthDate : windowStart;
        var sixtyFifth = person.BirthDate.AddYears(65);
        var coverageIndex = 0;
        if (payer != Codes.Medicare && sixtyFifth > coverageStart && sixtyFifth <= lastAlive)
        {
            ResourceWriter.Coverage(output, coverageIndex++, plan.Population.State.Name, payer, coverageStart, sixtyFifth.AddDays(-1));
            payer = Codes.Medicare;
            coverageStart = sixtyFifth;
        }
        ResourceWriter.Coverage(output, coverageIndex, plan.Population.State.Name, payer, coverageStart, death);
        if (aliveAtEnd)
        {
            plan.Record(tally, Outcome.Uninsured, person, ageAtEnd, payer == Codes.SelfPay);
        }
        var isUninsured = payer == Codes.SelfPay;

        // Conditions (written after coverage so a person's lines appear in a natural order).
        for (var k = 0; k < ConditionCount; k++)
        {
            if (onset[k] is { } d && d <= lastAlive)
            {
                var (snomed, icd, text) = Codes.Conditions[k];
                ResourceWriter.Condition(output, k, snomed, icd, text, d, null);
            }
        }

        // Encounters, year by year.
        visits.Clear();
        procedures.Clear();
        immunizations.Clear();
        var pregnancies = 0;
        for (var year = plan.FirstYear; year <= plan.LastYear; year++)
        {
            var from = Max(new DateOnly(year, 1, 1), person.BirthDate);
            var to = Min(new DateOnly(year, 12, 31), lastAlive);
            if (from > to)
            {
                continue;
            }
            var span = to.DayNumber - from.DayNumber + 1;
            var fraction = span / 365.0;
            var age = person.AgeOn(from);
            var chronic = 0;
            for (var k = 0; k < ConditionCount; k++)
            {
                chronic += Has((ConditionKind)k, to) ? 1 : 0;
            }
            var office = rng.Poisson(ClinicalModel.AmbulatoryVisits(age, chronic, isUninsured) * fraction);
            if (office == 0 && (Has(ConditionKind.Hypertension, to) || Has(ConditionKind.Diabetes, to)) && rng.Chance(0.92))
            {
                office = 1; // people with hypertension or diabetes are usually seen at least yearly
            }
            var telehealthShare = ClinicalModel.TelehealthShare(year);
            for (var v = 0; v < office; v++)
            {
                var start = VisitTime(ref rng, from, span);
                // The year's first office visit is in person, so anyone seen that year has the vitals and
                // labs a measure looks for; telehealth replaces follow-ups only (otherwise people with few
                // visits — the uninsured — would lose readings and show an unplanted gap).
                if (v > 0 && rng.Chance(telehealthShare))
                {
                    visits.Add(new Visit(start, start + VisitLength, VisitType.Telehealth, false));
                }
                else
                {
                    var type = rng.Chance(0.04) ? VisitType.Office99203 : rng.Chance(chronic > 0 ? 0.5 : 0.25) ? VisitType.Office99214 : VisitType.Office99213;
                    visits.Add(new Visit(start, start + VisitLength, type, false));
                }
            }
            if (rng.Chance((age < 18 ? 0.6 : 0.45) * (isUninsured ? 0.5 : 1.0) * Math.Min(1, fraction * 1.5)))
            {
                var start = VisitTime(ref rng, from, span);
                var band = age < 1 ? 0 : age < 5 ? 1 : age < 12 ? 2 : age < 18 ? 3 : age < 40 ? 4 : age < 65 ? 5 : 6;
                visits.Add(new Visit(start, start + TimeSpan.FromMinutes(30), VisitType.Preventive[band], false));
            }
            var ed = rng.Poisson(ClinicalModel.EmergencyVisits(age, isUninsured, Has(ConditionKind.Asthma, to), Has(ConditionKind.EndStageRenalDisease, to)) * fraction);
            for (var v = 0; v < ed; v++)
            {
                var start = VisitTime(ref rng, from, span).AddHours(rng.Between(-6, 6));
                var u = rng.NextDouble();
                var level = u < 0.05 ? 0 : u < 0.2 ? 1 : u < 0.55 ? 2 : u < 0.85 ? 3 : 4;
                visits.Add(new Visit(start, start.AddMinutes(rng.Between(90, 420)), VisitType.Emergency[level], false));
            }
            var admissions = rng.Poisson(ClinicalModel.Admissions(age, Has(ConditionKind.CoronaryHeartDisease, to), Has(ConditionKind.EndStageRenalDisease, to), Has(ConditionKind.Diabetes, to)) * fraction);
            for (var v = 0; v < admissions; v++)
            {
                var admit = VisitTime(ref rng, from, span);
                var discharge = admit.AddDays(1 + rng.Poisson(2.5)).AddHours(rng.Between(-3, 3));
                visits.Add(new Visit(admit, discharge, VisitType.Inpatient[rng.Next(3)], false));
                // 30-day readmissions (CMS HRRP: ~15% of Medicare stays; more with ESRD).
                if (rng.Chance(Has(ConditionKind.EndStageRenalDisease, to) ? 0.25 : 0.14))
                {
                    var readmit = discharge.AddDays(rng.Between(2, 29));
                    if (DateOnly.FromDateTime(readmit) <= lastAlive)
                    {
                        visits.Add(new Visit(readmit, readmit.AddDays(1 + rng.Poisson(3)), VisitType.Inpatient[rng.Next(3)], true));
                    }
                }
            }
            // Pregnancy: ~55 births per 1,000 women 15–44 a year (NCHS NVSS 2021 general fertility rate 56.6).
            if (person.Female && age is >= 15 and <= 44 && rng.Chance(0.055 * fraction))
            {
                var conception = from.AddDays(rng.Next(span));
                var known = conception.AddDays(49 + rng.Next(21));
                var delivery = conception.AddDays(266 + rng.Between(-14, 10));
                if (known <= lastAlive)
                {
                    var delivered = delivery <= lastAlive;
                    ResourceWriter.Condition(output, ConditionCount + pregnancies++, Codes.Pregnancy.Snomed, Codes.Pregnancy.Icd,
                        Codes.Pregnancy.Text, known, delivered ? delivery : null);
                    PrenatalVisits(index, pregnancies, known, Min(delivery.AddDays(-1), lastAlive));
                    if (delivered)
                    {
                        var admit = delivery.ToDateTime(new TimeOnly(rng.Between(0, 23), rng.Next(60)));
                        visits.Add(new Visit(admit, admit.AddDays(2), VisitType.Delivery, false));
                        procedures.Add(new DatedCode(delivery, Codes.Delivery, Codes.DeliverySnomed));
                    }
                }
            }
        }
        visits.Sort();
        WriteEncounters(output, ref rng, person, index, lastAlive);
        Screenings(ref rng, person, lastAlive, aliveAtEnd);
        Immunizations(ref rng, person, lastAlive, aliveAtEnd);
        ResourceWriter.Procedures(output, procedures);
        ResourceWriter.Immunizations(output, immunizations);
    }

    /// <summary>
    /// Prenatal visits from soon after the pregnancy is known until the day before delivery: the first
    /// within two weeks for about three in four women, later (2–13 weeks) for the rest — roughly the US
    /// first-trimester care rate (NCHS NVSS 2021: 78%) — then every four weeks. Drawn from their own random
    /// stream, so a person's other records are the same as without them.
    /// </summary>
    private void PrenatalVisits(long index, int pregnancy, DateOnly known, DateOnly last)
    {
        var rng = new Rng(plan.Seed, PrenatalStream | ((ulong)pregnancy << 48) | (ulong)index);
        var day = known.AddDays(rng.Chance(0.75) ? rng.Between(0, 14) : rng.Between(15, 90));
        var first = true;
        while (day <= last)
        {
            var start = day.ToDateTime(new TimeOnly(rng.Between(8, 16), rng.Next(60)));
            visits.Add(first
                ? new Visit(start, start.AddMinutes(40), VisitType.PrenatalInitial, false)
                : new Visit(start, start.AddMinutes(20), VisitType.PrenatalSubsequent, false));
            first = false;
            day = day.AddDays(28 + rng.Between(-3, 3));
        }
    }

    /// <summary>The high bit marks the prenatal streams apart from the per-person streams (stream = person index).</summary>
    private const ulong PrenatalStream = 1UL << 63;

    /// <summary>Marks the depression-screening streams (stream = person index with this bit).</summary>
    private const ulong ScreeningStream = 1UL << 62;

    // ---- people ------------------------------------------------------------------------------------

    private PersonTraits Traits(ref Rng rng, long index)
    {
        var population = plan.Population;
        var (county, countyIndex, group) = population.PickCountyAndGroup(ref rng);
        var age = population.PickAge(ref rng, countyIndex);
        var female = PopulationModel.PickFemale(ref rng, age);
        // Ages are the ACS ages of today's residents, taken at the as-of date, so children born during
        // the window appear from birth (and the childhood-immunization measure has a denominator).
        var birth = plan.AsOf.AddYears(-age).AddDays(-rng.Next(365));
        var home = population.PickHome(ref rng, countyIndex);
        var (lat, lon) = (home.Latitude, home.Longitude);
        // Scatter homes within ~2 km of the anchor, keeping only points still inside the county.
        var jLat = lat + (rng.NextDouble() - 0.5) * 0.036;
        var jLon = lon + (rng.NextDouble() - 0.5) * 0.044;
        if (double.IsFinite(lat) && plan.Boundaries.Contains(county.Fips, jLat, jLon))
        {
            (lat, lon) = (jLat, jLon);
        }
        var language = PersonDetails.Language(ref rng, group, plan.StateAbbreviation);
        return new PersonTraits(index, county, group, female, birth, home.Zip, home.City, Math.Round(lat, 5), Math.Round(lon, 5), language)
        {
            CountyIndex = countyIndex,
        };
    }

    private ClinicalCode InsuredPayer(ref Rng rng, in PersonTraits person, int age, bool esrd)
    {
        if (age >= 65 || esrd)
        {
            return rng.Chance(0.93) ? Codes.Medicare : Codes.Private;
        }
        var share = (age < 19 ? plan.Medicaid.Children : plan.Medicaid.Adults) * ClinicalModel.MedicaidGroupFactor(person.Group);
        return rng.Chance(Math.Min(share, 0.9)) ? Codes.Medicaid : Codes.Private;
    }

    private static DateTime VisitTime(ref Rng rng, DateOnly from, int span) =>
        from.AddDays(rng.Next(span)).ToDateTime(new TimeOnly(rng.Between(14, 22), rng.Next(4) * 15)); // 8am–4pm Central, in UTC

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

}
