using Lodestar.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Lodestar.Measures.Definitions;

/// <summary>
/// Reads one measure definition (YAML; format in docs/measures.md). Every mistake becomes a diagnostic
/// with the file, the line and the fix; value-set names are checked against the known value sets.
/// </summary>
public static class MeasureParser
{
    private static readonly string[] TopLevel =
        ["id", "title", "description", "mission-area", "reference", "scoring", "direction", "populations", "stratifiers", "deviations"];

    private static readonly string[] CriterionKinds =
        ["all", "any", "not", "population", "age", "gender", "deceased", "condition", "encounter", "observation",
         "procedure", "immunization", "medication", "coverage", "readmission", "events", "relative"];

    public static readonly IReadOnlyList<string> KnownStratifiers =
        ["race", "ethnicity", "race-ethnicity", "sex", "age", "payer", "language", "county", "rurality"];

    public static MeasureDefinition? Parse(string source, string text, Func<string, bool> valueSetExists, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(valueSetExists);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var before = diagnostics.Count;
        var root = YamlReader.LoadRoot(source, text, diagnostics);
        if (root is null)
        {
            return null;
        }
        var y = new YamlReader(source, diagnostics);
        y.CheckKeys(root, "", TopLevel);
        var id = y.String(root, "id", required: true, "id") ?? "";
        var title = y.String(root, "title", required: true, "title") ?? "";
        var scoring = ParseEnum(y, root, "scoring", "proportion",
            ("proportion", Scoring.Proportion), ("ratio", Scoring.Ratio), ("rate-per-1000", Scoring.RatePer1000), ("continuous", Scoring.Continuous));
        var direction = ParseEnum(y, root, "direction", null,
            ("higher-is-better", Direction.HigherIsBetter), ("lower-is-better", Direction.LowerIsBetter));
        var stratifiers = y.StringList(root, "stratifiers", "stratifiers");
        foreach (var s in stratifiers.Where(s => !KnownStratifiers.Contains(s)))
        {
            y.Error(YamlReader.Get(root, "stratifiers")!, "stratifiers", $"unknown stratifier '{s}'; {YamlReader.Suggest(s, KnownStratifiers)}");
        }
        var populations = new Dictionary<string, Criterion>(StringComparer.Ordinal);
        MeasureObservation? observation = null;
        if (YamlReader.Get(root, "populations") is YamlMappingNode pops)
        {
            var parser = new CriterionParser(y, valueSetExists);
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var continuous = scoring == Scoring.Continuous;
            var codes = PopulationCodes.For(scoring ?? Scoring.Proportion);
            foreach (var (keyNode, value) in pops.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                if (key == PopulationCodes.MeasureObservation && continuous)
                {
                    declared.Add(key);
                    observation = parser.Observation(value, $"populations.{key}");
                    continue;
                }
                if (!codes.Contains(key))
                {
                    var known = continuous ? codes.Append(PopulationCodes.MeasureObservation).ToList() : codes.ToList();
                    var otherKind = continuous ? PopulationCodes.All.ToList() : PopulationCodes.Continuous.Append(PopulationCodes.MeasureObservation).ToList();
                    var hint = otherKind.Contains(key)
                        ? continuous
                            ? $"a continuous measure has {string.Join(", ", known)}, not '{key}'"
                            : $"'{key}' belongs to continuous measures; set 'scoring: continuous' or use {string.Join(", ", known)}"
                        : $"unknown population '{key}'; {YamlReader.Suggest(key, known)}";
                    y.Error(keyNode, "populations", hint);
                    continue;
                }
                declared.Add(key);
                if (parser.Parse(value, $"populations.{key}") is { } criterion)
                {
                    populations[key] = criterion;
                }
            }
            string[] required = continuous
                ? [PopulationCodes.InitialPopulation, PopulationCodes.MeasurePopulation, PopulationCodes.MeasureObservation]
                : [PopulationCodes.InitialPopulation, PopulationCodes.Denominator, PopulationCodes.Numerator];
            foreach (var code in required.Where(code => !declared.Contains(code)))
            {
                y.Error(pops, "populations", $"a {scoring switch { Scoring.Ratio => "ratio", Scoring.RatePer1000 => "rate-per-1000", Scoring.Continuous => "continuous", _ => "proportion" }} measure needs '{code}'");
            }
            CheckReferences(y, pops, populations, declared, codes);
        }
        else
        {
            y.Error(root, "populations", "'populations' is required: a mapping of initial-population, denominator, numerator, …");
        }
        if (diagnostics.Count > before)
        {
            return null;
        }
        return new MeasureDefinition(
            id, title,
            y.String(root, "description", required: false, "description") ?? "",
            y.String(root, "mission-area", required: false, "mission-area") ?? "patient-care",
            y.String(root, "reference", required: false, "reference") ?? "",
            scoring!.Value, direction!.Value, populations,
            stratifiers.Count > 0 ? stratifiers : KnownStratifiers,
            y.StringList(root, "deviations", "deviations"),
            source,
            observation);
    }

    private static void CheckReferences(YamlReader y, YamlMappingNode pops, Dictionary<string, Criterion> populations, HashSet<string> declared, IReadOnlyList<string> order)
    {
        // A population may refer only to populations that come before it in the eCQM order; this also rules out cycles.
        foreach (var (name, criterion) in populations)
        {
            var allowed = order.TakeWhile(p => p != name).ToHashSet();
            foreach (var reference in References(criterion).Where(r => !allowed.Contains(r) || !declared.Contains(r)))
            {
                y.Error(pops, $"populations.{name}", $"refers to population '{reference}', which is not defined before it");
            }
        }
    }

    internal static IEnumerable<string> References(Criterion criterion) => criterion switch
    {
        PopulationRef p => [p.Population],
        AllOf a => a.Children.SelectMany(References),
        AnyOf a => a.Children.SelectMany(References),
        Not n => References(n.Child),
        _ => [],
    };

    private static T? ParseEnum<T>(YamlReader y, YamlMappingNode map, string key, string? fallback, params (string Name, T Value)[] options)
        where T : struct
    {
        var text = y.String(map, key, required: fallback is null, key) ?? fallback;
        if (text is null)
        {
            return null;
        }
        foreach (var (name, value) in options)
        {
            if (name == text)
            {
                return value;
            }
        }
        y.Error(YamlReader.Get(map, key) ?? map, key, $"'{text}' is not a valid {key}; {YamlReader.Suggest(text, options.Select(o => o.Name))}");
        return null;
    }

    private sealed class CriterionParser(YamlReader y, Func<string, bool> valueSetExists)
    {
        private static bool IsPopulation(string name) => PopulationCodes.All.Contains(name) || PopulationCodes.Continuous.Contains(name);

        /// <summary>
        /// measure-observation: { aggregate: median, length-of-stay: { class: [IMP], during: period } } or
        /// { aggregate: average, days-between: { from: {…}, to: {…} } }.
        /// </summary>
        public MeasureObservation? Observation(YamlNode node, string path)
        {
            if (node is not YamlMappingNode map)
            {
                return Fail<MeasureObservation>(node, path, "write a mapping: { aggregate: median, length-of-stay: { class: [IMP], during: period } }");
            }
            var before = y.ErrorCount;
            y.CheckKeys(map, path, "aggregate", "length-of-stay", "days-between");
            var aggregateText = y.String(map, "aggregate", required: true, path);
            AggregateMethod? aggregate = aggregateText switch
            {
                null => null,
                "median" => AggregateMethod.Median,
                "average" => AggregateMethod.Average,
                "sum" => AggregateMethod.Sum,
                "count" => AggregateMethod.Count,
                _ => Invalid<AggregateMethod?>(YamlReader.Get(map, "aggregate")!, path,
                    $"aggregate '{aggregateText}' is not supported; {YamlReader.Suggest(aggregateText, ["median", "average", "sum", "count"])}", null),
            };
            var functions = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k is "length-of-stay" or "days-between").ToList();
            if (functions.Count != 1)
            {
                y.Error(map, path, "give exactly one observation: 'length-of-stay: { encounter settings }' or 'days-between: { from: {…}, to: {…} }'");
                return null;
            }
            ObservationFunction? function = null;
            if (functions[0] == "length-of-stay")
            {
                var body = YamlReader.Get(map, "length-of-stay")!;
                if (body is not YamlMappingNode args)
                {
                    return Fail<MeasureObservation>(body, $"{path}.length-of-stay", "takes the settings of an 'encounter' criterion, e.g. '{ class: [IMP], during: period }'");
                }
                if (Leaf("encounter", args, $"{path}.length-of-stay") is EncounterCriterion e)
                {
                    if (e.AtLeast != 1)
                    {
                        y.Error(args, $"{path}.length-of-stay", "'at-least' has no meaning here: every matching encounter is one observation");
                    }
                    function = new LengthOfStay(e);
                }
            }
            else
            {
                var sub = $"{path}.days-between";
                if (YamlReader.Get(map, "days-between") is not YamlMappingNode args)
                {
                    return Fail<MeasureObservation>(YamlReader.Get(map, "days-between")!, sub, "takes { from: {…}, to: {…} }: two dated criteria");
                }
                y.CheckKeys(args, sub, "from", "to");
                const string dated = "a dated criterion such as '{ condition: { value-set: major-depression, overlaps: period } }'";
                var from = DatedSide(args, sub, "from", dated);
                var to = DatedSide(args, sub, "to", dated);
                if (from is not null && to is not null)
                {
                    function = new DaysBetween(from, to);
                }
            }
            return y.ErrorCount > before || function is null || aggregate is null ? null : new MeasureObservation(function, aggregate.Value);
        }

        private T? Fail<T>(YamlNode node, string field, string reason)
            where T : class
        {
            y.Error(node, field, reason);
            return null;
        }

        public Criterion? Parse(YamlNode node, string field)
        {
            if (node is YamlScalarNode { Value: { } name })
            {
                // "denominator: initial-population" — a bare population name.
                if (IsPopulation(name))
                {
                    return new PopulationRef(name);
                }
                y.Error(node, field, $"'{name}' is not a criterion; write a mapping such as 'age: {{ min: 18 }}' or a population name");
                return null;
            }
            if (node is not YamlMappingNode map || map.Children.Count != 1)
            {
                y.Error(node, field, $"a criterion is a mapping with exactly one of: {string.Join(", ", CriterionKinds)}");
                return null;
            }
            var (keyNode, body) = map.Children.Single();
            var kind = ((YamlScalarNode)keyNode).Value ?? "";
            var path = $"{field}.{kind}";
            switch (kind)
            {
                case "all":
                case "any":
                    if (body is not YamlSequenceNode seq || seq.Children.Count == 0)
                    {
                        y.Error(body, path, $"'{kind}' takes a non-empty list of criteria");
                        return null;
                    }
                    var children = seq.Children.Select((c, i) => Parse(c, $"{path}[{i}]")).ToList();
                    if (children.Any(c => c is null))
                    {
                        return null;
                    }
                    return kind == "all" ? new AllOf(children!) : new AnyOf(children!);
                case "not":
                    return Parse(body, path) is { } inner ? new Not(inner) : null;
                case "events":
                    // events: { encounter: {…} } or events: { readmission: {…} } — counted per event in ratio and rate measures.
                    return Parse(body, path) switch
                    {
                        null => null,
                        var counted when counted is EncounterCriterion or ReadmissionCriterion => new EventCount(counted),
                        _ => Fail(body, path, "'events' counts an 'encounter' or a 'readmission' criterion"),
                    };
                case "relative":
                    return Relative(body, path);
                case "population":
                    return body is YamlScalarNode { Value: { } p } && IsPopulation(p)
                        ? new PopulationRef(p)
                        : Fail(body, path, $"expected a population name: {string.Join(", ", PopulationCodes.All.Union(PopulationCodes.Continuous))}");
                default:
                    if (!CriterionKinds.Contains(kind))
                    {
                        y.Error(keyNode, field, $"unknown criterion '{kind}'; {YamlReader.Suggest(kind, CriterionKinds)}");
                        return null;
                    }
                    if (body is not YamlMappingNode args)
                    {
                        y.Error(body, path, $"'{kind}' takes a mapping of its settings, e.g. '{kind}: {{ value-set: … }}'");
                        return null;
                    }
                    return Leaf(kind, args, path);
            }
        }

        /// <summary>
        /// The criterion under <paramref name="key"/>, which must be one dated event (the sides of 'relative' and
        /// 'days-between'); a missing side is reported with <paramref name="role"/> saying what belongs there.
        /// </summary>
        private Criterion? DatedSide(YamlMappingNode map, string path, string key, string role)
        {
            if (YamlReader.Get(map, key) is not { } node)
            {
                y.Error(map, path, $"'{key}' is required: {role}");
                return null;
            }
            var side = Parse(node, $"{path}.{key}");
            if (side is not null && !RelativeEvent.Dates(side))
            {
                y.Error(node, $"{path}.{key}", "must be one dated event: a condition, encounter, procedure, immunization, medication or observation " +
                    "criterion, without 'at-least' above 1 and (for an observation) without 'pick: latest' or value tests");
            }
            return side;
        }

        /// <summary>relative: { event: {…}, anchor: {…}, min-days: 0, max-days: 90 } — event date − anchor date in [min, max].</summary>
        private Criterion? Relative(YamlNode body, string path)
        {
            if (body is not YamlMappingNode a)
            {
                return Fail(body, path, "'relative' takes a mapping: { event: {…}, anchor: {…}, min-days: 0, max-days: 90 }");
            }
            var before = y.ErrorCount;
            y.CheckKeys(a, path, "event", "anchor", "min-days", "max-days");
            var counted = DatedSide(a, path, "event", "the criterion whose date is tested, e.g. 'event: { encounter: { value-set: prenatal-visit } }'");
            var anchor = DatedSide(a, path, "anchor", "the criterion whose date the window is counted from, e.g. 'anchor: { condition: { value-set: pregnancy-condition } }'");
            var min = y.Int(a, "min-days", path) ?? 0;
            var max = y.Int(a, "max-days", path);
            if (max is null)
            {
                y.Error(a, path, "'max-days' is required: the most days the event may come after the anchor (negative = before it)");
            }
            else if (min > max)
            {
                y.Error(YamlReader.Get(a, "min-days") ?? a, path, $"min-days {min} is above max-days {max}; swap them");
            }
            return y.ErrorCount > before ? null : new RelativeEvent(counted!, anchor!, min, max!.Value);
        }

        private Criterion? Fail(YamlNode node, string field, string reason)
        {
            y.Error(node, field, reason);
            return null;
        }

        private Criterion? Leaf(string kind, YamlMappingNode a, string path)
        {
            var before = y.ErrorCount;
            Criterion? result = kind switch
            {
                "age" => Checked(a, path, ["at", "min", "max"], () =>
                {
                    var min = y.Int(a, "min", path);
                    var max = y.Int(a, "max", path);
                    if (min is null && max is null)
                    {
                        y.Error(a, path, "give 'min', 'max' or both");
                    }
                    if (min > max)
                    {
                        y.Error(a, path, $"min {min} is above max {max}; swap them");
                    }
                    return new AgeCriterion(Anchor(a, "at", DateAnchor.PeriodEnd, path), min, max);
                }),
                "gender" => Checked(a, path, ["is"], () => new GenderCriterion(y.StringList(a, "is", path))),
                "deceased" => Checked(a, path, ["on-or-before"], () => new DeceasedCriterion(Anchor(a, "on-or-before", DateAnchor.PeriodEnd, path))),
                "condition" => Checked(a, path, ["value-set", "overlaps"], () => new ConditionCriterion(ValueSet(a, path, required: true)!, Window(a, "overlaps", path))),
                "encounter" => Checked(a, path, ["value-set", "class", "during", "at-least"], () =>
                {
                    var vs = ValueSet(a, path, required: false);
                    var classes = y.StringList(a, "class", path);
                    if (vs is null && classes.Count == 0)
                    {
                        y.Error(a, path, "give a 'value-set' of encounter types or a 'class' (AMB, VR, EMER, IMP, …)");
                    }
                    return new EncounterCriterion(vs, classes, Window(a, "during", path), AtLeast(a, path));
                }),
                "observation" => Checked(a, path, ["value-set", "during", "pick", "value", "systolic", "diastolic", "missing-passes"], () =>
                {
                    var pickText = y.String(a, "pick", required: false, path) ?? "any";
                    var pick = pickText switch
                    {
                        "latest" => ObservationPick.Latest,
                        "any" => ObservationPick.Any,
                        _ => Invalid(a, path, $"pick '{pickText}' must be 'latest' or 'any'", ObservationPick.Any),
                    };
                    return new ObservationCriterion(ValueSet(a, path, required: true)!, Window(a, "during", path), pick,
                        Compare(a, "value", path), Compare(a, "systolic", path), Compare(a, "diastolic", path),
                        Bool(a, "missing-passes", path));
                }),
                "procedure" => Checked(a, path, ["value-set", "during"], () => new ProcedureCriterion(ValueSet(a, path, required: true)!, Window(a, "during", path))),
                "immunization" => Checked(a, path, ["value-set", "during", "at-least"], () => new ImmunizationCriterion(ValueSet(a, path, required: true)!, Window(a, "during", path), AtLeast(a, path))),
                "medication" => Checked(a, path, ["value-set", "during"], () => new MedicationCriterion(ValueSet(a, path, required: true)!, Window(a, "during", path))),
                "coverage" => Checked(a, path, ["payer", "at"], () =>
                {
                    // Names are stored in the shipped coverage view's spelling; friendly aliases ("uninsured") are accepted.
                    var payers = y.StringList(a, "payer", path).Select(p => PayerTypes.All.Contains(p) ? p : PayerTypes.Classify(p) is { Length: > 1 } c && !char.IsDigit(p[0]) ? c : p).ToList();
                    foreach (var p in payers.Where(p => !PayerTypes.All.Contains(p)))
                    {
                        y.Error(a, path, $"unknown payer '{p}'; {YamlReader.Suggest(p, PayerTypes.All)}");
                    }
                    if (payers.Count == 0)
                    {
                        y.Error(a, path, $"'payer' is required: one or more of {string.Join(", ", PayerTypes.All)}");
                    }
                    return new CoverageCriterion(payers, Anchor(a, "at", DateAnchor.PeriodEnd, path));
                }),
                "readmission" => Checked(a, path, ["discharged-during", "within-days"], () =>
                    new ReadmissionCriterion(Window(a, "discharged-during", path), y.Int(a, "within-days", path) ?? 30)),
                _ => null,
            };
            return y.ErrorCount > before ? null : result;
        }

        private Criterion Checked(YamlMappingNode a, string path, string[] keys, Func<Criterion> build)
        {
            y.CheckKeys(a, path, keys);
            return build();
        }

        private T Invalid<T>(YamlNode node, string path, string reason, T fallback)
        {
            y.Error(node, path, reason);
            return fallback;
        }

        private string? ValueSet(YamlMappingNode a, string path, bool required)
        {
            var name = y.String(a, "value-set", required, path);
            if (name is not null && !valueSetExists(name))
            {
                y.Error(YamlReader.Get(a, "value-set")!, path, $"unknown value set '{name}'; add a file valuesets/{name}.yaml or use a shipped one");
            }
            return name;
        }

        private bool Bool(YamlMappingNode a, string key, string path) =>
            y.String(a, key, required: false, path) switch
            {
                null or "false" => false,
                "true" => true,
                var other => Invalid(YamlReader.Get(a, key)!, path, $"'{key}' must be true or false, not '{other}'", false),
            };

        private int AtLeast(YamlMappingNode a, string path)
        {
            var n = y.Int(a, "at-least", path) ?? 1;
            return n >= 1 ? n : Invalid(a, path, "'at-least' must be 1 or more", 1);
        }

        private DateAnchor Anchor(YamlMappingNode a, string key, DateAnchor fallback, string path)
        {
            var text = y.String(a, key, required: false, path);
            if (text is null)
            {
                return fallback;
            }
            return DateAnchor.TryParse(text, out var anchor)
                ? anchor!
                : Invalid(YamlReader.Get(a, key)!, path, $"'{text}' is not a date relative to the period; write e.g. 'start', 'end', 'start-27mo', 'end-1y+1d'", fallback);
        }

        private Window Window(YamlMappingNode a, string key, string path)
        {
            var node = YamlReader.Get(a, key);
            switch (node)
            {
                case null:
                    return Definitions.Window.MeasurementPeriod;
                case YamlScalarNode { Value: "period" }:
                    return Definitions.Window.MeasurementPeriod;
                case YamlMappingNode w:
                    y.CheckKeys(w, $"{path}.{key}", "from", "to");
                    var from = Anchor(w, "from", DateAnchor.PeriodStart, $"{path}.{key}");
                    var to = Anchor(w, "to", DateAnchor.PeriodEnd, $"{path}.{key}");
                    // An empty window can never match: almost certainly from and to are swapped.
                    var probe = Period.Year(2024);
                    if (from.Resolve(probe) > to.Resolve(probe))
                    {
                        return Invalid(w, $"{path}.{key}", $"the window {from}..{to} is empty (it ends before it starts); swap 'from' and 'to'", Definitions.Window.MeasurementPeriod);
                    }
                    return new Window(from, to);
                default:
                    return Invalid(node, path, $"'{key}' must be 'period' or {{ from: …, to: … }}", Definitions.Window.MeasurementPeriod);
            }
        }

        private ValueComparison? Compare(YamlMappingNode a, string key, string path)
        {
            var text = y.String(a, key, required: false, path);
            if (text is null)
            {
                return null;
            }
            return ValueComparison.TryParse(text, out var c)
                ? c
                : Invalid<ValueComparison?>(YamlReader.Get(a, key)!, path, $"'{text}' is not a comparison; write e.g. '< 140', '>= 9 %', '> 75 mmol/mol'", null);
        }
    }
}
