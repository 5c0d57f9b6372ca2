using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.Equity;
using Lodestar.Geography;
using Lodestar.IO;
using Lodestar.Mission.Inputs;

namespace Lodestar.Mission.State;

/// <summary>
/// Ranks states on health equity between race/ethnicity groups from the state rows of County Health Rankings 2022
/// (life expectancy, premature age-adjusted mortality, YPLL by AIAN, Asian, Black, Hispanic and white). The rank
/// statistic is the between-group variance BGV = Σ pⱼ(rⱼ − μ)² with ACS population shares pⱼ (Harper &amp; Lynch 2005,
/// NCI HD*Calc; <see cref="DisparityIndices"/>): weighting by population keeps a small group's noisy estimate (e.g. a
/// Hispanic life expectancy of 97 in a state with few Hispanic residents) from deciding the rank, which the plain
/// max − min range would let it do. CHR is not public domain, so it is not embedded: the user gives the folder.
/// </summary>
internal sealed class StateEquity
{
    /// <summary>Why there is no equity-over-time ranking, in the words the CLI and docs use.</summary>
    public const string NoChangeOverTime =
        "Change in equity over time is not ranked: County Health Rankings 2022 is one release, the NCHS 1999–2017 death rates have no " +
        "race/ethnicity breakdown, and the staged data (shared/data, SOURCES.md) holds no other state series by race/ethnicity.";

    private static readonly (string Chr, OmbGroup Group)[] Groups =
    [
        ("AIAN", OmbGroup.AmericanIndianAlaskaNative), ("Asian", OmbGroup.Asian), ("Black", OmbGroup.Black),
        ("Hispanic", OmbGroup.Hispanic), ("white", OmbGroup.White),
    ];

    private readonly Dictionary<(string Indicator, string State), List<GroupEquity>> values = [];

    private StateEquity()
    {
    }

    /// <summary>Reads chr2022_additional_measures.csv and chr2022_ranked_measures.csv from <paramref name="folder"/>.</summary>
    public static StateEquity Load(string folder)
    {
        var equity = new StateEquity();
        foreach (var file in EquityIndicator.All.Select(i => i.File).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                throw new UserErrorException($"--chr {folder}: no {file} (County Health Rankings 2022 national data, CSV with one header row 'group | column'; see docs/missions.md)");
            }
            equity.Read(path, EquityIndicator.All.Where(i => i.File == file).ToArray());
        }
        return equity;
    }

    private void Read(string path, EquityIndicator[] indicators)
    {
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(text, path);
        var header = csv.ReadHeader().ToList();
        int Col(string name) => header.IndexOf(name) is var i and >= 0 ? i
            : throw new UserErrorException(new Diagnostic(path, 1, name, "no such column; expected the CHR 2022 national file"));
        var fips = Col("FIPS");
        var stateName = Col("State");
        var columns = indicators.SelectMany(ind => Groups.Select(g => (ind, g.Group,
            Value: Col($"{ind.Column} ({g.Chr})"), Lower: Col($"{ind.Column} ({g.Chr}) 95% CI - Low"), Upper: Col($"{ind.Column} ({g.Chr}) 95% CI - High"),
            Unreliable: header.IndexOf($"{ind.Column} ({g.Chr}) Unreliable")))).ToArray();
        var states = CountyRegistry.Default.States.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new UserErrorException(e);
            }
            var f = record.Fields;
            // State rows are FIPS xx000; 00000 is the nation.
            if (!f[fips].EndsWith("000", StringComparison.Ordinal) || f[fips] == "00000")
            {
                continue;
            }
            if (!states.TryGetValue(f[stateName], out var state))
            {
                throw new UserErrorException(new Diagnostic(path, record.Line, "State", $"'{f[stateName]}' is not a state name"));
            }
            foreach (var c in columns)
            {
                if (f[c.Value].Length == 0 || (c.Unreliable >= 0 && f[c.Unreliable].Length > 0))
                {
                    continue;  // not published, or flagged unreliable by CHR (fewer than 20 deaths)
                }
                double Number(int column) => double.TryParse(f[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                    : throw new UserErrorException(new Diagnostic(path, record.Line, header[column], $"'{f[column]}' is not a number"));
                var key = (c.ind.Id, state.Abbreviation);
                if (!values.TryGetValue(key, out var list))
                {
                    values[key] = list = [];
                }
                list.Add(new GroupEquity(Vocabulary.Code(c.Group), Number(c.Value), Number(c.Lower), Number(c.Upper), state.RaceEthnicity[c.Group]));
            }
        }
    }

    /// <summary>The groups of a state on an indicator (those CHR publishes as reliable).</summary>
    public IReadOnlyList<GroupEquity> GroupsOf(string stateCode, EquityIndicator indicator) =>
        values.TryGetValue((indicator.Id, CountyRegistry.Default.GetState(stateCode).Abbreviation), out var list) ? list : [];

    /// <summary>
    /// The state's equity on the indicator and its rank on BGV among the states with at least two published groups;
    /// null when the state itself has fewer than two.
    /// </summary>
    public StateEquityRanking? Rank(string stateCode, EquityIndicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var state = CountyRegistry.Default.GetState(stateCode);
        var bgv = new Dictionary<string, DisparityIndex>(StringComparer.Ordinal);
        foreach (var s in CountyRegistry.Default.States)
        {
            if (GroupsOf(s.Abbreviation, indicator) is { Count: >= 2 } groups)
            {
                // The group's standard error recovered from CHR's 95% interval.
                var stats = groups.Select(g => new GroupStatistic(g.Group, g.Value, (g.Upper - g.Lower) / (2 * 1.959963984540054), g.Population)).ToArray();
                bgv[s.Abbreviation] = DisparityIndices.Compute(stats).Single(i => i.Name == "bgv");
            }
        }
        if (!bgv.TryGetValue(state.Abbreviation, out var own))
        {
            return null;
        }
        var mine = GroupsOf(state.Abbreviation, indicator);
        var total = (double)mine.Sum(g => g.Population);
        var large = mine.Where(g => g.Population / total >= Measures.MissionMeasures.MinimumShare).ToArray();
        var pool = large.Length >= 2 ? large : mine.ToArray();
        var low = pool.MinBy(g => g.Value)!;
        var high = pool.MaxBy(g => g.Value)!;
        var (worst, best) = indicator.HigherIsBetter ? (low, high) : (high, low);
        var rank = 1 + bgv.Values.Count(i => i.Value < own.Value);
        return new StateEquityRanking(state.Name, indicator, mine, worst, best, own.Value ?? 0, own.Lower ?? 0, own.Upper ?? double.NaN, rank, bgv.Count);
    }
}
