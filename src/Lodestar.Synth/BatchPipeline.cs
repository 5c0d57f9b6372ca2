namespace Lodestar.Synth;

/// <summary>
/// Generates batches of people on dedicated worker threads and hands them to the single writer in
/// batch order. A fixed ring of <see cref="BatchOutput"/> buffers (two per worker) bounds memory: a
/// worker takes a free slot before it claims the next batch number, so the batches in flight are always
/// a run of consecutive numbers no longer than the ring and batch b can live in slot b mod ring size.
/// Dedicated threads rather than one thread-pool task per batch: pool workers spin between short
/// tasks, which on a two-core machine takes CPU from the workers that are generating. For the same
/// reason hand-offs wait on a monitor, which blocks at once: SemaphoreSlim spins first, and the writer,
/// which waits for nearly every batch, spent about 8% of the run's CPU spinning.
/// </summary>
internal sealed class BatchPipeline : IDisposable
{
    private readonly SynthPlan plan;
    private readonly long people;
    private readonly long batches;
    private readonly BatchOutput[] slots;
    private readonly bool[] ready;
    private readonly Thread[] workers;
    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenRegistration wakeOnStop;
    private readonly object gate = new();
    private int freeSlots;
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
        ready = new bool[ring];
        for (var i = 0; i < ring; i++)
        {
            slots[i] = new BatchOutput { Tally = new Tally(plan.Scenario.Effects.Count) };
        }
        freeSlots = ring;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wakeOnStop = stop.Token.Register(WakeAll);
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
        lock (gate)
        {
            while (!ready[slot] && !stop.IsCancellationRequested)
            {
                Monitor.Wait(gate);
            }
            // A stopped run throws even when the batch is ready, as a cancelled wait did: the caller must not go on writing.
            if (stop.IsCancellationRequested)
            {
                if (failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
                stop.Token.ThrowIfCancellationRequested();
            }
            ready[slot] = false;
        }
        return slots[slot];
    }

    /// <summary>The writer is done with the batch <see cref="Next"/> returned: its slot may take a later one.</summary>
    public void Release()
    {
        lock (gate)
        {
            freeSlots++;
            Monitor.PulseAll(gate);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        wakeOnStop.Dispose();
        stop.Dispose();
    }

    private void WakeAll()
    {
        lock (gate)
        {
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>The next batch number with a free slot reserved for it, or −1 when all are claimed or the run stops.</summary>
    private long Claim()
    {
        lock (gate)
        {
            while (freeSlots == 0 && !stop.IsCancellationRequested)
            {
                Monitor.Wait(gate);
            }
            if (stop.IsCancellationRequested || claimed + 1 >= batches)
            {
                return -1;
            }
            freeSlots--;
            return ++claimed;
        }
    }

    private void Work()
    {
        var generator = new PersonGenerator(plan);
        try
        {
            long batch;
            while ((batch = Claim()) >= 0)
            {
                var slot = (int)(batch % slots.Length);
                var output = slots[slot];
                output.Clear(batch);
                var first = batch * SynthGenerator.BatchSize;
                var last = Math.Min(people, first + SynthGenerator.BatchSize);
                for (var i = first; i < last; i++)
                {
                    generator.Generate(i, output);
                }
                lock (gate)
                {
                    ready[slot] = true;
                    Monitor.PulseAll(gate);
                }
            }
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
