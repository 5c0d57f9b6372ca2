using Lodestar.Diagnostics;
using Lodestar.IO;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;
using Lodestar.Mission.Scorecards;
using Lodestar.Mission.Synth;

namespace Lodestar.Mission;

/// <summary>
/// The one call that turns a mission model and an inputs folder into a scorecard folder (scorecard.html,
/// scorecard.json, scorecard.csv, reach-by-county.csv, rejects/). Used by <c>lodestar scorecard</c> and by the demo.
/// </summary>
public static class ScorecardRun
{
    /// <summary>The shipped model for each demo state: MS → UMMC, NM → UNM HSC, MO → WashU.</summary>
    public static string ShippedMissionFor(string state) => state.ToUpperInvariant() switch
    {
        "MS" => "ummc",
        "NM" => "unm-hsc",
        "MO" => "wustl-som",
        _ => throw new UserErrorException($"no shipped mission model for state '{state}' (MS, NM or MO)"),
    };

    /// <summary>
    /// For the demo: the shipped model of <paramref name="state"/>'s institution (MS → UMMC, NM → UNM HSC, MO → WashU),
    /// synthetic non-clinical inputs written to <paramref name="inputsDirectory"/> with <paramref name="seed"/>, and the
    /// scorecard written to <paramref name="outputDirectory"/>, its clinical measures evaluated on the demo's workspace.
    /// </summary>
    public static ScorecardSummary RunDemo(string state, ulong seed, string inputsDirectory, ClinicalSource? clinical, string outputDirectory)
    {
        var id = ShippedMissionFor(state);
        MissionSynth.Write(state, seed, inputsDirectory);
        return Run(id, inputsDirectory, clinical, outputDirectory);
    }

    /// <summary>Runs a scorecard.</summary>
    /// <param name="missionFile">A mission YAML (e.g. missions/ummc.yaml), or a shipped model id (ummc, unm-som, unm-hsc, wustl-som).</param>
    /// <param name="inputsDirectory">The non-clinical CSV folder (e.g. written by <see cref="MissionSynth.Write"/>).</param>
    /// <param name="clinical">The measure engine over a workspace, for <c>clinical:&lt;id&gt;</c> measures; null leaves them "no data".</param>
    /// <param name="outputDirectory">Replaced atomically.</param>
    /// <returns>Counts for a one-line summary: measures by status.</returns>
    public static ScorecardSummary Run(string missionFile, string inputsDirectory, ClinicalSource? clinical, string outputDirectory)
    {
        var mission = MissionLoader.Load(missionFile);
        // Before anything is written: a mission citing a measure the catalog lacks stops here with its name.
        var clinicalResults = ClinicalResults.Evaluate(mission, missionFile, clinical);
        using var output = new AtomicDirectory(outputDirectory);
        var inputs = InputReader.Read(inputsDirectory, Path.Combine(output.StagingPath, "rejects"));
        var card = ScorecardBuilder.Build(mission, inputs, clinicalResults, clinical?.Description ?? "none (no workspace given)");
        File.WriteAllText(Path.Combine(output.StagingPath, "scorecard.html"), ScorecardHtml.Render(card));
        using (var json = File.Create(Path.Combine(output.StagingPath, "scorecard.json")))
        {
            ScorecardJson.Write(card, json);
        }
        using (var csv = File.Create(Path.Combine(output.StagingPath, "scorecard.csv")))
        {
            ScorecardCsv.Write(card, csv);
        }
        WriteReachByCounty(mission, inputs, Path.Combine(output.StagingPath, "reach-by-county.csv"));
        output.Commit();
        return new ScorecardSummary(
            mission.Institution.Name,
            Path.GetFullPath(outputDirectory),
            card.Cards.Count,
            card.Cards.Count(c => c.Status == GoalStatus.OnTrack),
            card.Cards.Count(c => c.Status == GoalStatus.AtRisk),
            card.Cards.Count(c => c.Status == GoalStatus.OffTrack),
            card.Cards.Count(c => c.Status == GoalStatus.NoData),
            inputs.Files.Sum(f => f.Rejected));
    }

    private static void WriteReachByCounty(MissionModel mission, MissionInputs inputs, string path)
    {
        var state = Lodestar.Geography.CountyRegistry.Default.GetState(mission.Institution.State);
        var measures = new MissionMeasures(inputs, state, ClinicalResults.None);
        using var csv = CsvFiles.Create(path);
        csv.WriteRow("county_fips", "county", "rucc", "rural", "people_reached", "per_1000");
        foreach (var (county, people, per1000) in measures.ReachByCounty(null))
        {
            csv.WriteRow(county.Fips, county.Name, county.RuralUrbanContinuumCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                county.IsRural ? "yes" : "no", people.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Number(per1000));
        }
    }
}
