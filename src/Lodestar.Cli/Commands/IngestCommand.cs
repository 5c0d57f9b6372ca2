using System.CommandLine;
using System.Globalization;
using Lodestar.Cli.Composition;
using Lodestar.Ingest;
using Lodestar.Tables;
using Spectre.Console;

namespace Lodestar.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("input") { Description = "FHIR files or folders: NDJSON (.ndjson, .ndjson.gz) and Bundles (.json).", Arity = ArgumentArity.OneOrMore };
        var workspace = new Option<string>("--workspace") { Description = "Workspace folder to write (replaced only when the ingest succeeds).", Required = true };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad record instead of rejecting it and carrying on." };
        var engine = MeasureBackend.EngineOption();
        engine.Description = "'embedded' writes the workspace only; 'clickhouse' also loads its tables into the cluster given by --clickhouse.";
        var clickhouse = MeasureBackend.ClickHouseOption();
        var budget = new Option<int>("--memory-budget")
        {
            Description = "MiB of column builders held before rows are spilled to the workspace's staging folder; peak memory is a few "
                + "times this, whatever the input size (see docs/fhir.md). More means fewer, larger spills.",
            DefaultValueFactory = _ => (int)(IngestPipeline.DefaultMemoryBudget >> 20),
        };
        var batch = new Option<string>("--batch") { Description = "Load batch id in ClickHouse: loading the same batch again replaces it, a new id adds to the data.", DefaultValueFactory = _ => "default" };
        var command = new Command("ingest",
            "Read FHIR R4 data through Lodestar's SQL-on-FHIR views into a columnar workspace. Bad records go to " +
            "<workspace>/rejects.ndjson with file, line, field and reason; per file, lines read = accepted + rejected.\n\n" +
            "Example:\n  lodestar ingest lodestar-out/fhir --workspace ws")
        {
            inputs, workspace, strict, engine, clickhouse, batch, budget,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var target = parse.GetValue(workspace)!;
            var budgetMiB = parse.GetValue(budget);
            if (budgetMiB < 1)
            {
                throw new Diagnostics.UserErrorException($"--memory-budget must be at least 1 MiB (got {budgetMiB})");
            }
            // Checked before the work: a bad --engine/--clickhouse should not cost a whole ingest.
            var servers = MeasureBackend.Servers(parse.GetValue(engine)!, parse.GetValue(clickhouse));
            using var staging = new IO.AtomicDirectory(target);
            var result = Ingestion.Run(parse.GetValue(inputs)!, staging.StagingPath, parse.GetValue(strict), cancellationToken,
                parse.InvocationConfiguration.Error, (long)budgetMiB << 20);
            if (result.Read.Accepted == 0)
            {
                // Keep the reasons: the staging folder is discarded, so the rejects go beside the workspace.
                var kept = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar) + ".rejects.ndjson";
                File.Copy(Path.Combine(staging.StagingPath, "rejects.ndjson"), kept, overwrite: true);
                throw new Diagnostics.UserErrorException(
                    $"no FHIR resource was accepted from {string.Join(", ", parse.GetValue(inputs)!)} ({result.Read.Rejected:N0} rejected, reasons in {kept}); the previous workspace was left as it was");
            }
            var manifest = result.Manifest(DateTimeOffset.UtcNow);
            Workspace.WriteManifest(staging.StagingPath, manifest);
            staging.Commit();
            Print(result, target, parse.InvocationConfiguration.Output);
            if (servers is not null)
            {
                MeasureBackend.Load(servers, target, result.Tables.Select(t => t.Name), parse.GetValue(batch)!);
                parse.InvocationConfiguration.Output.WriteLine($"Loaded into ClickHouse ({string.Join(", ", servers)}) as batch '{parse.GetValue(batch)}'.");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    internal static void Print(IngestResult result, string target, TextWriter output)
    {
        var console = Consoles.For(output);
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
        var files = new Spectre.Console.Table().AddColumns("File", "Read", "Accepted", "Rejected");
        foreach (var f in result.Read.Files)
        {
            files.AddRow(Markup.Escape(f.Source), N(f.Records), N(f.Accepted), N(f.Rejected));
        }
        console.Write(files);
        var types = new Spectre.Console.Table().AddColumns("Resource type", "Read", "Accepted", "Rejected");
        foreach (var t in result.Read.Types)
        {
            types.AddRow(Markup.Escape(t.ResourceType), N(t.Records), N(t.Accepted), N(t.Rejected));
        }
        console.Write(types);
        var tables = new Spectre.Console.Table().AddColumns("Table", "Rows");
        foreach (var t in result.Tables)
        {
            tables.AddRow(t.Name, N(t.Rows));
        }
        console.Write(tables);
        var c = result.Counties;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Patients' counties: {c.ByDistrict:N0} from district, {c.ByPostalCode:N0} from ZIP, {c.ByCoordinates:N0} from coordinates, {c.Unresolved:N0} unresolved."));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Read.Accepted:N0} resources accepted, {result.Read.Rejected:N0} rejected, in {seconds:F1} s " +
            $"({result.Read.Bytes / 1e6 / seconds:F1} MB/s, {result.Read.Accepted / seconds:N0} resources/s)."));
        console.WriteLine($"Workspace: {Path.GetFullPath(target)}");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
