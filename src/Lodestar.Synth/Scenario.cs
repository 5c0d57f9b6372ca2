using Lodestar.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lodestar.Synth;

/// <summary>
/// A set of planted disparities and baseline rates. Files are YAML or JSON:
/// <code>
/// name: default
/// baseline: { bp-control: 0.62 }          # optional; see Outcomes for defaults
/// effects:
///   - id: bp-control-black
///     outcome: bp-control                  # see Outcomes.Name
///     who: { race: [black] }               # race, rural, counties, sex, min-age, max-age, language
///     difference: -0.08                    # absolute change in probability, or
///   - id: uninsured-named-counties
///     outcome: uninsured
///     who: { counties: ["28049"] }
///     ratio: 3.0                           # multiplies the probability
/// </code>
/// </summary>
public sealed record Scenario(string Name, string Description, IReadOnlyDictionary<Outcome, double> Baseline, IReadOnlyList<ScenarioEffect> Effects)
{
    private static readonly Lazy<Scenario> LazyDefault = new(() =>
    {
        using var stream = typeof(Scenario).Assembly.GetManifestResourceStream("Lodestar.Synth.Scenarios.default.yaml")
            ?? throw new InvalidOperationException("The default scenario is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default.yaml");
    });

    /// <summary>The scenario shipped with the product (Scenarios/default.yaml).</summary>
    public static Scenario Default => LazyDefault.Value;

    /// <summary>No planted effects: every outcome at its baseline for everyone.</summary>
    public static Scenario None { get; } = new("none", "No planted effects.", new Dictionary<Outcome, double>(), []);

    /// <summary>The baseline probability of an outcome (scenario override, else the default).</summary>
    public double BaselineOf(Outcome outcome) =>
        Baseline.TryGetValue(outcome, out var value) ? value : Outcomes.DefaultBaseline(outcome);

    /// <summary>Reads a scenario file; any problem is a <see cref="UserErrorException"/> naming the file and field.</summary>
    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot read the scenario file ({e.Message})", e);
        }
        return Parse(text, path);
    }

    public static Scenario Parse(string text, string source)
    {
        ScenarioDocument? document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(HyphenatedNamingConvention.Instance)
                .Build()
                .Deserialize<ScenarioDocument>(text);
        }
        catch (YamlException e)
        {
            throw new UserErrorException(new Diagnostic(source, e.Start.Line, "", FirstLine(e)));
        }
        if (document is null)
        {
            throw new UserErrorException(new Diagnostic(source, 0, "", "the scenario file is empty"));
        }

        var baseline = new Dictionary<Outcome, double>();
        foreach (var (name, value) in document.Baseline ?? [])
        {
            if (!Outcomes.TryParse(name, out var outcome) || outcome == Outcome.Uninsured)
            {
                throw Error(source, "baseline." + name, $"unknown outcome; use one of {KnownOutcomes(withUninsured: false)}");
            }
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw Error(source, "baseline." + name, "a baseline is a probability between 0 and 1");
            }
            baseline[outcome] = value;
        }

        var effects = new List<ScenarioEffect>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var e in document.Effects ?? [])
        {
            var at = $"effects[{index++}]";
            if (string.IsNullOrWhiteSpace(e.Id) || !ids.Add(e.Id))
            {
                throw Error(source, at + ".id", "every effect needs a unique id");
            }
            if (e.Outcome is null || !Outcomes.TryParse(e.Outcome, out var outcome))
            {
                throw Error(source, at + ".outcome", $"'{e.Outcome}' is not an outcome; use one of {KnownOutcomes(withUninsured: true)}");
            }
            if (e.Difference.HasValue == e.Ratio.HasValue)
            {
                throw Error(source, at, "give exactly one of 'difference' (absolute change, e.g. -0.08) or 'ratio' (multiplier, e.g. 3)");
            }
            if (e.Difference is { } d && (d is < -1 or > 1 || double.IsNaN(d)))
            {
                throw Error(source, at + ".difference", "a difference is between -1 and 1 (e.g. -0.08 for 8 points lower)");
            }
            if (e.Ratio is { } r && (r <= 0 || !double.IsFinite(r)))
            {
                throw Error(source, at + ".ratio", "a ratio is a positive number");
            }
            if (outcome == Outcome.Uninsured && e.Ratio is null)
            {
                throw Error(source, at, "the uninsured outcome varies by county, so its effects are ratios");
            }
            effects.Add(new ScenarioEffect(e.Id, outcome, Selector(e.Who, source, at + ".who"), e.Difference, e.Ratio, e.Description));
        }
        return new Scenario(document.Name ?? Path.GetFileNameWithoutExtension(source), document.Description ?? "", baseline, effects);
    }

    private static PopulationSelector Selector(ScenarioDocument.SelectorDocument? who, string source, string at)
    {
        if (who is null)
        {
            return new PopulationSelector();
        }
        List<Geography.OmbGroup>? races = null;
        if (who.Race is not null)
        {
            races = [];
            foreach (var name in who.Race)
            {
                if (!ScenarioNames.TryParseGroup(name, out var group))
                {
                    throw Error(source, at + ".race", $"'{name}' is not a group; use {ScenarioNames.KnownGroups}");
                }
                races.Add(group);
            }
        }
        if (who.Counties?.FirstOrDefault(c => c.Length != 5 || !c.All(char.IsAsciiDigit)) is { } badCounty)
        {
            throw Error(source, at + ".counties", $"'{badCounty}' is not a 5-digit county FIPS code (quote it in YAML to keep leading zeros)");
        }
        if (who.Sex is not null and not "female" and not "male")
        {
            throw Error(source, at + ".sex", "sex is 'female' or 'male'");
        }
        if (who.MinAge > who.MaxAge || who.MinAge < 0)
        {
            throw Error(source, at, "min-age must be between 0 and max-age");
        }
        return new PopulationSelector(races, who.Rural, who.Counties, who.Sex, who.MinAge, who.MaxAge, who.Language);
    }

    private static UserErrorException Error(string source, string field, string reason) =>
        new(new Diagnostic(source, 0, field, reason));

    private static string KnownOutcomes(bool withUninsured) =>
        string.Join(", ", Outcomes.All.Where(o => withUninsured || o != Outcome.Uninsured).Select(Outcomes.Name));

    private static string FirstLine(YamlException e)
    {
        var message = (e.InnerException ?? e).Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
