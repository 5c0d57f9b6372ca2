using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.IO;
using Lodestar.Tables;

// Replicates a workspace K times for benchmarks: every table's rows are repeated once per copy, and every
// identity (resource ids, resource keys, patient references) gets a per-copy suffix so the copies are
// distinct patients with the same distributions. Copy 0 keeps the original ids, so the source workspace
// is exactly the first copy.
// Usage: dotnet run -c Release --project benchmarks/ScaleWorkspace -- SOURCE TARGET K
if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var copies) || copies < 1)
{
    Console.Error.WriteLine("usage: ScaleWorkspace SOURCE_WORKSPACE TARGET_WORKSPACE K   (K >= 1 copies)");
    return 2;
}
try
{
    var source = Workspace.Open(args[0]);
    var summaries = new List<TableSummary>();
    using (var staging = new AtomicDirectory(args[1]))
    {
        // One table at a time: the replicated tables are K times the source, so only one is held at once.
        foreach (var table in source.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var scaled = Replicator.Replicate(table, copies);
            using (var stream = File.Create(Path.Combine(staging.StagingPath, table.Name + ".table")))
            {
                TableFile.Write(scaled, stream);
            }
            summaries.Add(new TableSummary(table.Name, scaled.RowCount));
            Console.WriteLine($"{table.Name,-20} {table.RowCount,12:N0} -> {scaled.RowCount,13:N0} rows");
        }
        // The per-file ingest counts describe the source files, which the copies were not read from.
        var manifest = new WorkspaceManifest(source.Manifest.CreatedAt, summaries, []);
        Workspace.WriteInto(staging.StagingPath, [], manifest);
        staging.Commit();
    }
    return 0;
}
catch (UserErrorException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
