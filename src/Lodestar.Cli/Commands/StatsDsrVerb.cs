using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Equity;

namespace Lodestar.Cli.Commands;

/// <summary><c>stats dsr</c>: directly standardised rates per group (or, with <c>--method indirect</c>, standardised ratios).</summary>
internal static class StatsDsrVerb
{
    public static Command Create()
    {
        var input = StatsOptions.Input();
        var output = StatsOptions.Out();
        var confidence = StatsOptions.Confidence();
        var per = StatsOptions.Per();
        var method = new Option<string>("--method")
        {
            Description = "gamma (Fay–Feuer, default), tiwari, dobson (PHE; blanks < 10 events), nchs (normal from 100 events, gamma below) or indirect (SMR).",
            DefaultValueFactory = _ => "gamma",
        };
        var standard = new Option<string>("--standard")
        {
            Description = "us2000-11 (NCHS, default), us2000-19 (SEER) or a CSV with age_band,weight.",
            DefaultValueFactory = _ => "us2000-11",
        };
        var minEvents = new Option<long?>("--min-events") { Description = "Blank rates from fewer events (default: 10 for dobson, none otherwise)." };
        var suppress = StatsOptions.SuppressBelow();
        var reference = new Option<string?>("--reference") { Description = "indirect only: the group whose age-specific rates are the reference (default: all groups pooled)." };
        var nonIndependent = new Option<bool>("--non-independent")
        {
            Description = "People can have several events (PHE calculate_dsr independent_events = FALSE): input columns " +
                "group,age_band,events_per_person,persons,population, one row per band and events-per-person value; Dobson only.",
        };
        var command = new Command("dsr",
            "Directly age-standardised rates to the 2000 US standard (or your own) with Fay–Feuer, Tiwari, Dobson or NCHS intervals; " +
            "or indirectly standardised ratios (SMR) with exact/Byar limits. Input columns: group,age_band,events,population.\n\n" +
            "Example:\n  lodestar stats dsr --input docs/examples/stats/dsr.csv --out dsr-out.csv --standard us2000-19")
        {
            input, output, confidence, per, method, standard, minEvents, reference, suppress, nonIndependent,
        };
        command.SetAction(parse =>
        {
            var m = parse.GetValue(method)!.ToLowerInvariant();
            var clustered = parse.GetValue(nonIndependent);
            if (clustered)
            {
                // The adjustment is PHE's, defined for Dobson alone: imply it unless another method was asked for.
                m = parse.GetResult(method) is { Implicit: false } ? m : "dobson";
                if (m != "dobson")
                {
                    throw new UserErrorException($"--non-independent: the adjustment is defined for --method dobson only (got '{m}')");
                }
            }
            var levels = StatsOptions.ParseConfidences(parse.GetValue(confidence)!);
            var multiplier = StatsOptions.ParsePer(parse.GetValue(per), 100_000);
            var table = StatsTable.Read(parse.GetValue(input)!);
            var threshold = parse.GetValue(suppress);
            if (threshold < 0)
            {
                throw new UserErrorException("--suppress-below: must be 0 (off) or a positive threshold");
            }
            var result = StatsLevels.Run(levels, c => m == "indirect"
                ? Indirect(table, c, multiplier, parse.GetValue(reference), threshold)
                : Direct(table, c, multiplier, m, parse.GetValue(standard)!, parse.GetValue(minEvents), threshold, clustered));
            return StatsCommand.Finish(parse, result, parse.GetValue(output)!, "groups");
        });
        return command;
    }

    private static StatsOutput Direct(StatsTable table, double confidence, double multiplier, string methodName, string standardName, long? minEvents, int suppressBelow,
        bool nonIndependent)
    {
        var method = methodName switch
        {
            "gamma" or "fay-feuer" => DsrMethod.FayFeuer,
            "tiwari" => DsrMethod.Tiwari,
            "dobson" => DsrMethod.Dobson,
            "nchs" => DsrMethod.Nchs,
            _ => throw new UserErrorException($"--method: '{methodName}' is not one of gamma, tiwari, dobson, nchs, indirect"),
        };
        var standard = standardName.ToLowerInvariant() switch
        {
            "us2000-11" => StandardPopulation.Us2000Nchs11,
            "us2000-19" => StandardPopulation.Us2000Seer19,
            _ when File.Exists(standardName) => ReadStandard(standardName),
            _ => throw new UserErrorException($"--standard: '{standardName}' is not us2000-11, us2000-19 or an existing CSV file"),
        };
        var groups = ReadBands(table, standard, nonIndependent);
        var methodLabel = nonIndependent ? "dobson-non-independent" : StatsOptions.Name(method);
        var options = new DsrOptions { Confidence = confidence, Multiplier = multiplier, Method = method, MinimumEvents = minEvents };
        var output = new StatsOutput(["group", "events", "population", "bands", "value", "lower", "upper", "se", "crude_rate", "method", "standard", "confidence", "multiplier", "suppressed", "note"]);
        var suppression = Suppress(groups, suppressBelow);
        var index = 0;
        foreach (var (group, bands) in groups)
        {
            var reason = suppression?.Cells[index++] ?? SuppressionReason.None;
            if (reason != SuppressionReason.None)
            {
                output.Add(group, null, bands.Sum(b => b.Population), (long)bands.Count, null, null, null, null, null, methodLabel, standard.Name,
                    confidence, multiplier, StatsOptions.Name(reason), $"events below {suppressBelow} or needed to protect a group that is");
                continue;
            }
            var events = bands.Select(b => b.Events).ToArray();
            var population = bands.Select(b => b.Population).ToArray();
            var weights = bands.Select(b => standard.Bands[b.Band].Weight).ToArray();
            var r = nonIndependent ? NonIndependent(bands, population, weights, options) : DirectStandardisation.Rate(events, population, weights, options);
            double? crude = r.Population > 0 ? r.Events / r.Population * multiplier : null;
            var note = bands.Count < standard.Bands.Count
                ? Join(r.Note, $"{bands.Count} of {standard.Bands.Count} bands; weights re-normalised over those present")
                : r.Note;
            output.Add(group, r.Events, r.Population, (long)bands.Count, r.Value, r.Lower, r.Upper, r.StandardError, crude,
                methodLabel, standard.Name, confidence, multiplier, "", note);
        }
        return output;
    }

    /// <summary>Persons by events-per-person value, one row per value seen in the group (absent cells are 0 persons).</summary>
    private static DsrResult NonIndependent(List<BandRow> bands, double[] population, double[] weights, DsrOptions options)
    {
        var frequencies = bands.SelectMany(b => b.Persons!.Keys).Distinct().Order().ToArray();
        var persons = frequencies.Select(f => (IReadOnlyList<long>)bands.Select(b => b.Persons!.GetValueOrDefault(f)).ToArray()).ToArray();
        return frequencies.Length == 0
            ? DirectStandardisation.Rate(new long[bands.Count], population, weights, options)
            : DirectStandardisation.RateNonIndependent(frequencies, persons, population, weights, options);
    }

    private static StatsOutput Indirect(StatsTable table, double confidence, double multiplier, string? referenceGroup, int suppressBelow)
    {
        var groups = ReadBands(table, null);
        if (referenceGroup is not null && !groups.ContainsKey(referenceGroup))
        {
            throw new UserErrorException($"--reference: group '{referenceGroup}' is not in {table.Source}");
        }
        // Reference age-specific rates: the named group's, or all groups pooled.
        var refEvents = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var refPeople = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, bands) in groups)
        {
            if (referenceGroup is not null && group != referenceGroup)
            {
                continue;
            }
            foreach (var b in bands)
            {
                refEvents[b.Label] = refEvents.GetValueOrDefault(b.Label) + b.Events;
                refPeople[b.Label] = refPeople.GetValueOrDefault(b.Label) + b.Population;
            }
        }
        var output = new StatsOutput(["group", "observed", "expected", "value", "lower", "upper", "rate", "rate_lower", "rate_upper", "method", "reference", "confidence", "multiplier", "suppressed", "note"]);
        var referenceName = referenceGroup ?? "all groups";
        var suppression = Suppress(groups, suppressBelow);
        var index = 0;
        foreach (var (group, bands) in groups)
        {
            var observed = bands.Sum(b => b.Events);
            var reason = suppression?.Cells[index++] ?? SuppressionReason.None;
            if (reason != SuppressionReason.None)
            {
                output.Add(group, null, null, null, null, null, null, null, null, "", referenceName, confidence, multiplier, StatsOptions.Name(reason),
                    $"events below {suppressBelow} or needed to protect a group that is");
                continue;
            }
            var missing = bands.FirstOrDefault(b => !(refPeople.GetValueOrDefault(b.Label) > 0));
            if (missing is not null)
            {
                output.Add(group, observed, null, null, null, null, null, null, null, "", referenceName, confidence, multiplier, "",
                    $"not estimable: the reference has no population in age band {missing.Label}");
                continue;
            }
            var population = bands.Select(b => b.Population).ToArray();
            var re = bands.Select(b => refEvents[b.Label]).ToArray();
            var rp = bands.Select(b => refPeople[b.Label]).ToArray();
            var expected = Enumerable.Range(0, bands.Count).Sum(i => re[i] / rp[i] * population[i]);
            if (!(expected > 0))
            {
                output.Add(group, observed, expected, null, null, null, null, null, null, "", referenceName, confidence, multiplier, "",
                    "not estimable: expected count is 0");
                continue;
            }
            var r = IndirectStandardisation.Ratio(observed, population, re, rp, confidence, RateMethod.Auto, 1, multiplier);
            output.Add(group, observed, r.Expected, r.Ratio.Value, r.Ratio.Lower, r.Ratio.Upper, r.Rate.Value, r.Rate.Lower, r.Rate.Upper,
                StatsOptions.Name(r.Method), referenceName, confidence, multiplier, "", "");
        }
        return output;
    }

    /// <summary>The groups' total events are the strata of one table (total = their sum); a withheld group's rate goes too.</summary>
    private static SuppressionResult? Suppress(Dictionary<string, List<BandRow>> groups, int threshold)
    {
        if (threshold <= 0)
        {
            return null;
        }
        var totals = groups.Values.Select(bands => bands.Sum(b => b.Events)).ToArray();
        return SmallCellSuppression.Apply(totals, totals.Sum(), threshold);
    }

    /// <summary>One age band of one group; <paramref name="Persons"/> (events per person → persons) only with --non-independent.</summary>
    private sealed record BandRow(string Label, int Band, long Events, double Population, Dictionary<int, long>? Persons = null);

    /// <summary>Rows grouped by group in order of first appearance; with a standard, labels must be its bands.</summary>
    private static Dictionary<string, List<BandRow>> ReadBands(StatsTable table, StandardPopulation? standard, bool nonIndependent = false)
    {
        if (nonIndependent)
        {
            return ReadPersonBands(table, standard!);
        }
        var g = table.Column("group");
        var a = table.Column("age_band");
        var x = table.Column("events");
        var n = table.Column("population");
        var groups = new Dictionary<string, List<BandRow>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var group = table.Text(row, g);
            var label = table.Text(row, a);
            var band = -1;
            if (standard is not null)
            {
                band = standard.IndexOf(label);
                if (band < 0)
                {
                    throw table.Error(row, a, $"unknown age band '{label}' for standard {standard.Name} (expected one of: {string.Join(", ", standard.Bands.Select(s => s.Label))})");
                }
            }
            var events = table.Count(row, x);
            var population = table.Amount(row, n);
            if (!groups.TryGetValue(group, out var list))
            {
                groups[group] = list = [];
            }
            if (list.Any(b => string.Equals(b.Label, label, StringComparison.OrdinalIgnoreCase)))
            {
                throw table.Error(row, a, $"age band '{label}' appears twice for group '{group}'");
            }
            list.Add(new BandRow(standard is null ? label : standard.Bands[band].Label, band, events, population));
        }
        return groups;
    }

    /// <summary>
    /// --non-independent input: one row per group, band and events-per-person value f, giving the persons with exactly f
    /// events. A band's population repeats on each of its rows and must agree (as PHE checks); events = Σ f·persons.
    /// </summary>
    private static Dictionary<string, List<BandRow>> ReadPersonBands(StatsTable table, StandardPopulation standard)
    {
        var g = table.Column("group");
        var a = table.Column("age_band");
        var f = table.Column("events_per_person");
        var x = table.Column("persons");
        var n = table.Column("population");
        var groups = new Dictionary<string, List<BandRow>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var group = table.Text(row, g);
            var label = table.Text(row, a);
            var band = standard.IndexOf(label);
            if (band < 0)
            {
                throw table.Error(row, a, $"unknown age band '{label}' for standard {standard.Name} (expected one of: {string.Join(", ", standard.Bands.Select(s => s.Label))})");
            }
            var frequency = table.Count(row, f);
            if (frequency is < 1 or > int.MaxValue)
            {
                throw table.Error(row, f, $"events per person must be a whole number from 1 (got {frequency})");
            }
            var persons = table.Count(row, x);
            var population = table.Amount(row, n);
            if (!groups.TryGetValue(group, out var list))
            {
                groups[group] = list = [];
            }
            var existing = list.Find(b => b.Band == band);
            if (existing is null)
            {
                list.Add(existing = new BandRow(standard.Bands[band].Label, band, 0, population, []));
            }
            else if (existing.Population != population)
            {
                throw table.Error(row, n, $"population {population.ToString(System.Globalization.CultureInfo.InvariantCulture)} differs from " +
                    $"{existing.Population.ToString(System.Globalization.CultureInfo.InvariantCulture)} on an earlier row of group '{group}', band '{existing.Label}'");
            }
            if (!existing.Persons!.TryAdd((int)frequency, persons))
            {
                throw table.Error(row, f, $"events per person {frequency} appears twice for group '{group}', band '{existing.Label}'");
            }
            list[list.IndexOf(existing)] = existing with { Events = checked(existing.Events + frequency * persons) };
        }
        return groups;
    }

    private static StandardPopulation ReadStandard(string path)
    {
        using var reader = new StreamReader(path);
        return StandardPopulation.Read(reader, path);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
