namespace Lodestar.Synth;

// Encounters with the observations and orders made at them.
internal sealed partial class PersonGenerator
{
    private void WriteEncounters(BatchOutput output, ref Rng rng, in PersonTraits person, long index, DateOnly lastAlive)
    {
        var hypertensionOnset = onset[(int)ConditionKind.Hypertension];
        var diabetesOnset = onset[(int)ConditionKind.Diabetes];
        var statinEligible = onset[(int)ConditionKind.CoronaryHeartDisease] ?? (person.AgeOn(plan.AsOf) is >= 40 and <= 75 ? diabetesOnset : null);
        // Treatment uptake (NHANES: ~70% of diagnosed hypertensives treated; ~75% of type 2 diabetics on
        // metformin; ~60% of statin-eligible people on a statin).
        var onLisinopril = hypertensionOnset is not null && rng.Chance(0.7);
        var onMetformin = diabetesOnset is not null && rng.Chance(0.75);
        var onStatin = statinEligible is not null && rng.Chance(0.6);
        var statin = rng.Chance(0.8) ? Codes.Atorvastatin10 : Codes.Rosuvastatin10;
        var bmiBase = 24 + rng.NextDouble() * 6 + rng.NextDouble() * 6 + (diabetesOnset is null ? 0 : 3);

        var lastYear = plan.LastYear;
        bool? lastBpControlled = null;
        bool? lastA1cPoor = null;
        var bpYear = -1;
        var bpP = 0.0;
        var a1cYear = -1;
        var a1cP = 0.0;
        var lastA1cDate = DateOnly.MinValue;
        var vitalsYear = -1;
        var screenYear = -1;
        // Depression screening draws from its own stream, so every other record stays as it was without it.
        var screening = new Rng(plan.Seed, ScreeningStream | (ulong)index);
        var medsYear = -1;
        var observation = 0;
        var orders = 0;

        for (var i = 0; i < visits.Count; i++)
        {
            var visit = visits[i];
            var date = DateOnly.FromDateTime(visit.Start);
            if (date > lastAlive)
            {
                continue;
            }
            var end = visit.End;
            if (DateOnly.FromDateTime(end) > lastAlive)
            {
                end = lastAlive.ToDateTime(new TimeOnly(23, 0));
            }
            ResourceWriter.Encounter(output, i, visit, end);

            var age = person.AgeOn(date);
            var inPerson = visit.Kind is VisitKind.Office or VisitKind.Preventive;
            if (!inPerson && visit.Kind != VisitKind.Telehealth)
            {
                continue;
            }
            var year = date.Year;

            // Blood pressure at every in-person adult visit; hypertensives' control drawn per reading with the
            // year's probability, so the year's last reading is controlled with exactly that probability.
            if (inPerson && age >= 18)
            {
                bool controlled;
                if (hypertensionOnset is { } h && h <= date)
                {
                    if (bpYear != year)
                    {
                        bpYear = year;
                        bpP = plan.Probability(Outcome.BloodPressureControl, person, person.AgeOn(new DateOnly(year, 12, 31)));
                    }
                    controlled = rng.Chance(bpP);
                    if (year == lastYear)
                    {
                        lastBpControlled = controlled;
                    }
                }
                else
                {
                    controlled = !rng.Chance(0.06);
                }
                var systolic = controlled ? rng.Between(104, 139) : rng.Between(140, 178);
                var diastolic = controlled ? rng.Between(62, 89) : (systolic >= 140 ? rng.Between(70, 104) : rng.Between(90, 104));
                ResourceWriter.BloodPressure(output, observation++, i, visit.Start, systolic, diastolic);
            }

            // HbA1c for diabetics at the year's first in-person visit and again after ≥ 90 days (ADA: 2–4 a year).
            if (inPerson && diabetesOnset is { } dm && dm <= date && (lastA1cDate.Year != year || (date.DayNumber - lastA1cDate.DayNumber >= 90 && rng.Chance(0.6))))
            {
                if (a1cYear != year)
                {
                    a1cYear = year;
                    a1cP = plan.Probability(Outcome.A1cPoorControl, person, person.AgeOn(new DateOnly(year, 12, 31)));
                }
                var poor = rng.Chance(a1cP);
                if (year == lastYear)
                {
                    lastA1cPoor = poor;
                }
                var percent = poor ? 9.1 + rng.Next(35) / 10.0 : 5.8 + rng.Next(32) / 10.0;
                ResourceWriter.A1c(output, observation++, i, visit.Start, percent, rng.Chance(0.03));
                lastA1cDate = date;
            }
            else if (inPerson && age >= 45 && vitalsYear != year && rng.Chance(0.15))
            {
                ResourceWriter.A1c(output, observation++, i, visit.Start, 4.8 + rng.Next(16) / 10.0, rng.Chance(0.03));
            }

            // BMI once a year for adults, at the first in-person visit.
            if (inPerson && age >= 18 && vitalsYear != year)
            {
                vitalsYear = year;
                ResourceWriter.Bmi(output, observation++, i, visit.Start, Math.Round(bmiBase + (rng.NextDouble() - 0.5) * 1.6, 1));
            }

            // Depression screening (PHQ-9) once a year from age 12 at the first in-person visit, for a little over
            // half of patients: about the CMS2 performance rates reported for ambulatory practices.
            if (inPerson && age >= 12 && screenYear != year)
            {
                screenYear = year;
                if (screening.Chance(0.55))
                {
                    var score = screening.Chance(0.1) ? screening.Between(10, 27) : screening.Between(0, 9);
                    ResourceWriter.DepressionScreening(output, observation++, i, visit.Start, age >= 18, score);
                }
            }

            // Orders renewed at the first visit of each year once the condition is known.
            if (medsYear != year)
            {
                var any = false;
                if (onLisinopril && hypertensionOnset <= date)
                {
                    ResourceWriter.Medication(output, orders++, i, visit.Start, Codes.Lisinopril10);
                    any = true;
                }
                if (onMetformin && diabetesOnset <= date)
                {
                    ResourceWriter.Medication(output, orders++, i, visit.Start, Codes.Metformin500);
                    any = true;
                }
                if (onStatin && statinEligible <= date)
                {
                    ResourceWriter.Medication(output, orders++, i, visit.Start, statin);
                    any = true;
                }
                if (any || (hypertensionOnset is null && diabetesOnset is null && statinEligible is null))
                {
                    medsYear = year;
                }
            }
        }

        var ageAtEnd = person.AgeOn(plan.AsOf);
        if (lastBpControlled is { } bp && ageAtEnd is >= 18 and <= 85 && lastAlive == plan.AsOf)
        {
            plan.Record(output.Tally, Outcome.BloodPressureControl, person, ageAtEnd, bp);
        }
        if (lastA1cPoor is { } a1c && ageAtEnd is >= 18 and <= 75 && lastAlive == plan.AsOf)
        {
            plan.Record(output.Tally, Outcome.A1cPoorControl, person, ageAtEnd, a1c);
        }
    }
}
