namespace Lodestar.Synth;

/// <summary>
/// Generates batches of people on dedicated worker threads and hands them to the single writer in
/// batch order. A fixed ring of <see cref="BatchOutput"/> buffers (two per worker) bounds memory: a
/// worker takes a free slot before it claims the next batch number, so the batches in flight are always
/// a run of consecutive numbers no longer than the ring and batch b can live in slot b mod ring size.
/// Dedicated threads rather than one thread-pool task per batch: pool workers spin between short
/// tasks, which on a two-core machine takes CPU from the workers that are generating.
/// </summary>
internal sealed class BatchPipeline : IDisposable
{
    private readonly SynthPlan plan;
    private readonly long people;
    private readonly long batches;
    private readonly BatchOutput[] slots;
    private readonly SemaphoreSlim[] ready;
    private readonly SemaphoreSlim free;
    private readonly Thread[] workers;
    private readonly CancellationTokenSource stop;
    private long claimed = -1;
    private Exception? failure;

    public BatchPipeline(SynthPlan plan, long people, long batches, int threads, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        this.plan = plan;
        this.people = people;
        this.batches = batches;
        var ring = threads * 2;
        slots = new BatchOutput[ring];
        ready = new SemaphoreSlim[ring];
        for (var i = 0; i < ring; i++)
        {
            slots[i] = new BatchOutput { Tally = new Tally(plan.Scenario.Effects.Count) };
            ready[i] = new SemaphoreSlim(0, 1);
        }
        free = new SemaphoreSlim(ring, ring);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        workers = new Thread[Math.Min(threads, (int)Math.Min(batches, int.MaxValue))];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(Work) { IsBackground = true, Name = "synth worker " + i };
            workers[i].Start();
        }
    }

    /// <summary>Waits for batch <paramref name="batch"/> (called for 0, 1, 2, … in order) and returns it.</summary>
    public BatchOutput Next(long batch)
    {
        var slot = (int)(batch % slots.Length);
        try
        {
            ready[slot].Wait(stop.Token);
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        return slots[slot];
    }

    /// <summary>The writer is done with the batch <see cref="Next"/> returned: its slot may take a later one.</summary>
    public void Release() => free.Release();

    public void Dispose()
    {
        stop.Cancel();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        stop.Dispose();
        free.Dispose();
        foreach (var r in ready)
        {
            r.Dispose();
        }
    }

    private void Work()
    {
        var generator = new PersonGenerator(plan);
        try
        {
            while (true)
            {
                free.Wait(stop.Token);
                var batch = Interlocked.Increment(ref claimed);
                if (batch >= batches)
                {
                    free.Release();
                    return;
                }
                var slot = (int)(batch % slots.Length);
                var output = slots[slot];
                output.Clear(batch);
                var first = batch * SynthGenerator.BatchSize;
                var last = Math.Min(people, first + SynthGenerator.BatchSize);
                for (var i = first; i < last; i++)
                {
                    generator.Generate(i, output);
                }
                ready[slot].Release();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run was cancelled or another worker failed; Next reports which.
        }
#pragma warning disable CA1031 // a worker's exception is handed to the writer thread, which rethrows it
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref failure, e, null);
            stop.Cancel();
        }
    }
}
