using Lodestar.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Lodestar.Measures.Definitions;

/// <summary>Reads a value-set file: id, title, source (with version) and codes of system + code + display.</summary>
public static class ValueSetParser
{
    public static ValueSet? Parse(string source, string text, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var before = diagnostics.Count;
        var root = YamlReader.LoadRoot(source, text, diagnostics);
        if (root is null)
        {
            return null;
        }
        var y = new YamlReader(source, diagnostics);
        y.CheckKeys(root, "", "id", "title", "source", "codes");
        var id = y.String(root, "id", required: true, "id") ?? "";
        var title = y.String(root, "title", required: true, "title") ?? "";
        var citation = y.String(root, "source", required: true, "source") ?? "";
        var codes = new List<Code>();
        if (YamlReader.Get(root, "codes") is YamlSequenceNode list && list.Children.Count > 0)
        {
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode code)
                {
                    y.Error(item, "codes", "each code is a mapping { system, code, display }");
                    continue;
                }
                y.CheckKeys(code, "codes", "system", "code", "display");
                var system = y.String(code, "system", required: true, "codes.system");
                var value = y.String(code, "code", required: true, "codes.code");
                if (system is not null && !Uri.IsWellFormedUriString(system, UriKind.Absolute))
                {
                    y.Error(code, "codes.system", $"'{system}' is not a code-system URI such as http://snomed.info/sct");
                }
                if (system is not null && value is not null)
                {
                    codes.Add(new Code(system, value, y.String(code, "display", required: false, "codes.display") ?? ""));
                }
            }
        }
        else
        {
            y.Error(root, "codes", "'codes' must be a non-empty list");
        }
        return diagnostics.Count > before ? null : new ValueSet(id, title, citation, codes);
    }
}
