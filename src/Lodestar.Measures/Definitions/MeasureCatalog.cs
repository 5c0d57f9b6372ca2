using Lodestar.Diagnostics;

namespace Lodestar.Measures.Definitions;

/// <summary>
/// The measures and value sets available to a run: the shipped catalog (embedded), optionally
/// extended or overridden by a user folder holding measures/*.yaml and valuesets/*.yaml.
/// </summary>
public sealed class MeasureCatalog
{
    private MeasureCatalog(IReadOnlyList<MeasureDefinition> measures, IReadOnlyDictionary<string, ValueSet> valueSets)
    {
        Measures = measures;
        ValueSets = valueSets;
    }

    public IReadOnlyList<MeasureDefinition> Measures { get; }

    public IReadOnlyDictionary<string, ValueSet> ValueSets { get; }

    public MeasureDefinition Get(string id) =>
        Measures.FirstOrDefault(m => m.Id == id)
        ?? throw new UserErrorException($"unknown measure '{id}'; {YamlReader.Suggest(id, Measures.Select(m => m.Id))} ('lodestar measures list' shows them all)");

    /// <summary>Loads the shipped catalog, then any user folder; definition errors are a user error listing every problem.</summary>
    public static MeasureCatalog Load(string? userFolder = null)
    {
        var diagnostics = new List<Diagnostic>();
        var valueSetTexts = Embedded("catalog/valuesets/").ToList();
        var measureTexts = Embedded("catalog/measures/").ToList();
        if (userFolder is not null)
        {
            if (!Directory.Exists(userFolder))
            {
                throw new UserErrorException($"{userFolder}: measure folder not found");
            }
            valueSetTexts.AddRange(Folder(Path.Combine(userFolder, "valuesets")));
            measureTexts.AddRange(Folder(Path.Combine(userFolder, "measures")));
        }
        var valueSets = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var (source, text) in valueSetTexts)
        {
            if (ValueSetParser.Parse(source, text, diagnostics) is { } vs)
            {
                valueSets[vs.Id] = vs; // a user file with the same id replaces the shipped one
            }
        }
        var measures = new Dictionary<string, MeasureDefinition>(StringComparer.Ordinal);
        foreach (var (source, text) in measureTexts)
        {
            if (MeasureParser.Parse(source, text, valueSets.ContainsKey, diagnostics) is { } m)
            {
                measures[m.Id] = m;
            }
        }
        if (diagnostics.Count > 0)
        {
            throw new UserErrorException(
                $"{diagnostics.Count} problem(s) in measure definitions:\n  " + string.Join("\n  ", diagnostics));
        }
        return new MeasureCatalog([.. measures.Values.OrderBy(m => m.Id, StringComparer.Ordinal)], valueSets);
    }

    /// <summary>A catalog built in code (tests, tools); definitions are still checked against the value sets.</summary>
    public static MeasureCatalog From(IEnumerable<ValueSet> valueSets, IEnumerable<(string Source, string Yaml)> measures)
    {
        var diagnostics = new List<Diagnostic>();
        var sets = valueSets.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var parsed = measures.Select(m => MeasureParser.Parse(m.Source, m.Yaml, sets.ContainsKey, diagnostics)).ToList();
        if (diagnostics.Count > 0)
        {
            throw new UserErrorException(string.Join("\n", diagnostics));
        }
        return new MeasureCatalog(parsed!, sets);
    }

    private static IEnumerable<(string Source, string Text)> Embedded(string prefix)
    {
        var assembly = typeof(MeasureCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name, reader.ReadToEnd());
        }
    }

    private static IEnumerable<(string Source, string Text)> Folder(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(path, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f)))
            : [];
}
