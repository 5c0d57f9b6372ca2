using System.CommandLine;
using Lodestar.Measures.Definitions;
using Lodestar.Cli.Composition;
using Spectre.Console;

namespace Lodestar.Cli.Commands;

internal static class MeasuresCommand
{
    public static Command Create()
    {
        var definitions = new Option<string?>("--definitions") { Description = "Folder with measures/*.yaml and valuesets/*.yaml that extend or replace the shipped catalog." };
        var list = new Command("list", "List the measure catalog.\n\nExample:\n  lodestar measures list") { definitions };
        list.SetAction(parse =>
        {
            var catalog = MeasureCatalog.Load(parse.GetValue(definitions));
            var console = Consoles.For(parse.InvocationConfiguration.Output);
            var table = new Spectre.Console.Table().AddColumns("Id", "Title", "Follows", "Better is", "Mission area");
            foreach (var m in catalog.Measures)
            {
                table.AddRow(m.Id, Markup.Escape(m.Title), Markup.Escape(m.Reference), m.LowerIsBetter ? "lower" : "higher", m.MissionArea);
            }
            console.Write(table);
            console.WriteLine($"{catalog.Measures.Count} measures, {catalog.ValueSets.Count} value sets.");
            return 0;
        });
        return new Command("measures", "Work with the measure catalog.\n\nExample:\n  lodestar measures list") { list };
    }
}
