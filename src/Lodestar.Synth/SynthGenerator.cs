using Lodestar.Diagnostics;
using Lodestar.Geography;
using Lodestar.IO;

namespace Lodestar.Synth;

/// <summary>
/// Writes a synthetic population of a real state as FHIR R4 NDJSON in the bulk-export layout
/// (Patient.ndjson, Coverage.ndjson, Condition.ndjson, Encounter.ndjson, Observation.ndjson,
/// Procedure.ndjson, Immunization.ndjson, MedicationRequest.ndjson), optional per-patient Bundles
/// under bundles/, and ground-truth.json with the planted effects and what was realised.
/// People are generated in batches on worker threads (<see cref="BatchPipeline"/>) and written in batch
/// order by this thread, so memory stays flat as N grows and the bytes do not depend on the thread count.
/// </summary>
/// <example>
/// <code>
/// var options = new SynthOptions("MS", People: 10_000, FirstYear: 2021, LastYear: 2025, Seed: 42, Scenario.Default);
/// SynthResult result = SynthGenerator.Run(options, "out/ms");
/// </code>
/// </example>
public static class SynthGenerator
{
    /// <summary>People per batch: large enough to amortise hand-offs, small enough to keep memory flat.</summary>
    internal const int BatchSize = 512;

    internal static readonly string[] FileNames =
        ["Patient", "Coverage", "Condition", "Encounter", "Observation", "Procedure", "Immunization", "MedicationRequest"];

    /// <summary>Checks options a user typed; a mistake is a <see cref="UserErrorException"/> with one clear line.</summary>
    public static UsState Validate(SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!CountyRegistry.Default.TryGetState(options.State, out var state))
        {
            throw new UserErrorException($"--state {options.State}: not a US state with data; use a USPS code such as MS, NM or MO (50 states and DC).");
        }
        if (options.People <= 0)
        {
            throw new UserErrorException($"--people {options.People}: give a positive number of people.");
        }
        if (options.FirstYear > options.LastYear || options.FirstYear < 1990 || options.LastYear > 2100)
        {
            throw new UserErrorException($"--years {options.FirstYear}..{options.LastYear}: give a range such as 2021..2025 (first ≤ last, within 1990..2100).");
        }
        if (options.AsOf is { } asOf && (asOf.Year < options.FirstYear || asOf.Year > options.LastYear))
        {
            throw new UserErrorException($"--as-of {asOf:yyyy-MM-dd}: must fall within the years {options.FirstYear}..{options.LastYear}.");
        }
        return state;
    }

    public static SynthResult Run(SynthOptions options, string outputDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = Validate(options);
        var registry = CountyRegistry.Default;
        var boundaries = CountyBoundaries.Default;
        var model = new PopulationModel(state, registry, boundaries, new CountyResolver());
        var plan = new SynthPlan(options, model, boundaries);
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

        using var directory = new AtomicDirectory(outputDirectory);
        // Unbuffered: each write is a whole batch's bytes of one type (0.1–7 MB), which a stream buffer would only copy once more.
        var streams = FileNames.Select(n => new FileStream(Path.Combine(directory.StagingPath, n + ".ndjson"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0)).ToArray();
        var bundles = options.WriteBundles ? Directory.CreateDirectory(Path.Combine(directory.StagingPath, "bundles")).FullName : null;
        var totals = new long[BatchOutput.KindCount];
        var tally = new Tally(options.Scenario.Effects.Count);
        long bytes = 0;
        long done = 0;
        try
        {
            var batches = (options.People + BatchSize - 1) / BatchSize;
            using var pipeline = new BatchPipeline(plan, options.People, batches, threads, cancellationToken);
            for (long b = 0; b < batches; b++)
            {
                var output = pipeline.Next(b);
                for (var k = 0; k < BatchOutput.KindCount; k++)
                {
                    var data = output.Bytes((ResourceKind)k);
                    streams[k].Write(data.Span);
                    bytes += data.Length;
                    totals[k] += output.Counts[k];
                }
                if (bundles is not null)
                {
                    WriteBundles(output, bundles);
                }
                tally.Add(output.Tally);
                done += output.People;
                pipeline.Release();
                progress?.Report(done);
            }
        }
        finally
        {
            foreach (var s in streams)
            {
                s.Dispose();
            }
        }
        GroundTruth.Write(Path.Combine(directory.StagingPath, "ground-truth.json"), plan, tally, totals);
        directory.Commit();
        var resources = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var k = 0; k < FileNames.Length; k++)
        {
            resources[FileNames[k] + ".ndjson"] = totals[k];
        }
        return new SynthResult(Path.GetFullPath(outputDirectory), done, resources, bytes);
    }

    private static void WriteBundles(BatchOutput output, string folder)
    {
        var first = output.BatchIndex * BatchSize;
        for (var p = 0; p < output.People; p++)
        {
            using var stream = new FileStream(Path.Combine(folder, $"p{first + p}.json"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14);
            stream.Write("{\"resourceType\":\"Bundle\",\"id\":\"p"u8);
            stream.Write(System.Text.Encoding.ASCII.GetBytes((first + p).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            stream.Write("\",\"type\":\"collection\",\"entry\":["u8);
            var firstEntry = true;
            for (var k = 0; k < BatchOutput.KindCount; k++)
            {
                var kind = (ResourceKind)k;
                var data = output.Bytes(kind).Span[output.PersonStart(p, kind)..output.PersonStart(p + 1, kind)];
                while (data.Length > 0)
                {
                    var newline = data.IndexOf((byte)'\n');
                    stream.Write(firstEntry ? "{\"resource\":"u8 : ",{\"resource\":"u8);
                    stream.Write(data[..newline]);
                    stream.Write("}"u8);
                    firstEntry = false;
                    data = data[(newline + 1)..];
                }
            }
            stream.Write("]}\n"u8);
        }
    }
}
