using System.IO.Compression;
using System.Text;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

/// <summary>
/// Randomized corruption (seeded, so a failure replays): valid NDJSON, gzip and Bundle files are truncated,
/// byte-flipped, stripped of braces and given wrongly typed values. Whatever happens, the reader must not throw,
/// and every file must reconcile (records = accepted + rejected, one Rejected diagnostic per rejected record).
/// </summary>
public sealed class CorruptionTests
{
    private static readonly string[] Corruptions = ["truncate", "flip", "drop-brace", "wrong-type", "garbage-line", "cut-gzip"];

    private static string Resource(Random random, int i) => (i % 4) switch
    {
        0 => $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\",\"gender\":\"female\",\"birthDate\":\"19{random.Next(10, 99)}-0{random.Next(1, 9)}-1{random.Next(0, 9)}\",\"address\":[{{\"state\":\"MA\",\"postalCode\":\"02139\"}}]}}",
        1 => $"{{\"resourceType\":\"Encounter\",\"id\":\"e{i}\",\"subject\":{{\"reference\":\"Patient/p{i - 1}\"}},\"period\":{{\"start\":\"2020-01-0{random.Next(1, 9)}T10:00:00Z\"}}}}",
        2 => $"{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"status\":\"final\",\"subject\":{{\"reference\":\"Patient/p{i - 2}\"}},\"valueQuantity\":{{\"value\":{random.Next(50, 200)}.{random.Next(0, 9)},\"unit\":\"mm[Hg]\"}},\"component\":[{{\"valueQuantity\":{{\"value\":80}}}}]}}",
        _ => $"{{\"resourceType\":\"Condition\",\"id\":\"c{i}\",\"subject\":{{\"reference\":\"Patient/p{i - 3}\"}},\"onsetDateTime\":\"2019-05-0{random.Next(1, 9)}\"}}",
    };

    private static byte[] Corrupt(byte[] data, string how, Random random)
    {
        var bytes = (byte[])data.Clone();
        switch (how)
        {
            case "truncate":
                return bytes[..random.Next(0, bytes.Length)];
            case "flip":
                for (var k = 0; k < 1 + random.Next(20); k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case "drop-brace":
                var text = Encoding.UTF8.GetString(bytes);
                for (var k = 0; k < 1 + random.Next(10); k++)
                {
                    var at = text.IndexOfAny(['{', '}', '[', ']'], random.Next(text.Length));
                    if (at >= 0)
                    {
                        text = text.Remove(at, 1);
                    }
                }
                return Encoding.UTF8.GetBytes(text);
            case "wrong-type":
                var typed = Encoding.UTF8.GetString(bytes);
                string[][] swaps =
                [
                    ["\"id\":\"p", "\"id\":[\"p"], ["\"birthDate\":\"", "\"birthDate\":1"], ["\"value\":", "\"value\":\"x"],
                    ["\"resourceType\":\"Encounter\"", "\"resourceType\":{}"], ["\"subject\":{", "\"subject\":[{"], ["\"period\":{", "\"period\":7,\"x\":{"],
                ];
                for (var k = 0; k < 1 + random.Next(5); k++)
                {
                    var swap = swaps[random.Next(swaps.Length)];
                    var at = typed.IndexOf(swap[0], random.Next(typed.Length), StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        typed = typed.Remove(at, swap[0].Length).Insert(at, swap[1]);
                    }
                }
                return Encoding.UTF8.GetBytes(typed);
            case "garbage-line":
                var withGarbage = Encoding.UTF8.GetString(bytes);
                var newline = withGarbage.IndexOf('\n', random.Next(withGarbage.Length));
                return Encoding.UTF8.GetBytes(newline < 0 ? withGarbage + "\n\u0000\u00ff{{" : withGarbage.Insert(newline + 1, "]]]}}} 12 \"x\"\n"));
            default:
                return bytes;
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private sealed class CountingSink : IFhirDiagnosticSink
    {
        private readonly Dictionary<string, long> rejected = [];

        public long For(string file)
        {
            lock (rejected)
            {
                return rejected.GetValueOrDefault(file);
            }
        }

        public void OnDiagnostic(in FhirDiagnostic diagnostic)
        {
            if (diagnostic.Kind == FhirDiagnosticKind.Rejected)
            {
                lock (rejected)
                {
                    rejected[diagnostic.Diagnostic.Source] = rejected.GetValueOrDefault(diagnostic.Diagnostic.Source) + 1;
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Corrupted_files_never_crash_the_reader_and_always_reconcile(int seed)
    {
        using var temp = new TempFolder();
        WriteCorruptedFiles(seed, temp.Path);
        var sink = new CountingSink();
        var handler = new CollectingHandler();
        var summary = new FhirReader().Read(FhirSources.Discover([temp.Path]), handler, sink);
        Assert.Equal(160, summary.Files.Count);
        foreach (var file in summary.Files)
        {
            Assert.True(file.Records == file.Accepted + file.Rejected, $"{file.Source}: {file.Records} != {file.Accepted} + {file.Rejected}");
            Assert.Equal(file.Rejected, sink.For(file.Source));
        }
        Assert.Equal(summary.Accepted, handler.Accepted.Count);
        Assert.True(summary.Rejected > 0);
    }

    /// <summary>40 rounds of NDJSON, gzip and Bundle files, each corrupted one way, chosen by the seed.</summary>
    private static void WriteCorruptedFiles(int seed, string folder)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var count = 1 + random.Next(60);
            var resources = Enumerable.Range(0, count).Select(i => Resource(random, i)).ToList();
            var ndjson = Encoding.UTF8.GetBytes(string.Join("\n", resources) + "\n");
            var bundle = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n" +
                string.Join(",\n", resources.Select(r => "{\"resource\":" + r + "}")) + "\n]}");
            var how = Corruptions[random.Next(Corruptions.Length)];
            var gz = how == "cut-gzip" ? Gzip(ndjson)[..random.Next(1, Gzip(ndjson).Length)] : Gzip(Corrupt(ndjson, how, random));
            File.WriteAllBytes(Path.Combine(folder, $"r{round}.ndjson"), Corrupt(ndjson, how, random));
            File.WriteAllBytes(Path.Combine(folder, $"r{round}.ndjson.gz"), gz);
            File.WriteAllBytes(Path.Combine(folder, $"r{round}.json"), Corrupt(bundle, how, random));
            File.WriteAllBytes(Path.Combine(folder, $"r{round}-bundle.json.gz"), Gzip(Corrupt(bundle, how, random)));
        }
    }

    [Fact]
    public void References_read_in_one_pass_warn_of_the_same_missing_patients_as_parsed_documents()
    {
        // Plain ASCII references (settled from their bytes), and forms that need the text: non-ASCII, history, urn.
        var references = new[] { "Patient/p1", "Patient/ghost", "Patient/ghost", "Patient/gh\u00f6st", "Patient/ghöst", "Patient/p2/_history/3",
            "Patient/p9/_history/1", "urn:uuid:p1", "urn:uuid:nobody", "Patient/p2", "Group/g1", "Patient/ghost" };
        using var temp = new TempFolder();
        temp.File("Encounter.ndjson", string.Concat(references.Select((r, i) =>
            $"{{\"resourceType\":\"Encounter\",\"id\":\"e{i}\",\"status\":\"finished\",\"subject\":{{\"reference\":\"{r}\"}}}}\n")));
        temp.File("Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}\n");
        var sources = FhirSources.Discover([temp.Path]);

        var onePass = RowCollectingHandler.Read(sources, new FhirReaderOptions { MaxParallelism = 1 });
        var parsed = RowCollectingHandler.Read(sources, new FhirReaderOptions { MaxParallelism = 1, OnePassRows = false });

        Assert.Equal(parsed.Diagnostics, onePass.Diagnostics);
        Assert.True(onePass.OnePassRows >= 10, $"{onePass.OnePassRows} rows computed in one pass");
        Assert.Equal(4, onePass.Diagnostics.Count(d => d.Contains("never arrives", StringComparison.Ordinal))); // ghost, ghöst, p9, nobody
        Assert.Contains(onePass.Diagnostics, d => d.Contains("Patient/ghost (3 times", StringComparison.Ordinal));
        Assert.Contains(onePass.Diagnostics, d => d.Contains("Patient/ghöst (2 times", StringComparison.Ordinal));
    }

    /// <summary>
    /// Views' rows computed in one pass over each record (the default for a row handler) against every record parsed
    /// into a JsonDocument first: the same diagnostics (file, line, field, reason, raw text), counts and rows.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void One_pass_rows_give_the_same_rows_diagnostics_and_counts_as_parsed_documents_on_corrupted_files(int seed)
    {
        using var temp = new TempFolder();
        WriteCorruptedFiles(seed, temp.Path);
        var sources = FhirSources.Discover([temp.Path]);
        // One worker: the rounds repeat ids, and which copy is read first (and kept) must not depend on thread timing.
        var onePass = RowCollectingHandler.Read(sources, new FhirReaderOptions { MaxParallelism = 1 });
        var parsed = RowCollectingHandler.Read(sources, new FhirReaderOptions { MaxParallelism = 1, OnePassRows = false });
        Assert.Equal(parsed.Diagnostics, onePass.Diagnostics);
        Assert.Equal(parsed.Rows, onePass.Rows);
        Assert.Equal(parsed.Counts, onePass.Counts);
        Assert.Equal(0, parsed.OnePassRows);
        // Rounds repeat ids, so most records after the first round are duplicates (rejected after the pass) and patients
        // have no plan (the patient view's forEachOrNull): a few dozen rows come from the pass, the rest from documents.
        Assert.True(onePass.OnePassRows > 30, $"{onePass.OnePassRows} rows computed in one pass");
    }
}
