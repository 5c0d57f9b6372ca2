using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Equity;

namespace Lodestar.Cli.Commands;

/// <summary><c>stats compare</c> (each group against a reference) and <c>stats disparity</c> (summary indices across groups).</summary>
internal static class StatsGroupVerbs
{
    public static Command Compare()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var measure = StatsOptions.Measure();
        var direction = StatsOptions.DirectionOption();
        var reference = new Option<string>("--reference")
        {
            Description = "A group name, 'largest' (largest population; default) or 'best' (most favourable value).",
            DefaultValueFactory = _ => "largest",
        };
        var differenceMethod = new Option<string>("--difference-method")
        {
            Description = "For proportions given as counts: newcombe (score interval from Wilson limits and the pooled score test; default) or wald " +
                "(HD*Calc pair difference). Rates and value,se input always use wald.",
            DefaultValueFactory = _ => "newcombe",
        };
        var asGiven = new Option<bool>("--ahrq-as-given") { Description = "For favourable proportions, take the NHQDR relative difference as given instead of in the adverse framing (1 − p)." };
        var command = new Command("compare",
            "Each group against a reference: rate difference and ratio with intervals and p-values, and the AHRQ NHQDR better/same/worse rule " +
            "(p < 0.05 and a relative difference of at least 10%). Input columns: group,numerator,denominator (or group,value,se[,population]).\n\n" +
            "Example:\n  lodestar stats compare --input docs/examples/stats/compare.csv --out compare-out.csv --reference White")
        {
            input, output, confidence, per, measure, direction, reference, differenceMethod, asGiven,
        };
        command.SetAction(parse =>
        {
            var isProportion = StatsOptions.ParseIsProportion(parse.GetValue(measure)!);
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), isProportion ? 1 : 100_000);
            var table = StatsTable.Read(parse.GetValue(input)!);
            var (groups, excluded) = StatsGroups.Read(table, isProportion, multiplier);
            var referenceText = parse.GetValue(reference)!;
            var options = new ComparisonOptions
            {
                Direction = StatsOptions.ParseDirection(parse.GetValue(direction)!),
                Reference = ParseReference(referenceText, groups, excluded, table.Source),
                ReferenceGroup = referenceText,
                ProportionScale = isProportion ? multiplier : null,
                AhrqAsGiven = parse.GetValue(asGiven),
                ProportionDifference = parse.GetValue(differenceMethod)!.ToLowerInvariant() switch
                {
                    "newcombe" => ProportionDifference.Newcombe,
                    "wald" => ProportionDifference.Wald,
                    var other => throw new UserErrorException($"--difference-method: '{other}' is not one of newcombe, wald"),
                },
            };
            var result = StatsLevels.Run(levels, c => Comparisons(groups, excluded, options with { Confidence = c }));
            return StatsCommand.Finish(parse, result, parse.GetValue(output)!, "comparisons");
        });
        return command;
    }

    private static StatsOutput Comparisons(IReadOnlyList<GroupStatistic> groups, IReadOnlyList<string> excluded, ComparisonOptions options)
    {
        var c = options.Confidence;
        var result = new StatsOutput(["group", "reference", "value", "reference_value", "difference", "difference_lower", "difference_upper", "difference_p",
            "ratio", "ratio_lower", "ratio_upper", "ratio_p", "relative_difference", "ahrq", "confidence", "note"]);
        foreach (var cmp in GroupComparison.Compare(groups, options))
        {
            result.Add(cmp.Group, cmp.Reference, cmp.Value, cmp.ReferenceValue, cmp.Difference, cmp.DifferenceLower, cmp.DifferenceUpper, cmp.DifferenceP,
                cmp.Ratio, cmp.RatioLower, cmp.RatioUpper, cmp.RatioP, cmp.RelativeDifference, StatsOptions.Name(cmp.Class), c, cmp.Note);
        }
        foreach (var name in excluded)
        {
            result.Add(name, null, null, null, null, null, null, null, null, null, null, null, null, StatsOptions.Name(AhrqClass.NotClassified), c,
                "not estimable: the denominator is 0");
        }
        return result;
    }

    public static Command Disparity()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var measure = StatsOptions.Measure();
        var direction = StatsOptions.DirectionOption();
        var idispReference = new Option<string>("--idisp-reference")
        {
            Description = "Reference of the index of disparity: total (default), best, or a group name.",
            DefaultValueFactory = _ => "total",
        };
        var idispDivisor = new Option<string>("--idisp-divisor") { Description = "j (all groups; default) or j-1 (groups compared).", DefaultValueFactory = _ => "j" };
        var siiInterval = new Option<string>("--sii-interval")
        {
            Description = "analytic (default) or simulation (PHE phe_sii: seeded Monte Carlo).",
            DefaultValueFactory = _ => "analytic",
        };
        var repetitions = new Option<int>("--repetitions") { Description = "Simulation repetitions (default 100000).", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed (default 1).", DefaultValueFactory = _ => 1 };
        var transform = new Option<bool>("--sii-transform")
        {
            Description = "Fit the SII on the log (rates) or logit (proportions) scale and transform back (phe_sii transform = TRUE).",
        };
        var command = new Command("disparity",
            "Summary disparity indices across all groups: range, index of disparity (unweighted and weighted), between-group variance, Theil, " +
            "mean log deviation, population attributable risk; with an 'order' column (1 = most disadvantaged) also SII, RII (PHE and HD*Calc forms), " +
            "Kunst–Mackenbach and concentration indices. Input columns: group,numerator,denominator[,order] (or group,value,se,population[,order]).\n\n" +
            "Example:\n  lodestar stats disparity --input docs/examples/stats/disparity-ordered.csv --out disparity-out.csv")
        {
            input, output, confidence, per, measure, direction, idispReference, idispDivisor, siiInterval, repetitions, seed, transform,
        };
        command.SetAction(parse =>
        {
            var isProportion = StatsOptions.ParseIsProportion(parse.GetValue(measure)!);
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), isProportion ? 1 : 100_000);
            var table = StatsTable.Read(parse.GetValue(input)!);
            var (groups, excluded) = StatsGroups.Read(table, isProportion, multiplier);
            var idispText = parse.GetValue(idispReference)!;
            var reps = parse.GetValue(repetitions);
            if (reps < 1000)
            {
                throw new UserErrorException("--repetitions: at least 1000 (as phe_sii requires)");
            }
            var orderColumn = table.OptionalColumn("order");
            var fromCounts = table.Has("numerator") || table.Has("events") || !table.Has("value");
            var siiTransform = parse.GetValue(transform);
            var measureType = isProportion ? SiiValueType.Proportion : SiiValueType.Rate;
            var options = new DisparityOptions
            {
                Direction = StatsOptions.ParseDirection(parse.GetValue(direction)!),
                IdispReference = idispText.ToLowerInvariant() switch
                {
                    "total" => IdispReference.Total,
                    "best" => IdispReference.MostFavourable,
                    _ when groups.Any(g => g.Group == idispText) => IdispReference.Named,
                    _ => throw new UserErrorException($"--idisp-reference: '{idispText}' is not total, best or a group in {table.Source}"),
                },
                IdispReferenceGroup = idispText,
                IdispDivideByGroupsCompared = parse.GetValue(idispDivisor)!.ToLowerInvariant() switch
                {
                    "j" => false,
                    "j-1" => true,
                    var other => throw new UserErrorException($"--idisp-divisor: '{other}' is not j or j-1"),
                },
                SiiInterval = parse.GetValue(siiInterval)!.ToLowerInvariant() switch
                {
                    "analytic" => SiiInterval.Analytic,
                    "simulation" => SiiInterval.Simulation,
                    var other => throw new UserErrorException($"--sii-interval: '{other}' is not analytic or simulation"),
                },
                Repetitions = reps,
                Seed = parse.GetValue(seed),
                // Counts: draw rates on the log and proportions on the logit scale, as phe_sii does for value types 1
                // and 2; ready-made values (life expectancy, scores) are drawn on their own scale unless transformed.
                SiiValueType = fromCounts || siiTransform ? measureType : SiiValueType.Other,
                SiiTransform = siiTransform,
                ProportionScale = multiplier,
            };
            var result = StatsLevels.Run(levels, c => Indices(groups, excluded, orderColumn is not null, options with { Confidence = c }));
            return StatsCommand.Finish(parse, result, parse.GetValue(output)!, "indices");
        });
        return command;
    }

    private static StatsOutput Indices(IReadOnlyList<GroupStatistic> groups, IReadOnlyList<string> excluded, bool ordered, DisparityOptions options)
    {
        var c = options.Confidence;
        var result = new StatsOutput(["index", "value", "lower", "upper", "se", "groups", "confidence", "definition", "note"]);
        var excludedNote = excluded.Count == 0 ? "" : $"excluded (denominator 0): {string.Join(", ", excluded)}";
        if (groups.Count == 0 || groups.Sum(g => g.Population) <= 0)
        {
            result.Add("groups", 0L, null, null, null, 0L, c, "groups with a population", Join("not estimable: no group has a population", excludedNote));
        }
        else
        {
            var note = !ordered ? "no 'order' column: SII, RII and concentration indices need ordered groups" : "";
            result.Add("groups", (long)groups.Count, null, null, null, (long)groups.Count, c, "groups with a population", Join(note, excludedNote));
            foreach (var index in DisparityIndices.Compute(groups, options))
            {
                result.Add(index.Name, index.Value, index.Lower, index.Upper, index.StandardError, (long)groups.Count, c, index.Definition, index.Note);
            }
        }
        return result;
    }

    /// <summary>A group name wins over the keywords, so a group called "largest" can still be named.</summary>
    internal static ReferenceChoice ParseReference(string text, IReadOnlyList<GroupStatistic> groups, IReadOnlyList<string> excluded, string source)
    {
        if (groups.Any(g => g.Group == text))
        {
            return ReferenceChoice.Named;
        }
        if (excluded.Contains(text))
        {
            throw new UserErrorException($"--reference: group '{text}' has a denominator of 0 in {source} and cannot be the reference");
        }
        return text.ToLowerInvariant() switch
        {
            "largest" => ReferenceChoice.Largest,
            "best" => ReferenceChoice.MostFavourable,
            _ => throw new UserErrorException($"--reference: '{text}' is not a group in {source}, 'largest' or 'best'"),
        };
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;
}
