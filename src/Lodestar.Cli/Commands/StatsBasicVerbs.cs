using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Equity;
using Lodestar.IO;

namespace Lodestar.Cli.Commands;

/// <summary><c>stats proportion</c> and <c>stats rate</c>: one output row per input row, input columns kept.</summary>
internal static class StatsBasicVerbs
{
    public static Command Proportion()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var suppress = StatsOptions.SuppressBelow();
        var method = new Option<string>("--method") { Description = "wilson (default) or clopper-pearson.", DefaultValueFactory = _ => "wilson" };
        var command = new Command("proportion",
            "Proportions numerator/denominator with Wilson (default) or Clopper–Pearson intervals. Input columns: group,numerator,denominator.\n\n" +
            "Example:\n  lodestar stats proportion --input docs/examples/stats/proportion.csv --out proportion-out.csv --per 100")
        {
            input, output, confidence, per, suppress, method,
        };
        command.SetAction(parse =>
        {
            var m = parse.GetValue(method)!.ToLowerInvariant() switch
            {
                "wilson" => ProportionMethod.Wilson,
                "clopper-pearson" or "exact" => ProportionMethod.ClopperPearson,
                var other => throw new UserErrorException($"--method: '{other}' is not one of wilson, clopper-pearson"),
            };
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), 1);
            return Run(parse, parse.GetValue(input)!, parse.GetValue(output)!, "numerator", "denominator", parse.GetValue(suppress), levels, multiplier, StatsOptions.Name(m),
                (table, row, x, n, col, c) =>
                {
                    if (x > n)
                    {
                        throw table.Error(row, col, $"{x} is greater than the denominator {n}");
                    }
                    var e = Proportions.Interval(x, (long)n, c, m);
                    return (e.Value * multiplier, e.Lower * multiplier, e.Upper * multiplier, StatsOptions.Name(m));
                },
                denominatorIsCount: true);
        });
        return command;
    }

    public static Command Rate()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var suppress = StatsOptions.SuppressBelow();
        var method = new Option<string>("--method") { Description = "auto (exact below 10 events, Byar from 10; default), exact or byar.", DefaultValueFactory = _ => "auto" };
        var command = new Command("rate",
            "Crude rates events/population (or person-time) with exact Poisson limits below 10 events and Byar's from 10 (PHE). Input columns: group,events,population.\n\n" +
            "Example:\n  lodestar stats rate --input docs/examples/stats/rate.csv --out rate-out.csv --suppress-below 11")
        {
            input, output, confidence, per, suppress, method,
        };
        command.SetAction(parse =>
        {
            var m = parse.GetValue(method)!.ToLowerInvariant() switch
            {
                "auto" => RateMethod.Auto,
                "exact" => RateMethod.Exact,
                "byar" or "byars" => RateMethod.Byar,
                var other => throw new UserErrorException($"--method: '{other}' is not one of auto, exact, byar"),
            };
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), 100_000);
            return Run(parse, parse.GetValue(input)!, parse.GetValue(output)!, "events", "population", parse.GetValue(suppress), levels, multiplier, StatsOptions.Name(m),
                (_, _, x, n, _, c) =>
                {
                    var r = Rates.Crude(x, n, multiplier, c, m);
                    return (r.Value, r.Lower, r.Upper, StatsOptions.Name(r.Method));
                },
                denominatorIsCount: false);
        });
        return command;
    }

    private delegate (double Value, double Lower, double Upper, string Method) Compute(StatsTable table, CsvRecord row, long x, double n, int countColumn, double confidence);

    /// <summary>
    /// Shared body: validate, optionally suppress small counts across the rows (one table, total = Σ counts), compute,
    /// and write the input columns followed by value, lower, upper, method, confidence, multiplier, suppressed, note.
    /// A suppressed row has its count blanked too: the point is that the count cannot be read off the file.
    /// </summary>
    private static int Run(ParseResult parse, string inputPath, string outputPath, string countName, string denominatorName, int suppressBelow,
        IReadOnlyList<double> levels, double multiplier, string methodName, Compute compute, bool denominatorIsCount)
    {
        var table = StatsTable.Read(inputPath);
        var g = table.Column("group");
        var xCol = table.Column(countName);
        var nCol = table.Column(denominatorName);
        var counts = new long[table.Rows.Count];
        var denominators = new double[table.Rows.Count];
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            _ = table.Text(row, g);
            counts[i] = table.Count(row, xCol);
            denominators[i] = denominatorIsCount ? table.Count(row, nCol) : table.Amount(row, nCol);
        }
        if (suppressBelow < 0)
        {
            throw new UserErrorException("--suppress-below: must be 0 (off) or a positive threshold");
        }
        var suppression = suppressBelow > 0 ? SmallCellSuppression.Apply(counts, counts.Sum(), suppressBelow) : null;

        var output = StatsLevels.Run(levels,
            confidence => Rows(table, xCol, counts, denominators, suppression, suppressBelow, denominatorName, confidence, multiplier, methodName, compute),
            inputColumns: table.Header.Count);
        return StatsCommand.Finish(parse, output, outputPath, "rows");
    }

    private static StatsOutput Rows(StatsTable table, int xCol, long[] counts, double[] denominators, SuppressionResult? suppression, int suppressBelow,
        string denominatorName, double confidence, double multiplier, string methodName, Compute compute)
    {
        var output = new StatsOutput(table.Header.Concat(["value", "lower", "upper", "method", "confidence", "multiplier", "suppressed", "note"]));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var cells = new List<object?>(row.Fields);
            var reason = suppression?.Cells[i] ?? SuppressionReason.None;
            if (reason != SuppressionReason.None)
            {
                cells[xCol] = null;
                cells.AddRange([null, null, null, methodName, confidence, multiplier, StatsOptions.Name(reason), $"count below {suppressBelow} or needed to protect one"]);
            }
            else if (denominators[i] == 0)
            {
                cells.AddRange([null, null, null, methodName, confidence, multiplier, "", $"not estimable: {denominatorName} is 0"]);
            }
            else
            {
                var (value, lower, upper, used) = compute(table, row, counts[i], denominators[i], xCol, confidence);
                cells.AddRange([value, lower, upper, used, confidence, multiplier, "", ""]);
            }
            output.Add([.. cells]);
        }
        return output;
    }
}
