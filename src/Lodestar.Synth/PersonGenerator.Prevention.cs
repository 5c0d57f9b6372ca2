namespace Lodestar.Synth;

// Screenings and immunizations: whether a person is a "screener" is one draw with the planted
// probability; dates are laid out so a measure's look-back finds the test in any year of the window.
internal sealed partial class PersonGenerator
{
    // Childhood schedule (CDC/ACIP 2021): vaccine, age in days at each dose, and whether the dose
    // counts towards the CMS117 series due by the 2nd birthday.
    private static readonly (ClinicalCode Vaccine, int Days, bool ByTwo)[] ChildhoodSchedule =
    [
        (Codes.HepB, 0, true), (Codes.HepB, 60, true), (Codes.HepB, 180, true),
        (Codes.DTaP, 60, true), (Codes.DTaP, 120, true), (Codes.DTaP, 180, true), (Codes.DTaP, 450, true), (Codes.DTaP, 1460, false),
        (Codes.Ipv, 60, true), (Codes.Ipv, 120, true), (Codes.Ipv, 180, true), (Codes.Ipv, 1460, false),
        (Codes.Hib, 60, true), (Codes.Hib, 120, true), (Codes.Hib, 365, true),
        (Codes.Pcv13, 60, true), (Codes.Pcv13, 120, true), (Codes.Pcv13, 180, true), (Codes.Pcv13, 365, true),
        (Codes.Rotavirus, 60, true), (Codes.Rotavirus, 120, true), (Codes.Rotavirus, 180, true),
        (Codes.Mmr, 365, true), (Codes.Mmr, 1460, false),
        (Codes.Varicella, 365, true), (Codes.Varicella, 1460, false),
        (Codes.HepA, 365, true), (Codes.HepA, 545, false),
    ];

    private void Screenings(ref Rng rng, in PersonTraits person, DateOnly lastAlive, bool aliveAtEnd)
    {
        var windowStart = plan.WindowStart;
        var ageAtEnd = person.AgeOn(plan.AsOf);
        if (person.Female)
        {
            // Mammography (CMS125: women 52–74, a mammogram in the 27 months to the year's end): screeners
            // go every 23–25 months from a random point in the two years before the window.
            var screener = rng.Chance(plan.Probability(Outcome.Mammography, person, ageAtEnd));
            if (screener)
            {
                for (var d = windowStart.AddDays(-730 + rng.Next(730)); d <= lastAlive; d = d.AddDays(rng.Between(700, 760)))
                {
                    var age = person.AgeOn(d);
                    if (age is >= 48 and <= 75)
                    {
                        procedures.Add(new DatedCode(d, Codes.Mammography, Codes.MammographySnomed));
                    }
                }
            }
            if (aliveAtEnd && ageAtEnd is >= 52 and <= 74)
            {
                plan.Record(outputTally!, Outcome.Mammography, person, ageAtEnd, screener);
            }

            // Cervical cytology (CMS124: women 24–64, cytology within 3 years): every 33–36 months.
            var cervical = rng.Chance(plan.Probability(Outcome.CervicalScreening, person, ageAtEnd));
            if (cervical)
            {
                for (var d = windowStart.AddDays(-1095 + rng.Next(1095)); d <= lastAlive; d = d.AddDays(rng.Between(1005, 1095)))
                {
                    var age = person.AgeOn(d);
                    if (age is >= 21 and <= 65)
                    {
                        procedures.Add(new DatedCode(d, Codes.CervicalCytology, null));
                    }
                }
            }
            if (aliveAtEnd && ageAtEnd is >= 24 and <= 64)
            {
                plan.Record(outputTally!, Outcome.CervicalScreening, person, ageAtEnd, cervical);
            }
        }

        // Colonoscopy (CMS130: 46–75, within 10 years): one, in the 4 years before the window, or soon
        // after turning 45 when that happens inside the window.
        var colon = rng.Chance(plan.Probability(Outcome.ColorectalScreening, person, ageAtEnd));
        if (colon && ageAtEnd >= 45)
        {
            var turned45 = person.BirthDate.AddYears(45);
            var earliest = windowStart.AddYears(-4);
            var date = turned45 >= windowStart
                ? turned45.AddDays(rng.Next(300))
                : (turned45 > earliest ? turned45 : earliest).AddDays(rng.Next(Math.Max(1, windowStart.DayNumber - (turned45 > earliest ? turned45 : earliest).DayNumber)));
            if (date <= lastAlive && person.AgeOn(date) <= 76)
            {
                procedures.Add(new DatedCode(date, Codes.Colonoscopy, Codes.ColonoscopySnomed));
            }
        }
        if (aliveAtEnd && ageAtEnd is >= 46 and <= 75)
        {
            plan.Record(outputTally!, Outcome.ColorectalScreening, person, ageAtEnd, colon);
        }
        procedures.Sort();
    }

    private void Immunizations(ref Rng rng, in PersonTraits person, DateOnly lastAlive, bool aliveAtEnd)
    {
        // Influenza: one draw per season (vaccinated September–November), from the season before the window.
        for (var season = plan.FirstYear - 1; season <= plan.LastYear; season++)
        {
            var date = new DateOnly(season, 9, 1).AddDays(rng.Next(91));
            var ageAtSeasonEnd = person.AgeOn(new DateOnly(season + 1, 3, 31));
            var eligible = date.DayNumber - person.BirthDate.DayNumber >= 182 && date <= lastAlive;
            var vaccinated = rng.Chance(plan.Probability(Outcome.FluVaccination, person, ageAtSeasonEnd));
            if (eligible && vaccinated)
            {
                var u = rng.NextDouble();
                immunizations.Add(new DatedCode(date, Codes.Influenza[u < 0.5 ? 0 : u < 0.8 ? 1 : 2], null));
            }
            if (season == plan.LastYear - 1 && eligible && lastAlive >= new DateOnly(season + 1, 3, 31))
            {
                plan.Record(outputTally!, Outcome.FluVaccination, person, ageAtSeasonEnd, vaccinated);
            }
        }

        // Childhood series for children born up to 7 years before the window.
        if (person.BirthDate >= plan.WindowStart.AddYears(-7))
        {
            var complete = rng.Chance(plan.Probability(Outcome.ChildhoodImmunization, person, 2));
            var missing = 0UL;
            if (!complete)
            {
                for (var m = 1 + rng.Next(3); m > 0; m--)
                {
                    int dose;
                    do
                    {
                        dose = rng.Next(ChildhoodSchedule.Length);
                    }
                    while (!ChildhoodSchedule[dose].ByTwo);
                    missing |= 1UL << dose;
                }
            }
            for (var i = 0; i < ChildhoodSchedule.Length; i++)
            {
                var (vaccine, days, _) = ChildhoodSchedule[i];
                var date = person.BirthDate.AddDays(days + rng.Next(days >= 1460 ? 700 : 21));
                if ((missing & (1UL << i)) == 0 && date <= lastAlive)
                {
                    immunizations.Add(new DatedCode(date, vaccine, null));
                }
            }
            var second = person.BirthDate.AddYears(2);
            if (second.Year == plan.LastYear && aliveAtEnd)
            {
                plan.Record(outputTally!, Outcome.ChildhoodImmunization, person, 2, complete);
            }
        }
        immunizations.Sort();
    }
}
