using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Streams FHIR R4 resources out of NDJSON (optionally gzipped), Bundles and single-resource JSON files.
/// Files are read in parallel, one worker per file, largest first so the last file to finish is a small one;
/// within a file records and diagnostics come in line order. Bad records never stop the run (unless
/// <see cref="FhirReaderOptions.Strict"/>): each becomes a diagnostic with its raw text, and per file
/// records = accepted + rejected.
/// </summary>
public sealed class FhirReader
{
    private readonly FhirReaderOptions options;

    public FhirReader(FhirReaderOptions? options = null) => this.options = options ?? new FhirReaderOptions();

    /// <summary>
    /// Reads every source, calling <paramref name="handler"/> for each accepted resource and
    /// <paramref name="diagnostics"/> for each problem. In strict mode the first problem stops all workers and
    /// is thrown as a <see cref="UserErrorException"/>. Exceptions from the handler propagate unchanged.
    /// </summary>
    public FhirReadSummary Read(IReadOnlyList<FhirSource> sources, IFhirResourceHandler handler, IFhirDiagnosticSink diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var session = new ReadSession(options, handler, diagnostics);
        var counts = new FhirFileCounts[sources.Count];
        var parallelism = Math.Max(1, options.MaxParallelism);
        var workers = new System.Collections.Concurrent.ConcurrentStack<int>(Enumerable.Range(0, parallelism).Reverse());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var order = Enumerable.Range(0, sources.Count).OrderByDescending(i => sources[i].Length).ToArray();
        try
        {
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token }, index =>
            {
                if (!workers.TryPop(out var worker))
                {
                    throw new InvalidOperationException("more concurrent files than workers");
                }
                var processor = new RecordProcessor(sources[index], worker, session);
                try
                {
                    new FileReader(sources[index], processor).Read();
                }
                catch (StrictStopException)
                {
                    stop.Cancel();
                    throw;
                }
                finally
                {
                    counts[index] = processor.Counts;
                    workers.Push(worker);
                }
            });
        }
        catch (AggregateException e)
        {
            var strict = e.InnerExceptions.OfType<StrictStopException>().FirstOrDefault();
            if (strict is not null)
            {
                throw new UserErrorException(strict.Diagnostic.Diagnostic);
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException("the read stopped without a reason");
        }
        if (options.CheckPatientReferences)
        {
            foreach (var missing in session.References.Missing())
            {
                try
                {
                    session.Report(missing);
                }
                catch (StrictStopException e)
                {
                    throw new UserErrorException(e.Diagnostic.Diagnostic);
                }
            }
        }
        return new FhirReadSummary(counts, session.Warnings);
    }
}
