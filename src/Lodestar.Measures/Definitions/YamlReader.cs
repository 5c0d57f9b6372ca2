using System.Globalization;
using Lodestar.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lodestar.Measures.Definitions;

/// <summary>
/// Small helpers over YamlDotNet's node model that turn every mistake into a <see cref="Diagnostic"/>
/// carrying the file, the line and a suggested fix, instead of an exception from deep inside a parser.
/// </summary>
internal sealed class YamlReader(string source, List<Diagnostic> diagnostics)
{
    public string Source => source;

    public int ErrorCount => diagnostics.Count;

    public static YamlMappingNode? LoadRoot(string source, string text, List<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic(source, e.Start.Line, "", "not valid YAML: " + e.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            diagnostics.Add(new Diagnostic(source, 0, "", "not valid YAML: look for an unclosed [ or { or quote"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(new Diagnostic(source, 1, "", "expected a mapping (key: value lines) at the top of the file"));
            return null;
        }
        return root;
    }

    public void Error(YamlNode node, string field, string reason) =>
        diagnostics.Add(new Diagnostic(source, node.Start.Line, field, reason));

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(YamlMappingNode map, string key, bool required, string field)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, field, $"'{key}' is required");
            }
            return null;
        }
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            Error(node, field, $"'{key}' must be a single value");
            return null;
        }
        return scalar.Value;
    }

    public int? Int(YamlMappingNode map, string key, string field)
    {
        var text = String(map, key, required: false, field);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(Get(map, key)!, field, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key, string field)
    {
        var node = Get(map, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode s when s.Value is not null:
                return [s.Value];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: { } v })
                    {
                        list.Add(v);
                    }
                    else
                    {
                        Error(item, field, $"items of '{key}' must be single values");
                    }
                }
                return list;
            default:
                Error(node, field, $"'{key}' must be a value or a list of values");
                return [];
        }
    }

    /// <summary>Reports keys that are not in <paramref name="allowed"/>, suggesting the closest allowed one.</summary>
    public void CheckKeys(YamlMappingNode map, string field, params string[] allowed)
    {
        foreach (var (key, _) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, field, $"unknown field '{name}'; {Suggest(name, allowed)}");
            }
        }
    }

    public static string Suggest(string name, IEnumerable<string> allowed)
    {
        var options = allowed.ToList();
        var best = options.OrderBy(o => Distance(name, o)).FirstOrDefault();
        return best is not null && Distance(name, best) <= Math.Max(2, name.Length / 3)
            ? $"did you mean '{best}'?"
            : $"expected one of: {string.Join(", ", options)}";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) { d[i, 0] = i; }
        for (var j = 0; j <= b.Length; j++) { d[0, j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }
        return d[a.Length, b.Length];
    }
}
