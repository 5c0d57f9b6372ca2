using System.Text;
using Lodestar.Geography;

namespace Lodestar.Synth.Tests;

public sealed class BatchPipelineTests
{
    private static SynthPlan Plan(long people)
    {
        var options = new SynthOptions("NM", people, 2025, 2025, 3, Scenario.Default);
        var model = new PopulationModel(SynthGenerator.Validate(options), CountyRegistry.Default, CountyBoundaries.Default, new CountyResolver());
        return new SynthPlan(options, model, CountyBoundaries.Default);
    }

    [Fact]
    public void Batches_arrive_in_order_with_their_own_people_however_many_workers_make_them()
    {
        // Five full batches and a short last one, three workers, a ring of six slots reused as the writer releases them.
        const long people = SynthGenerator.BatchSize * 5 + 7;
        using var pipeline = new BatchPipeline(Plan(people), people, 6, threads: 3, CancellationToken.None);
        for (long b = 0; b < 6; b++)
        {
            var output = pipeline.Next(b);
            Assert.Equal(b, output.BatchIndex);
            Assert.Equal(b < 5 ? SynthGenerator.BatchSize : 7, output.People);
            var firstPatient = Encoding.UTF8.GetString(output.Bytes(ResourceKind.Patient).Span[..60]);
            Assert.StartsWith($"{{\"resourceType\":\"Patient\",\"id\":\"p{b * SynthGenerator.BatchSize}\"", firstPatient, StringComparison.Ordinal);
            pipeline.Release();
        }
    }

    [Fact]
    public void A_cancelled_run_stops_the_writer_waiting_and_the_workers()
    {
        using var cancel = new CancellationTokenSource();
        const long batches = 40;
        var pipeline = new BatchPipeline(Plan(SynthGenerator.BatchSize * batches), SynthGenerator.BatchSize * batches, batches, threads: 2, cancel.Token);
        Assert.Equal(0, pipeline.Next(0).BatchIndex);
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Next(1));
        pipeline.Dispose(); // joins the workers: returns only if they stopped
    }

    [Fact]
    public void A_cancelled_run_throws_even_when_the_next_batch_is_already_made()
    {
        using var cancel = new CancellationTokenSource();
        const long batches = 3;
        using var pipeline = new BatchPipeline(Plan(SynthGenerator.BatchSize * batches), SynthGenerator.BatchSize * batches, batches, threads: 2, cancel.Token);
        Assert.Equal(0, pipeline.Next(0).BatchIndex);
        Thread.Sleep(2000); // a batch of 512 people takes tens of milliseconds: batch 1 is waiting in its slot
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Next(1));
    }
}
