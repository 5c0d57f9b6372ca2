using Lodestar.Equity;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Reads one estimate per group for compare and disparity: either counts (<c>numerator,denominator</c> or
/// <c>events,population</c>) turned into a rate or proportion with its SE, or ready-made <c>value,se</c> (and
/// optionally <c>population</c>) for DSRs or survey estimates. An optional <c>order</c> column ranks ordered groups
/// (1 = most disadvantaged). Groups with a denominator of 0 are set aside with a note rather than failing the run.
/// </summary>
internal static class StatsGroups
{
    public static (List<GroupStatistic> Groups, List<string> Excluded) Read(StatsTable table, bool isProportion, double multiplier)
    {
        var g = table.Column("group");
        var order = table.OptionalColumn("order");
        var numerator = table.OptionalColumn("numerator") ?? table.OptionalColumn("events");
        var groups = new List<GroupStatistic>();
        var excluded = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (numerator is null && table.Has("value"))
        {
            var v = table.Column("value");
            var se = table.Column("se");
            var p = table.OptionalColumn("population");
            foreach (var row in table.Rows)
            {
                var name = Unique(table, row, g, seen);
                var sev = table.Number(row, se);
                if (sev < 0)
                {
                    throw table.Error(row, se, $"negative standard error {sev}");
                }
                var pop = p is { } pc ? table.Amount(row, pc) : 1;
                if (pop == 0)
                {
                    excluded.Add(name);
                    continue;
                }
                groups.Add(new GroupStatistic(name, table.Number(row, v), sev, pop, order is { } o ? table.Number(row, o) : null));
            }
            return (groups, excluded);
        }
        var x = numerator ?? table.Column("numerator");
        var n = table.OptionalColumn("denominator") ?? table.OptionalColumn("population") ?? table.Column("denominator");
        foreach (var row in table.Rows)
        {
            var name = Unique(table, row, g, seen);
            var count = table.Count(row, x);
            var denominator = isProportion ? table.Count(row, n) : table.Amount(row, n);
            double? rank = order is { } o ? table.Number(row, o) : null;
            if (denominator == 0)
            {
                excluded.Add(name);
                continue;
            }
            if (isProportion && count > denominator)
            {
                throw table.Error(row, x, $"{count} is greater than the denominator {denominator}");
            }
            groups.Add(isProportion
                ? GroupStatistic.FromProportion(name, count, (long)denominator, multiplier, rank)
                : GroupStatistic.FromRate(name, count, denominator, multiplier, rank));
        }
        return (groups, excluded);
    }

    private static string Unique(StatsTable table, IO.CsvRecord row, int column, HashSet<string> seen)
    {
        var name = table.Text(row, column);
        return seen.Add(name) ? name : throw table.Error(row, column, $"group '{name}' appears twice");
    }
}
