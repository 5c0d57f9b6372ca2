using System.Diagnostics;
using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;

// The Lodestar side of the measure benchmark (benchmarks/measures/README.md).
//   MeasureBench run WORKSPACE COUNTS.csv FIRST_YEAR LAST_YEAR STRATIFIERS
//     opens the workspace (timed apart), evaluates the whole catalog for every yearly period with the given
//     stratifiers (timed: wall and per measure), and writes every group and stratum count for the checker.
//   MeasureBench export WORKSPACE FOLDER
//     writes the columns the measures read as CSV, for the DuckDB peer to load (its load is not timed).
try
{
    return args switch
    {
        ["run", var ws, var counts, var first, var last, var stratify] => Run(ws, counts, Year(first), Year(last), stratify.Split(',')),
        ["export", var ws, var folder] => Export(ws, folder),
        _ => Usage(),
    };
}
catch (UserErrorException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: MeasureBench run WORKSPACE COUNTS.csv FIRST_YEAR LAST_YEAR race,ethnicity,...\n       MeasureBench export WORKSPACE FOLDER");
    return 2;
}

static int Year(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

static int Run(string path, string countsPath, int first, int last, string[] stratifiers)
{
    var clock = Stopwatch.StartNew();
    var workspace = Workspace.Open(path, ClinicalSchema.IsReadByMeasures);
    var catalog = MeasureCatalog.Load();
    var context = new EvaluationContext(workspace, catalog);
    var openSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"lodestar: opened {context.PatientCount:N0} patients in {openSeconds:F1} s (not part of the evaluation time)"));

    // The same work MeasureEngine.Evaluate does, with a clock around each measure; the first use of a table
    // (its row -> patient mapping) is charged to the measure that needs it first, as in a real run.
    var perMeasure = catalog.Measures.ToDictionary(m => m.Id, _ => TimeSpan.Zero, StringComparer.Ordinal);
    var strataTime = TimeSpan.Zero;
    var results = new List<MeasureResult>();
    var engine = new MeasureEngine(context);
    var evaluation = Stopwatch.StartNew();
    for (var year = first; year <= last; year++)
    {
        var period = Period.Year(year);
        var started = evaluation.Elapsed;
        var strata = stratifiers.ToDictionary(id => id, id => Stratifiers.Compute(id, context, period), StringComparer.Ordinal);
        strataTime += evaluation.Elapsed - started;
        foreach (var measure in catalog.Measures)
        {
            started = evaluation.Elapsed;
            var wanted = measure.Stratifiers.Where(strata.ContainsKey).Select(id => strata[id]).ToList();
            results.Add(engine.Evaluate(measure, period, wanted));
            perMeasure[measure.Id] += evaluation.Elapsed - started;
        }
    }
    var seconds = evaluation.Elapsed.TotalSeconds;
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"lodestar: {catalog.Measures.Count} measures x {last - first + 1} periods x {stratifiers.Length} stratifiers evaluated in {seconds:F2} s (stratifications {strataTime.TotalSeconds:F2} s)"));
    foreach (var (id, time) in perMeasure.OrderByDescending(kv => kv.Value))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {id,-44} {time.TotalSeconds,7:F2} s"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"lodestar: peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB (workspace included)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LODESTAR_EVAL_SECONDS={seconds:F3}"));
    CountsFile.Write(countsPath, results);
    return 0;
}

static int Export(string path, string folder)
{
    // Only the exported columns are opened: at a million patients the whole workspace would not fit beside DuckDB.
    var wanted = ExportColumns.All.ToDictionary(t => t.Table, t => t.Columns.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    var workspace = Workspace.Open(path, (table, column) => wanted.TryGetValue(table, out var columns) && columns.Contains(column));
    var catalog = MeasureCatalog.Load();
    var context = new EvaluationContext(workspace, catalog);
    Directory.CreateDirectory(folder);
    var export = new CsvExport(new Dictionary<string, int>(StringComparer.Ordinal));
    // The value-set expansions are input data like the tables: both sides match codes against the same lists.
    using (var valueSets = new StreamWriter(Path.Combine(folder, "valueset.csv")))
    {
        valueSets.WriteLine("id,code");
        foreach (var set in catalog.ValueSets.Values)
        {
            foreach (var code in set.Codes)
            {
                valueSets.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set.Id},{export.Id(code.Key)}"));
            }
        }
    }
    foreach (var (table, columns) in ExportColumns.All)
    {
        if (workspace.Tables.TryGetValue(table, out var t))
        {
            export.Write(t, columns, table == ClinicalSchema.Patient ? null : context.PatientRows(table), Path.Combine(folder, table + ".csv"));
            Console.WriteLine($"exported {table} ({t.RowCount:N0} rows)");
        }
    }
    return 0;
}
