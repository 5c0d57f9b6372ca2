using System.Text.Json;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;
using Lodestar.Mission.Scorecards;
using Lodestar.Mission.Synth;
using Lodestar.Testing;

namespace Lodestar.Mission.Tests;

public sealed class ScorecardRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-mission-run", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("MS", "ummc.yaml")]
    [InlineData("NM", "unm-som.yaml")]
    [InlineData("NM", "unm-hsc.yaml")]
    [InlineData("MO", "wustl-som.yaml")]
    public void Every_non_clinical_measure_of_a_shipped_model_has_a_value_on_synthetic_inputs(string state, string file)
    {
        var inputs = Path.Combine(folder, state);
        MissionSynth.Write(state, 5, inputs);
        var output = Path.Combine(folder, "out-" + file);
        var summary = ScorecardRun.Run(Path.Combine(RepoPaths.Root, "missions", file), inputs, null, output);
        Assert.Equal(0, summary.RejectedRows);
        var csv = File.ReadAllLines(Path.Combine(output, "scorecard.csv")).Skip(1).ToArray();
        Assert.Equal(summary.Measures, csv.Length);
        var missing = csv.Where(l => l.Contains(",no-data,", StringComparison.Ordinal) && !l.Contains(",clinical:", StringComparison.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, string.Join("\n", missing));
        Assert.Equal(csv.Count(l => l.Contains(",clinical:", StringComparison.Ordinal)), summary.NoData);
        var html = File.ReadAllText(Path.Combine(output, "scorecard.html"));
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No data", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "scorecard.json")));
        Assert.Equal(summary.Measures, json.RootElement.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("goals").EnumerateArray()).Sum(g => g.GetProperty("measures").GetArrayLength()));
    }

    [Fact]
    public void The_synthetic_inputs_are_deterministic_and_carry_the_planted_effects()
    {
        var a = Path.Combine(folder, "a");
        var b = Path.Combine(folder, "b");
        MissionSynth.Write("MS", 11, a);
        MissionSynth.Write("MS", 11, b);
        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName).Where(f => f!.EndsWith(".csv", StringComparison.Ordinal) || f!.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file!)), File.ReadAllBytes(Path.Combine(b, file!)));
        }
        var inputs = InputReader.Read(a, null);
        Assert.All(inputs.Files, f => Assert.Equal(0, f.Rejected));
        var ms = Lodestar.Geography.CountyRegistry.Default.GetState("MS");
        // Planted: MD matriculants who are Black at half their state share; pooled over all entry years.
        var md = inputs.Learners.Where(l => l.Program == "md").ToArray();
        var ri = md.Count(l => l.RaceEthnicity == "black") / (double)md.Length / ms.Share(Lodestar.Geography.OmbGroup.Black);
        Assert.InRange(ri, 0.45, 0.56);
        // Planted: rural-origin MD graduates practising in state go rural at 45%, others at 15%.
        var registry = Lodestar.Geography.CountyRegistry.Default;
        var inState = md.Where(l => l.PracticeState == "MS").ToArray();
        double RuralShare(bool ruralHome) => inState.Where(l => registry.GetCounty(l.HomeCounty!).IsRural == ruralHome)
            .Average(l => registry.GetCounty(l.PracticeCounty!).IsRural ? 1.0 : 0.0);
        Assert.InRange(RuralShare(true), 0.38, 0.52);
        Assert.InRange(RuralShare(false), 0.11, 0.19);
        var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(a, "ground-truth.json")));
        Assert.Equal(MissionSynth.Effects("MS").Count, truth.RootElement.GetProperty("effects").GetArrayLength());
    }

    [Theory]
    [InlineData("MS", "University of Mississippi Medical Center")]
    [InlineData("NM", "University of New Mexico Health Sciences Center")]
    [InlineData("MO", "Washington University School of Medicine")]
    public void The_demo_call_scores_the_states_institution_from_the_embedded_model(string state, string institution)
    {
        var s = ScorecardRun.RunDemo(state, 3, Path.Combine(folder, state + "-in"), null, Path.Combine(folder, state + "-card"));
        Assert.Equal(institution, s.Institution);
        Assert.Equal(s.Measures, s.OnTrack + s.AtRisk + s.OffTrack + s.NoData);
        Assert.True(File.Exists(Path.Combine(folder, state + "-card", "scorecard.html")));
    }

    [Fact]
    public void The_embedded_models_equal_the_files_in_missions()
    {
        foreach (var id in MissionLoader.ShippedIds)
        {
            var file = MissionLoader.Load(Path.Combine(RepoPaths.Root, "missions", id + ".yaml"));
            var embedded = MissionLoader.LoadShipped(id);
            Assert.Equal(file.Institution, embedded.Institution);
            Assert.Equal(file.AllMeasures().Select(m => m.Measure.Key), embedded.AllMeasures().Select(m => m.Measure.Key));
        }
    }
}
