using Lodestar.Equity;
using Lodestar.Geography;

namespace Lodestar.Mission.State;

/// <summary>
/// Ranks a state among the 50 states and DC on a cause of death: by level each year (1 = lowest age-adjusted
/// rate) and by rate of progress over the whole period (1 = steepest fall), the S1/S3 measures of the design
/// notes. Progress is the annual percent change from an unweighted log-linear fit (NCHS publishes no standard
/// errors in this file), as SEER*Stat fits it; ties share the better rank.
/// </summary>
internal static class StateProgress
{
    public static StateRanking Rank(string stateCode, string cause, StateDeathRates? data = null)
    {
        data ??= StateDeathRates.Default;
        var name = CountyRegistry.Default.GetState(stateCode).Name;
        if (!data.Causes.Contains(cause, StringComparer.Ordinal))
        {
            throw new Lodestar.Diagnostics.UserErrorException($"cause '{cause}' is not in the NCHS data (one of: {string.Join(", ", data.Causes)})");
        }
        var levels = new List<(int, double, int, double)>();
        foreach (var year in data.Years)
        {
            var all = data.States.Select(s => data.Rate(cause, s, year)).OfType<double>().ToArray();
            if (data.Rate(cause, name, year) is not { } rate)
            {
                continue;
            }
            var us = data.Rate(cause, StateDeathRates.UnitedStates, year) ?? double.NaN;
            levels.Add((year, rate, 1 + all.Count(r => r < rate), rate / us));
        }
        var apcs = data.States.ToDictionary(s => s, s => Apc(data, cause, s), StringComparer.Ordinal);
        var own = apcs[name];
        var rank = 1 + apcs.Values.Count(a => a.Apc < own.Apc);
        return new StateRanking(name, cause, levels, own.Apc, own.Lower, own.Upper, rank, data.States.Count);
    }

    private static (double Apc, double Lower, double Upper) Apc(StateDeathRates data, string cause, string state)
    {
        var points = data.Years.Select(y => (y, data.Rate(cause, state, y))).Where(p => p.Item2 is > 0)
            .Select(p => new TrendPoint(p.y, p.Item2!.Value, 0)).ToArray();
        var t = Trend.AnnualPercentChange(points, weighted: false);
        return (t.Apc ?? double.NaN, t.Lower ?? double.NaN, t.Upper ?? double.NaN);
    }
}
