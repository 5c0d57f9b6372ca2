using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Lodestar.Diagnostics;
using Lodestar.Fhir.Views.Streamed;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Streams FHIR R4 resources out of NDJSON (optionally gzipped), Bundles and single-resource JSON files.
/// Producers (one per file, largest files first) cut records into ~1 MiB chunks; <see cref="FhirReaderOptions.MaxParallelism"/>
/// workers parse, check and hand them over, so even one big file keeps every core busy. A bounded queue keeps
/// memory constant. Per file, diagnostics reach the sink in line order. Bad records never stop the run
/// (unless <see cref="FhirReaderOptions.Strict"/>): each becomes a diagnostic with its raw text, and per file
/// records = accepted + rejected.
/// </summary>
public sealed class FhirReader
{
    private readonly FhirReaderOptions options;

    public FhirReader(FhirReaderOptions? options = null) => this.options = options ?? new FhirReaderOptions();

    /// <summary>
    /// Reads every source, calling <paramref name="handler"/> for each accepted resource and
    /// <paramref name="diagnostics"/> for each problem. In strict mode the first problem stops all workers and
    /// is thrown as a <see cref="UserErrorException"/>. Exceptions from the handler or the sink propagate unchanged.
    /// </summary>
    public FhirReadSummary Read(IReadOnlyList<FhirSource> sources, IFhirResourceHandler handler, IFhirDiagnosticSink diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var session = new ReadSession(options, handler, diagnostics);
        var files = sources.Select(s => new FileState(s)).ToArray();
        var parallelism = Math.Max(1, options.MaxParallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: parallelism * 2);
        var failures = new ConcurrentQueue<Exception>();

        void Fail(Exception e)
        {
            failures.Enqueue(e);
            stop.Cancel();
        }

        var plans = OnePassPlans(handler);
        var processors = Enumerable.Range(0, parallelism)
            .Select(worker => new ChunkProcessor(worker, session, plans.Count == 0 ? null : new StreamScanner(plans))).ToArray();
        var workers = Enumerable.Range(0, parallelism).Select(worker =>
        {
            var thread = new Thread(() =>
            {
                var processor = processors[worker];
                try
                {
                    foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
                    {
                        try
                        {
                            processor.Process(chunk);
                        }
                        finally
                        {
                            chunk.Release();
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
#pragma warning disable CA1031 // Any failure on a worker is carried to the caller's thread and rethrown there.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Fail(e);
                }
            })
            { IsBackground = true, Name = $"lodestar-fhir-worker-{worker}" };
            thread.Start();
            return thread;
        }).ToArray();

        try
        {
            // Producers: one per file at a time, as many files at once as there are workers; largest first so the
            // last file to finish is a small one.
            var order = parallelism == 1
                ? Enumerable.Range(0, files.Length).ToArray() // one worker: keep the input order, so output is reproducible
                : Enumerable.Range(0, files.Length).OrderByDescending(i => files[i].Source.Length).ToArray();
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token }, index =>
            {
                var writer = new ChunkWriter(files[index], chunk =>
                {
                    try
                    {
                        queue.Add(chunk, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        chunk.Release();
                        throw;
                    }
                });
                new FileReader(files[index].Source, writer, options.Progress).Read();
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (AggregateException e)
        {
            foreach (var inner in e.InnerExceptions.Where(x => x is not OperationCanceledException))
            {
                Fail(inner);
            }
        }
        finally
        {
            queue.CompleteAdding();
            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        if (!failures.IsEmpty)
        {
            var strict = failures.OfType<StrictStopException>().FirstOrDefault();
            if (strict is not null)
            {
                throw new UserErrorException(strict.Diagnostic.Diagnostic);
            }
            ExceptionDispatchInfo.Capture(failures.First()).Throw();
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (options.CheckPatientReferences)
        {
            foreach (var missing in session.References.Missing())
            {
                try
                {
                    session.Emit(missing);
                }
                catch (StrictStopException e)
                {
                    throw new UserErrorException(e.Diagnostic.Diagnostic);
                }
            }
        }
        var types = processors.SelectMany(p => p.Types)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => new FhirTypeCounts(g.Key, g.Sum(t => t.Value.Accepted), g.Sum(t => t.Value.Rejected)))
            .OrderBy(t => t.ResourceType == FhirTypeCounts.Unreadable).ThenBy(t => t.ResourceType, StringComparer.Ordinal)
            .ToArray();
        return new FhirReadSummary(files.Select(f => f.Counts).ToArray(), types, session.Warnings);
    }

    /// <summary>One-pass plans for the resource types whose every view compiles to one (none unless the handler takes rows).</summary>
    private List<StreamPlan> OnePassPlans(IFhirResourceHandler handler)
    {
        if (!options.OnePassRows || handler is not IFhirRowHandler rows)
        {
            return [];
        }
        return rows.Views.Select((view, index) => (Index: index, View: view))
            .GroupBy(v => v.View.Resource, StringComparer.Ordinal)
            .Select(type => StreamCompiler.TryCompile(type.Key, type.ToList(), options.CheckPatientReferences))
            .OfType<StreamPlan>()
            .ToList();
    }
}
