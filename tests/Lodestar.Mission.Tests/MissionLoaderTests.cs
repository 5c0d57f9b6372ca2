using Lodestar.Diagnostics;
using Lodestar.Mission.Model;
using Lodestar.Testing;

namespace Lodestar.Mission.Tests;

public sealed class MissionLoaderTests
{
    public static TheoryData<string, string, int> Shipped => new()
    {
        // file, state, goals (pins the shipped models' shape: a changed count means a changed model)
        { "ummc.yaml", "MS", 9 },
        { "unm-som.yaml", "NM", 7 },
        { "unm-hsc.yaml", "NM", 9 },
        { "wustl-som.yaml", "MO", 7 },
    };

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_model_loads_with_measures_and_unmeasurable_reasons(string file, string state, int goals)
    {
        var model = MissionLoader.Load(Path.Combine(RepoPaths.Root, "missions", file));
        Assert.Equal(state, model.Institution.State);
        Assert.Equal(goals, model.Areas.Sum(a => a.Goals.Count));
        Assert.All(model.Areas.SelectMany(a => a.Goals), g => Assert.NotEmpty(g.Measures));
        Assert.NotEmpty(model.Unmeasurable);
        Assert.All(model.Unmeasurable, u => Assert.False(string.IsNullOrWhiteSpace(u.Why)));
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_quote_is_verbatim_from_the_seed_text(string file, string state, int goals)
    {
        _ = (state, goals);
        var model = MissionLoader.Load(Path.Combine(RepoPaths.Root, "missions", file));
        var seedName = model.Institution.Source.Split("seeds/")[1].TrimEnd(')');
        var seed = Typography(File.ReadAllText(Path.Combine(RepoPaths.Shared, "seeds", seedName)));
        foreach (var quote in model.Areas.SelectMany(a => a.Goals).Select(g => g.Quote).Concat(model.Unmeasurable.Select(u => u.Quote)))
        {
            Assert.True(seed.Contains(Typography(quote), StringComparison.Ordinal), $"{file}: not in the seed text: {quote}");
        }
    }

    /// <summary>Verbatim up to typography: no-break spaces, runs of spaces and curly apostrophes (docs/missions.md).</summary>
    private static string Typography(string s) =>
        System.Text.RegularExpressions.Regex.Replace(s.Replace('\u00a0', ' ').Replace('\u2019', '\''), @"\s+", " ");

    private const string Valid = """
        institution: { id: x, name: X, state: MS, source: test }
        areas:
          - id: a
            name: A
            goals:
              - id: g
                title: G
                quote: "q"
                measures:
                  - measure: graduates-in-state
                    params: { program: md }
                    target: 0.6
                    target_year: 2030
                    direction: higher-is-better
                    owner: Dean
        unmeasurable: []
        """;

    [Fact]
    public void A_valid_model_parses_its_target()
    {
        var m = MissionLoader.Parse(Valid, "t.yaml").AllMeasures().Single().Measure;
        Assert.Equal("graduates-in-state(program=md)", m.Key);
        Assert.Equal(0.6, m.Target);
        Assert.Equal(GoalDirection.HigherIsBetter, m.Direction);
    }

    [Theory]
    [InlineData("direction: higher-is-better", "direction: up", "t.yaml:14: direction:")]              // bad direction, on the measure's line
    [InlineData("measure: graduates-in-state", "measure: graduates-on-mars", "t.yaml:10: measure:")]  // unknown measure
    [InlineData("params: { program: md }", "params: { colour: md }", "params.colour")]                // parameter the measure does not take
    [InlineData("owner: Dean", "owner: Dean\n            colour: red", "unknown key 'colour'")]       // unknown key
    [InlineData("state: MS", "state: XX", "institution.state")]                                       // unknown state
    [InlineData("target: 0.6", "target: lots", "'lots' is not a number")]
    public void Mistakes_name_the_file_line_and_key(string from, string to, string expected)
    {
        var e = Assert.Throws<UserErrorException>(() => MissionLoader.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "t.yaml"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
