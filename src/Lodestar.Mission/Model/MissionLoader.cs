using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.Geography;
using Lodestar.Mission.Measures;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lodestar.Mission.Model;

/// <summary>
/// Reads a mission model (docs/missions.md). Every mistake is a <see cref="UserErrorException"/> naming the
/// file, line and key, so an author can fix the YAML without reading code.
/// </summary>
internal static class MissionLoader
{
    /// <summary>The ids of the shipped models (missions/*.yaml, embedded).</summary>
    public static readonly IReadOnlyList<string> ShippedIds = ["ummc", "unm-hsc", "unm-som", "wustl-som"];

    /// <summary>Loads a model file, or a shipped model by id (e.g. "ummc") when no such file exists.</summary>
    public static MissionModel Load(string path)
    {
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path), path);
        }
        if (ShippedIds.Contains(path, StringComparer.Ordinal))
        {
            return LoadShipped(path);
        }
        throw new UserErrorException($"--mission {path}: no such file (or shipped model: {string.Join(", ", ShippedIds)}).");
    }

    public static MissionModel LoadShipped(string id)
    {
        var name = $"Lodestar.Mission.Missions.{id}.yaml";
        using var stream = typeof(MissionLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"missions/{id}.yaml");
    }

    public static MissionModel Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Error(source, e.Start.Line, "", "is not valid YAML: " + e.Message);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(source, 1, "", "must hold one YAML mapping with institution, areas and unmeasurable");
        }
        var r = new Reader(source);
        r.Keys(root, "institution", "areas", "unmeasurable");
        var inst = r.Map(root, "institution");
        r.Keys(inst, "id", "name", "state", "source");
        var state = r.Str(inst, "state");
        if (!CountyRegistry.Default.TryGetState(state, out _))
        {
            throw Error(source, Line(inst), "institution.state", $"'{state}' is not a US state code");
        }
        var institution = new Institution(r.Id(inst, "id"), r.Str(inst, "name"), state.ToUpperInvariant(), r.Str(inst, "source"));
        var areas = new List<MissionArea>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var areaNode in r.Seq(root, "areas"))
        {
            var a = r.AsMap(areaNode, "areas[]");
            r.Keys(a, "id", "name", "goals");
            var goals = new List<Goal>();
            foreach (var goalNode in r.Seq(a, "goals"))
            {
                var g = r.AsMap(goalNode, "goals[]");
                r.Keys(g, "id", "title", "quote", "measures");
                var goalId = r.Id(g, "id");
                if (!ids.Add(goalId))
                {
                    throw Error(source, Line(g), "id", $"goal id '{goalId}' is used twice");
                }
                var measures = r.Seq(g, "measures").Select(m => ReadMeasure(r, r.AsMap(m, "measures[]"))).ToArray();
                if (measures.Length == 0)
                {
                    throw Error(source, Line(g), "measures", $"goal '{goalId}' has no measures; list it under unmeasurable instead");
                }
                goals.Add(new Goal(goalId, r.Str(g, "title"), r.Str(g, "quote"), measures));
            }
            areas.Add(new MissionArea(r.Id(a, "id"), r.Str(a, "name"), goals));
        }
        var unmeasurable = new List<Unmeasurable>();
        if (root.Children.ContainsKey("unmeasurable"))
        {
            foreach (var node in r.Seq(root, "unmeasurable"))
            {
                var u = r.AsMap(node, "unmeasurable[]");
                r.Keys(u, "quote", "why");
                unmeasurable.Add(new Unmeasurable(r.Str(u, "quote"), r.Str(u, "why")));
            }
        }
        return new MissionModel(institution, areas, unmeasurable);
    }

    private static MeasureTarget ReadMeasure(Reader r, YamlMappingNode m)
    {
        r.Keys(m, "measure", "params", "baseline", "baseline_year", "target", "target_year", "direction", "owner", "narrative");
        var id = r.Str(m, "measure");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (m.Children.ContainsKey("params"))
        {
            foreach (var (k, v) in r.Map(m, "params").Children)
            {
                parameters[((YamlScalarNode)k).Value ?? ""] = v is YamlScalarNode s ? s.Value ?? "" : throw Error(r.Source, Line(v), "params", "parameter values are plain strings");
            }
        }
        if (MeasureCatalog.All.TryGetValue(id, out var info))
        {
            foreach (var p in parameters.Keys.Where(p => !info.Parameters.Contains(p)))
            {
                throw Error(r.Source, Line(m), "params." + p, $"measure '{id}' takes no parameter '{p}' (it takes: {(info.Parameters.Count == 0 ? "none" : string.Join(", ", info.Parameters))})");
            }
        }
        else if (!MeasureCatalog.IsClinical(id))
        {
            throw Error(r.Source, Line(r.Get(m, "measure")), "measure", $"'{id}' is not a mission measure (see `docs/missions.md`) nor clinical:<measure-id>");
        }
        var direction = r.Str(m, "direction") switch
        {
            "higher-is-better" => GoalDirection.HigherIsBetter,
            "lower-is-better" => GoalDirection.LowerIsBetter,
            var d => throw Error(r.Source, Line(r.Get(m, "direction")), "direction", $"'{d}' must be higher-is-better or lower-is-better"),
        };
        var baseline = m.Children.ContainsKey("baseline") ? r.Num(m, "baseline") : (double?)null;
        var baselineYear = m.Children.ContainsKey("baseline_year") ? (int)r.Num(m, "baseline_year") : (int?)null;
        return new MeasureTarget(id, parameters, baseline, baselineYear, r.Num(m, "target"), (int)r.Num(m, "target_year"),
            direction, r.Str(m, "owner"), m.Children.ContainsKey("narrative") ? r.Str(m, "narrative") : null);
    }

    private static long Line(YamlNode node) => node.Start.Line;

    private static UserErrorException Error(string source, long line, string field, string reason) =>
        new(new Diagnostic(source, line, field, reason));

    private sealed class Reader(string source)
    {
        public string Source => source;

        public void Keys(YamlMappingNode map, params string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                if (!allowed.Contains(name))
                {
                    throw Error(source, Line(key), name, $"unknown key '{name}' (allowed: {string.Join(", ", allowed)})");
                }
            }
        }

        public YamlNode Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node
            : throw Error(source, Line(map), key, $"'{key}' is required");

        public YamlMappingNode Map(YamlMappingNode map, string key) => AsMap(Get(map, key), key);

        public YamlMappingNode AsMap(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Error(source, Line(node), key, "must be a mapping");

        public IEnumerable<YamlNode> Seq(YamlMappingNode map, string key) =>
            Get(map, key) as YamlSequenceNode ?? throw Error(source, Line(map), key, "must be a list");

        public string Str(YamlMappingNode map, string key) =>
            Get(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v.Trim()
            : throw Error(source, Line(Get(map, key)), key, "must be a non-empty string");

        public string Id(YamlMappingNode map, string key)
        {
            var v = Str(map, key);
            return v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? v
                : throw Error(source, Line(map), key, $"'{v}' must be lower-case letters, digits and hyphens");
        }

        public double Num(YamlMappingNode map, string key)
        {
            var v = Str(map, key);
            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
                : throw Error(source, Line(Get(map, key)), key, $"'{v}' is not a number");
        }
    }
}
