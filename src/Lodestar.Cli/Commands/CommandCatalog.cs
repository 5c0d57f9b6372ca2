using System.CommandLine;

namespace Lodestar.Cli.Commands;

/// <summary>Every verb the CLI offers, in the order `lodestar --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return IngestCommand.Create();
        yield return MeasureCommand.Create();
        yield return MeasuresCommand.Create();
        yield return ScorecardCommand.Create();
        yield return VersionCommand.Create();
        yield return StatsCommand.Create();
        yield return SynthCommand.Create();
        yield return SynthMissionCommand.Create();
        yield return StateRankCommand.Create();
        yield return ViewCommand.Create();
    }
}
