using Lodestar.Equity;
using Lodestar.Geography;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Model;
using Lodestar.Mission.State;

namespace Lodestar.Mission.Measures;

/// <summary>
/// Computes the mission measures (docs/missions.md, "Measures") from the non-clinical inputs, the county registry
/// and the state data. Proportions carry Wilson 95% intervals; representation indices and participation-to-
/// prevalence ratios carry the group share's Wilson interval divided by the population share (which is taken as
/// known); reach per 1,000 and counts carry exact Poisson intervals (Lodestar.Equity.Rates).
/// </summary>
internal sealed class MissionMeasures(MissionInputs inputs, UsState state, ClinicalResults clinical)
{
    /// <summary>Groups below this share of the state (or of prevalence) are too small for a headline index.</summary>
    public const double MinimumShare = 0.01;

    private readonly CountyRegistry registry = CountyRegistry.Default;

    public MeasureResult Compute(MeasureTarget m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (MeasureCatalog.IsClinical(m.Measure))
        {
            return clinical.Result(m.Measure[MeasureCatalog.ClinicalPrefix.Length..]);
        }
        var info = MeasureCatalog.All[m.Measure];
        string? P(string key) => m.Parameters.TryGetValue(key, out var v) ? v : null;
        return m.Measure switch
        {
            "graduates-in-state" => Graduates(info, P("program"), g => g.PracticeState is not null, g => g.PracticeState == state.Abbreviation),
            "graduates-rural" => Graduates(info, P("program"), g => g.PracticeCounty is not null, g => registry.GetCounty(g.PracticeCounty!).IsRural),
            "graduates-shortage-area" => Graduates(info, P("program"), g => g.PracticeCounty is not null, g => registry.GetCounty(g.PracticeCounty!).IsPrimaryCareShortageArea),
            "graduates-primary-care" => Graduates(info, P("program"), g => g.Specialty is not null, g => Vocabulary.PrimaryCare.Contains(g.Specialty)),
            "learner-representation" => Representation(info, P("group"),
                inputs.Learners.Where(l => P("program") is not { } p || l.Program == p).Select(l => (l.EntryYear, l.RaceEthnicity)), PopulationShares()),
            "workforce-representation" => Representation(info, P("group"),
                inputs.Workforce.Where(w => P("role") is not { } r || w.Role == r).Select(w => (w.Year, w.RaceEthnicity)), PopulationShares()),
            "trial-ppr" => Representation(info, P("group"), Participants(P("condition")).Select(p => (p.EnrolmentYear, p.RaceEthnicity)), PrevalenceShares(P("condition"))),
            "participants-rural" => ProportionByYear(info, Participants(P("condition")).Where(p => p.County is not null)
                .Select(p => (p.EnrolmentYear, registry.GetCounty(p.County!).IsRural, p.RaceEthnicity))),
            "community-engaged-studies" => ProportionByYear(info, inputs.Studies.Select(s => (s.StartYear, s.CommunityPartner, "")) ),
            "outreach-reach" => Reach(info, P("activity"), P("area") ?? "all"),
            "uninsured-served" => Uninsured(info, P("activity")),
            "uninsured-share" => ProportionByYear(info, Activity(P("activity")).Where(o => o.Insured != "unknown")
                .SelectMany(o => Enumerable.Repeat((o.Date.Year, o.Insured == "no", o.RaceEthnicity), (int)Math.Min(o.People, int.MaxValue)))),
            "state-death-rate-rank" => StateLevel(info, P("cause") ?? "All causes", rank: true),
            "state-rate-ratio-to-us" => StateLevel(info, P("cause") ?? "All causes", rank: false),
            "state-progress-rank" => StateProgressRank(info, P("cause") ?? "All causes"),
            _ => throw new InvalidOperationException("Unhandled measure " + m.Measure),
        };
    }

    private MeasureResult Graduates(MeasureInfo info, string? program, Func<Learner, bool> known, Func<Learner, bool> hit)
    {
        var graduates = inputs.Learners.Where(l => l.GraduationYear is not null && (program is null || l.Program == program) && known(l));
        return ProportionByYear(info, graduates.Select(g => (g.GraduationYear!.Value, hit(g), g.RaceEthnicity)),
            "no graduates with a known practice location or specialty in learners.csv");
    }

    /// <summary>Share of records that are hits, per year, with the race/ethnicity groups of the latest year.</summary>
    internal static MeasureResult ProportionByYear(MeasureInfo info, IEnumerable<(int Year, bool Hit, string Group)> records, string empty = "no records in the inputs")
    {
        var byYear = records.GroupBy(r => r.Year).OrderBy(g => g.Key).ToArray();
        if (byYear.Length == 0)
        {
            return MeasureResult.Empty(info.Title, info.Unit, empty);
        }
        var series = byYear.Select(g =>
        {
            long n = g.LongCount(), x = g.LongCount(r => r.Hit);
            var e = Proportions.Wilson(x, n);
            return new YearValue(g.Key, e.Value, e.Lower, e.Upper, x, n);
        }).ToArray();
        var groups = byYear[^1].Where(r => r.Group.Length > 0 && r.Group != "unknown").GroupBy(r => r.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            long n = g.LongCount(), x = g.LongCount(r => r.Hit);
            var e = Proportions.Wilson(x, n);
            return new GroupValue(g.Key, e.Value, e.Lower, e.Upper, n);
        }).ToArray();
        return new MeasureResult(info.Title, info.Unit, series, groups, null);
    }

    /// <summary>
    /// Share of a cohort in each group ÷ the group's reference share (state population, or prevalence). The headline
    /// is the named group's index, or else the lowest index among groups whose reference share is at least 1%.
    /// Records of unknown race/ethnicity are left out of the cohort total, as the index compares known groups.
    /// </summary>
    internal static MeasureResult Representation(MeasureInfo info, string? group, IEnumerable<(int Year, string Group)> cohort, IReadOnlyDictionary<string, double> reference)
    {
        var byYear = cohort.Where(c => c.Group != "unknown").GroupBy(c => c.Year).OrderBy(g => g.Key).ToArray();
        if (byYear.Length == 0)
        {
            return MeasureResult.Empty(info.Title, info.Unit, "no records with a known race/ethnicity in the inputs");
        }
        if (group is not null && !reference.ContainsKey(group))
        {
            return MeasureResult.Empty(info.Title, info.Unit, $"no reference share for group '{group}'");
        }
        List<GroupValue> Indices(IGrouping<int, (int Year, string Group)> year)
        {
            long total = year.LongCount();
            return reference.Where(r => r.Value > 0).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
            {
                long x = year.LongCount(c => c.Group == r.Key);
                var e = Proportions.Wilson(x, total);
                return new GroupValue(r.Key, e.Value / r.Value, e.Lower / r.Value, e.Upper / r.Value, x);
            }).ToList();
        }
        var series = new List<YearValue>();
        List<GroupValue> last = [];
        foreach (var year in byYear)
        {
            last = Indices(year);
            var pick = group is not null ? last.Single(g => g.Group == group)
                : last.Where(g => reference[g.Group] >= MinimumShare).MinBy(g => g.Value);
            if (pick is not null)
            {
                series.Add(new YearValue(year.Key, pick.Value, pick.Lower, pick.Upper, pick.Count, year.LongCount()));
            }
        }
        var title = group is null ? info.Title + " — lowest group" : info.Title + " — " + group;
        return new MeasureResult(title, info.Unit, series, last, null);
    }

    private Dictionary<string, double> PopulationShares() =>
        Enum.GetValues<OmbGroup>().ToDictionary(Vocabulary.Code, g => state.Share(g), StringComparer.Ordinal);

    /// <summary>prevalence.csv for the condition when given; otherwise the state population (then PPR = representation).</summary>
    private Dictionary<string, double> PrevalenceShares(string? condition)
    {
        var rows = inputs.Prevalence.Where(p => condition is not null && p.Condition == condition && p.RaceEthnicity != "unknown").ToArray();
        if (rows.Length == 0)
        {
            return PopulationShares();
        }
        var sum = rows.Sum(r => r.Share);
        return rows.ToDictionary(r => r.RaceEthnicity, r => r.Share / sum, StringComparer.Ordinal);
    }

    private IEnumerable<Participant> Participants(string? condition)
    {
        var studies = inputs.Studies.Where(s => condition is null || s.Condition == condition).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return inputs.Participants.Where(p => studies.Contains(p.StudyId));
    }

    private IEnumerable<OutreachActivity> Activity(string? activity) =>
        inputs.Outreach.Where(o => (activity is null || o.Activity == activity) && o.County.StartsWith(state.Fips, StringComparison.Ordinal));

    private bool InArea(County c, string area) => area switch
    {
        "rural" => c.IsRural,
        "urban" => !c.IsRural,
        _ => true,
    };

    /// <summary>People reached per 1,000 residents of the state's counties in the area (Census estimate for the year).</summary>
    private MeasureResult Reach(MeasureInfo info, string? activity, string area)
    {
        var rows = Activity(activity).Where(o => InArea(registry.GetCounty(o.County), area)).ToArray();
        if (rows.Length == 0)
        {
            return MeasureResult.Empty(info.Title, info.Unit, "no outreach rows for this activity and area in the state");
        }
        var counties = state.Counties.Where(c => InArea(c, area)).ToArray();
        var series = rows.GroupBy(o => o.Date.Year).OrderBy(g => g.Key).Select(g =>
        {
            var people = g.Sum(o => o.People);
            var population = counties.Sum(c => c.Population.ForYear(g.Key));
            var r = Rates.Crude(people, population, 1000);
            return new YearValue(g.Key, r.Value, r.Lower, r.Upper, people, population);
        }).ToArray();
        var lastYear = series[^1].Year;
        var groups = new List<GroupValue>();
        foreach (var rural in new[] { true, false })
        {
            var people = rows.Where(o => o.Date.Year == lastYear && registry.GetCounty(o.County).IsRural == rural).Sum(o => o.People);
            var population = counties.Where(c => c.IsRural == rural).Sum(c => c.Population.ForYear(lastYear));
            if (population > 0)
            {
                var r = Rates.Crude(people, population, 1000);
                groups.Add(new GroupValue(rural ? "rural (RUCC 4–9)" : "urban (RUCC 1–3)", r.Value, r.Lower, r.Upper, people));
            }
        }
        var totalAcs = counties.Aggregate(default(RaceEthnicityCounts), (s, c) => s + c.RaceEthnicity);
        var scale = (double)counties.Sum(c => c.Population.ForYear(lastYear)) / Math.Max(1, totalAcs.Total);
        foreach (var g in Enum.GetValues<OmbGroup>())
        {
            var code = Vocabulary.Code(g);
            var people = rows.Where(o => o.Date.Year == lastYear && o.RaceEthnicity == code).Sum(o => o.People);
            var population = totalAcs[g] * scale;
            if (population >= 1000)
            {
                var r = Rates.Crude(people, population, 1000);
                groups.Add(new GroupValue(code, r.Value, r.Lower, r.Upper, people));
            }
        }
        return new MeasureResult(info.Title + (area == "all" ? "" : $" ({area} counties)") + (activity is null ? "" : $" — {activity}"), info.Unit, series, groups, null);
    }

    /// <summary>Reach per 1,000 residents for each county of the state in the latest year (for the map table).</summary>
    public IReadOnlyList<(County County, long People, double Per1000)> ReachByCounty(string? activity)
    {
        var rows = Activity(activity).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }
        var year = rows.Max(o => o.Date.Year);
        var people = rows.Where(o => o.Date.Year == year).GroupBy(o => o.County).ToDictionary(g => g.Key, g => g.Sum(o => o.People), StringComparer.Ordinal);
        return state.Counties.Select(c =>
        {
            var n = people.GetValueOrDefault(c.Fips);
            return (c, n, n * 1000.0 / Math.Max(1, c.Population.ForYear(year)));
        }).ToArray();
    }

    private MeasureResult Uninsured(MeasureInfo info, string? activity)
    {
        var rows = Activity(activity).ToArray();
        if (rows.Length == 0)
        {
            return MeasureResult.Empty(info.Title, info.Unit, "no outreach rows in the state");
        }
        var series = rows.GroupBy(o => o.Date.Year).OrderBy(g => g.Key).Select(g =>
        {
            var n = g.Where(o => o.Insured == "no").Sum(o => o.People);
            var r = Rates.Crude(n, 1, 1);
            return new YearValue(g.Key, n, r.Lower, r.Upper, n, null);
        }).ToArray();
        var last = series[^1].Year;
        var groups = rows.Where(o => o.Date.Year == last && o.Insured == "no" && o.RaceEthnicity != "unknown").GroupBy(o => o.RaceEthnicity)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var n = g.Sum(o => o.People);
                var r = Rates.Crude(n, 1, 1);
                return new GroupValue(g.Key, n, r.Lower, r.Upper, n);
            }).ToArray();
        return new MeasureResult(info.Title, info.Unit, series, groups, null);
    }

    private MeasureResult StateLevel(MeasureInfo info, string cause, bool rank)
    {
        var r = StateProgress.Rank(state.Abbreviation, cause);
        var series = r.Levels.Select(l => rank ? new YearValue(l.Year, l.Rank, l.Rank, l.Rank) : new YearValue(l.Year, l.RatioToUs, l.RatioToUs, l.RatioToUs)).ToArray();
        return new MeasureResult($"{info.Title} — {cause}", info.Unit, series, [], "published rates: no sampling interval");
    }

    private MeasureResult StateProgressRank(MeasureInfo info, string cause)
    {
        var r = StateProgress.Rank(state.Abbreviation, cause);
        var last = r.Levels[^1].Year;
        var note = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"APC {r.Apc:F2}%/yr (95% CI {r.ApcLower:F2} to {r.ApcUpper:F2}), {r.Levels[0].Year}–{last}; rank {r.ProgressRank} of {r.StateCount}");
        return new MeasureResult($"{info.Title} — {cause}", info.Unit, [new YearValue(last, r.ProgressRank, r.ProgressRank, r.ProgressRank)], [], note);
    }
}
