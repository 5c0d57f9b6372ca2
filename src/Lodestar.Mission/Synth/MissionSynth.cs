using System.Globalization;
using System.Text.Json;
using Lodestar.Diagnostics;
using Lodestar.Geography;
using Lodestar.IO;
using Lodestar.Mission.Inputs;

namespace Lodestar.Mission.Synth;

/// <summary>
/// Deterministic synthetic non-clinical inputs for a state (learners, workforce, studies, participants, prevalence,
/// outreach), drawn from the real county populations, race/ethnicity shares, rurality (RUCC) and uninsured rates of
/// the county registry, with planted effects written to ground-truth.json. Sizes resemble a state academic health
/// center (≈150 MD matriculants a year); shares that are not in the registry are stated beside each constant.
/// </summary>
public static class MissionSynth
{
    private static readonly (string Program, int Cohort, int Years)[] Programs =
    [
        ("md", 150, 4), ("dmd", 40, 4), ("nursing", 220, 4), ("pharmacy", 60, 4), ("allied-health", 140, 2), ("residency", 180, 3),
    ];

    private static readonly string[] PhysicianPrimaryCare = ["family-medicine", "general-internal-medicine", "general-pediatrics", "internal-medicine-pediatrics"];
    private static readonly string[] PhysicianOther = ["general-surgery", "psychiatry", "emergency-medicine", "obstetrics-gynecology", "cardiology", "radiology", "anesthesiology"];

    /// <summary>
    /// Relative prevalence of diagnosed diabetes by group vs non-Hispanic White, from the CDC National Diabetes
    /// Statistics Report 2020 (age-adjusted, 2017–2018: AI/AN 14.7%, Hispanic 12.5%, Black 11.7%, Asian 9.2%,
    /// White 7.5%); hypertension: Black adults ≈1.3× (CDC NHANES 2017–2018 data brief 364). Other conditions 1.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, double>> RelativePrevalence = new(StringComparer.Ordinal)
    {
        ["diabetes"] = new(StringComparer.Ordinal) { ["aian"] = 14.7 / 7.5, ["hispanic"] = 12.5 / 7.5, ["black"] = 11.7 / 7.5, ["asian"] = 9.2 / 7.5 },
        ["hypertension"] = new(StringComparer.Ordinal) { ["black"] = 1.3 },
        ["cancer"] = new(StringComparer.Ordinal),
        ["heart-disease"] = new(StringComparer.Ordinal),
        ["asthma"] = new(StringComparer.Ordinal),
        ["depression"] = new(StringComparer.Ordinal),
    };

    /// <summary>The group whose under-representation is planted, per demo state (the largest minority group of concern).</summary>
    private static string FocusGroup(string state) => state switch
    {
        "NM" => "aian",
        _ => "black",
    };

    private static string NeighbourState(string state) => state switch
    {
        "MS" => "TN",
        "NM" => "TX",
        "MO" => "IL",
        _ => "DC",
    };

    /// <summary>The effects the generator plants for a state (also written to ground-truth.json).</summary>
    public static IReadOnlyList<PlantedEffect> Effects(string state)
    {
        var g = FocusGroup(state.ToUpperInvariant());
        return
        [
            new("learner-representation", $"learner-representation(group={g})", $"MD matriculants in group '{g}' are drawn at half their share of the state population", 0.5),
            new("faculty-representation", $"workforce-representation(group={g},role=faculty)", $"faculty in group '{g}' are drawn at 0.4 of their state share", 0.4),
            new("rural-origin", "graduates-rural", "graduates from rural home counties practise in rural counties at 45%, others at 15% (in state)", 0.45),
            new("trial-ppr", $"trial-ppr(condition=diabetes,group={g})", $"diabetes trial participants in group '{g}' enrol at 0.6 of their prevalence share", 0.6),
            new("rural-telehealth", "outreach-reach(activity=telehealth,area=rural)", "telehealth reaches rural residents at twice the per-capita rate of urban residents (ratio)", 2.0),
            new("retention-trend", "graduates-in-state(program=md)", "MD in-state retention rises 1.5 points a graduation year from 50% in 2016", 0.015),
        ];
    }

    /// <summary>
    /// Shares with the focus group's share multiplied by <paramref name="multiplier"/> and the other groups scaled to
    /// fill the rest in proportion, so the drawn share is exactly multiplier × share (the planted ratio, unbiased).
    /// </summary>
    private static double[] Scale(IReadOnlyList<double> shares, string focus, double multiplier)
    {
        var f = Array.IndexOf(Vocabulary.RaceEthnicity, focus);
        var total = shares.Sum();
        var focusShare = shares[f] / total;
        var others = (1 - focusShare * multiplier) / (1 - focusShare);
        return shares.Select((s, i) => i == f ? s / total * multiplier : s / total * others).ToArray();
    }

    /// <summary>Writes learners.csv, workforce.csv, studies.csv, participants.csv, prevalence.csv, outreach.csv and ground-truth.json.</summary>
    public static void Write(string stateCode, ulong seed, string outputDirectory, int firstYear = 2016, int lastYear = 2025)
    {
        if (!CountyRegistry.Default.TryGetState(stateCode, out var state))
        {
            throw new UserErrorException($"--state {stateCode}: not a US state code.");
        }
        if (firstYear > lastYear)
        {
            throw new UserErrorException($"years {firstYear}..{lastYear}: the first year is after the last.");
        }
        using var output = new AtomicDirectory(outputDirectory);
        var dir = output.StagingPath;
        var rng = new SplitMix(seed ^ 0x4D495353494F4EUL);
        var counties = state.Counties.Where(c => c.Population.Census2020 > 0).ToArray();
        var rural = counties.Where(c => c.IsRural).ToArray();
        var urban = counties.Where(c => !c.IsRural).ToArray();
        var neighbour = CountyRegistry.Default.GetState(NeighbourState(state.Abbreviation)).Counties.ToArray();
        var focus = FocusGroup(state.Abbreviation);
        var groupShares = Enum.GetValues<OmbGroup>().Select(state.Share).ToArray();

        string Group(double focusMultiplier) => Vocabulary.RaceEthnicity[rng.Pick(Scale(groupShares, focus, focusMultiplier))];
        County PickCounty(County[] pool) => pool[rng.Pick(pool.Select(c => (double)c.Population.Census2020).ToArray())];
        string Sex() => rng.Chance(0.55) ? "female" : "male";
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);

        using (var csv = CsvFiles.Create(Path.Combine(dir, "learners.csv")))
        {
            csv.WriteRow(InputReader.Schemas["learners.csv"]);
            var id = 0;
            foreach (var (program, cohort, years) in Programs)
            {
                for (var entry = firstYear - years; entry <= lastYear; entry++)
                {
                    for (var k = 0; k < cohort; k++)
                    {
                        var group = Group(program == "md" ? 0.5 : 0.85);
                        var home = PickCounty(counties);
                        var grad = entry + years;
                        string? practiceState = null, practiceCounty = null, specialty = null;
                        if (grad < lastYear)
                        {
                            var inState = Math.Clamp(0.5 + 0.015 * (grad - 2016) + (home.IsRural ? 0.1 : 0), 0.05, 0.95);
                            if (program != "md")
                            {
                                inState = 0.65;
                            }
                            if (rng.Chance(inState))
                            {
                                var practiseRural = rng.Chance(home.IsRural ? 0.45 : 0.15);
                                var c = PickCounty(practiseRural && rural.Length > 0 ? rural : urban.Length > 0 ? urban : counties);
                                (practiceState, practiceCounty) = (state.Abbreviation, c.Fips);
                            }
                            else
                            {
                                var c = neighbour[rng.Pick(neighbour.Select(n => (double)n.Population.Census2020).ToArray())];
                                (practiceState, practiceCounty) = (c.StateAbbreviation, c.Fips);
                            }
                            specialty = program switch
                            {
                                "md" or "residency" => rng.Chance(0.35) ? PhysicianPrimaryCare[rng.Below(4)] : PhysicianOther[rng.Below(PhysicianOther.Length)],
                                "dmd" => rng.Chance(0.8) ? "general-dentistry" : "oral-surgery",
                                _ => rng.Chance(0.4) ? "primary-care" : "hospital-care",
                            };
                        }
                        csv.WriteRow($"L{++id:D6}", program, I(entry), grad <= lastYear ? I(grad) : "", Sex(), group, home.Fips, practiceState, practiceCounty, specialty);
                    }
                }
            }
        }

        using (var csv = CsvFiles.Create(Path.Combine(dir, "workforce.csv")))
        {
            csv.WriteRow(InputReader.Schemas["workforce.csv"]);
            var id = 0;
            for (var year = firstYear; year <= lastYear; year++)
            {
                foreach (var (role, n, multiplier) in new[] { ("faculty", 900, 0.4), ("staff", 3000, 1.1), ("resident", 540, 0.7) })
                {
                    for (var k = 0; k < n; k++)
                    {
                        csv.WriteRow($"W{++id:D7}", role, I(year), Sex(), Group(multiplier));
                    }
                }
            }
        }

        var conditions = RelativePrevalence.Keys.Order(StringComparer.Ordinal).ToArray();
        var prevalence = conditions.ToDictionary(c => c, c =>
        {
            var raw = Enum.GetValues<OmbGroup>().Select(g => state.Share(g) * RelativePrevalence[c].GetValueOrDefault(Vocabulary.Code(g), 1.0)).ToArray();
            var sum = raw.Sum();
            return raw.Select(r => r / sum).ToArray();
        }, StringComparer.Ordinal);
        using (var csv = CsvFiles.Create(Path.Combine(dir, "prevalence.csv")))
        {
            csv.WriteRow(InputReader.Schemas["prevalence.csv"]);
            foreach (var c in conditions)
            {
                for (var g = 0; g < RaceEthnicityCounts.GroupCount; g++)
                {
                    csv.WriteRow(c, Vocabulary.RaceEthnicity[g], prevalence[c][g].ToString("0.######", CultureInfo.InvariantCulture));
                }
            }
        }

        using (var studies = CsvFiles.Create(Path.Combine(dir, "studies.csv")))
        using (var participants = CsvFiles.Create(Path.Combine(dir, "participants.csv")))
        {
            studies.WriteRow(InputReader.Schemas["studies.csv"]);
            participants.WriteRow(InputReader.Schemas["participants.csv"]);
            var pid = 0;
            for (var s = 1; s <= 60; s++)
            {
                var condition = s % 3 == 0 ? "diabetes" : conditions[rng.Below(conditions.Length)];
                var start = firstYear + rng.Below(lastYear - firstYear + 1);
                var studyId = $"S{s:D4}";
                studies.WriteRow(studyId, $"{condition} study {s}", condition, I(start), rng.Chance(0.3) ? "yes" : "no");
                var n = 40 + rng.Below(160);
                var weights = condition == "diabetes" ? Scale(prevalence[condition], focus, 0.6) : prevalence[condition];
                for (var k = 0; k < n; k++)
                {
                    var year = Math.Min(lastYear, start + rng.Below(3));
                    var county = PickCounty(rng.Chance(0.5) || rural.Length == 0 ? urban.Length > 0 ? urban : counties : counties);
                    participants.WriteRow($"P{++pid:D6}", studyId, I(year), Sex(), Vocabulary.RaceEthnicity[rng.Pick(weights)], county.Fips);
                }
            }
        }

        using (var csv = CsvFiles.Create(Path.Combine(dir, "outreach.csv")))
        {
            csv.WriteRow(InputReader.Schemas["outreach.csv"]);
            var eid = 0;
            for (var year = Math.Max(firstYear, lastYear - 4); year <= lastYear; year++)
            {
                foreach (var county in counties)
                {
                    var acs = county.RaceEthnicity;
                    foreach (var (activity, perThousand) in new[] { ("telehealth", county.IsRural ? 40.0 : 20.0), ("outreach", 8.0), ("free-clinic", 3.0) })
                    {
                        var expected = county.Population.ForYear(year) * perThousand / 1000;
                        var events = Math.Max(1, (int)Math.Round(expected / 150));
                        for (var e = 0; e < events; e++)
                        {
                            var date = new DateOnly(year, 1 + rng.Below(12), 1 + rng.Below(28));
                            var eventId = $"E{++eid:D7}";
                            var uninsured = Math.Min(0.9, county.UninsuredPercent / 100 * (activity == "free-clinic" ? 2.5 : 1.0));
                            for (var g = 0; g < RaceEthnicityCounts.GroupCount; g++)
                            {
                                var people = expected / events * acs.Share((OmbGroup)g) * (0.8 + 0.4 * rng.Uniform());
                                var total = (long)Math.Round(people);
                                if (total == 0)
                                {
                                    continue;
                                }
                                var no = (long)Math.Round(total * uninsured);
                                csv.WriteRow(eventId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), activity, county.Fips, Vocabulary.RaceEthnicity[g], "yes", I(total - no));
                                if (no > 0)
                                {
                                    csv.WriteRow(eventId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), activity, county.Fips, Vocabulary.RaceEthnicity[g], "no", I(no));
                                }
                            }
                        }
                    }
                }
            }
        }

        using (var stream = File.Create(Path.Combine(dir, "ground-truth.json")))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("state", state.Abbreviation);
            w.WriteNumber("seed", seed);
            w.WriteString("years", $"{firstYear}..{lastYear}");
            w.WriteStartArray("effects");
            foreach (var e in Effects(state.Abbreviation))
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("measure", e.Measure);
                w.WriteString("description", e.Description);
                w.WriteNumber("expected", e.Expected);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Commit();
    }
}
