using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.IO;

namespace Lodestar.Cli.Commands;

/// <summary>
/// <c>lodestar view</c>: runs any SQL on FHIR v2 ViewDefinition over FHIR input and writes the rows.
/// This is how users debug views (their own or the shipped ones) and how anyone can check our conformance.
/// By default files are read one at a time so the rows come out in input order, the same on every run;
/// --parallel trades that order for every core.
/// </summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var view = new Option<string>("--view") { Description = "A ViewDefinition JSON file, or the name of a shipped view (patient, encounter, condition, observation, procedure, immunization, medication_request, coverage).", Required = true };
        var input = new Option<string[]>("--input") { Description = "FHIR input: .ndjson / .ndjson.gz / Bundle .json files, or folders of them.", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "Output format: csv (default) or ndjson." , DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "Write the rows to this file (atomically) instead of standard output." };
        var rejects = new Option<string?>("--rejects") { Description = "Write rejected input records to this NDJSON file (file, line, field, reason, raw)." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad record or failing row instead of reporting it and going on." };
        var parallel = new Option<bool>("--parallel") { Description = "Use every core; rows then come out in no particular order (by default files are read in order, one at a time)." };
        var command = new Command("view",
            "Run a SQL on FHIR v2 ViewDefinition over FHIR data and print the rows.\n\n" +
            "Example:\n  lodestar view --view patient --input data/fhir --format csv --out patients.csv");
        command.Options.Add(view);
        command.Options.Add(input);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(rejects);
        command.Options.Add(strict);
        command.Options.Add(parallel);
        command.SetAction(parse => Run(
            parse.GetValue(view)!, parse.GetValue(input)!, parse.GetValue(format) ?? "csv", parse.GetValue(output), parse.GetValue(rejects),
            parse.GetValue(strict), parse.GetValue(parallel), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string viewPath, string[] inputs, string format, string? outPath, string? rejectsPath, bool strict, bool parallel, TextWriter stdout, TextWriter stderr)
    {
        if (format is not ("csv" or "ndjson"))
        {
            throw new UserErrorException($"--format must be csv or ndjson, not '{format}'");
        }
        var definition = !File.Exists(viewPath) && LodestarViews.IsShipped(viewPath) ? LodestarViews.Load(viewPath) : ViewDefinition.Load(viewPath);
        var sources = FhirSources.Discover(inputs);
        if (sources.Count == 0)
        {
            throw new UserErrorException($"no FHIR files (.ndjson, .ndjson.gz, .json) found in {string.Join(", ", inputs)}");
        }
        var console = new ConsoleDiagnostics(stderr);
        using var rejectsFile = rejectsPath is null ? null : new RejectsFile(rejectsPath, console, sources);
        IFhirDiagnosticSink sink = rejectsFile is null ? console : rejectsFile;
        var options = new FhirReaderOptions { Strict = strict, MaxParallelism = parallel ? Environment.ProcessorCount : 1 };
        FhirReadSummary? summary = null;
        long rows = 0;
        long failures = 0;

        void Write(TextWriter writer)
        {
            using var rowWriter = new ViewRowWriter(writer, definition.Columns, format == "csv");
            var handler = new ViewHandler(definition, rowWriter, strict, stderr, parallel);
            summary = new FhirReader(options).Read(sources, handler, sink);
            rows = rowWriter.Rows;
            failures = handler.Failures;
        }

        if (outPath is null)
        {
            Write(stdout);
        }
        else
        {
            AtomicFile.Write(outPath, stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                Write(writer);
            });
        }
        rejectsFile?.Commit();
        stderr.WriteLine(
            $"{rows} rows from {summary!.Accepted} resources in {summary.Files.Count} file(s); " +
            $"{summary.Rejected} records rejected, {summary.Warnings} warnings, {failures} resources the view failed on.");
        return LodestarCli.Success;
    }
}
