using System.Text.Json;
using Lodestar.Diagnostics;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

public sealed class RejectsFileTests
{
    private static FhirDiagnostic Rejected(string source, long line) =>
        new(new Diagnostic(source, line, "id", "missing"), FhirDiagnosticKind.Rejected, $"raw {source}:{line}");

    private static List<(string File, long Line)> Written(string path) =>
        File.ReadAllLines(path).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            return (json.RootElement.GetProperty("file").GetString()!, json.RootElement.GetProperty("line").GetInt64());
        }).ToList();

    private static FhirSource Source(string path) => new(path, FhirSourceFormat.Ndjson, false, 0);

    [Fact]
    public void Records_reported_out_of_file_order_are_written_by_input_order_then_line()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "rejects.ndjson");
        // Workers report each file's records in line order, but files interleave as the workers happen to finish chunks.
        using (var rejects = new RejectsFile(path, sources: [Source("/in/b.ndjson"), Source("/in/a.ndjson")]))
        {
            foreach (var (source, line) in new[] { ("/in/a.ndjson", 2L), ("/in/z.ndjson", 1L), ("/in/b.ndjson", 1L), ("/in/a.ndjson", 7L), ("/in/b.ndjson", 5L), ("/in/c.ndjson", 3L) })
            {
                rejects.OnDiagnostic(Rejected(source, line));
            }
            rejects.Commit();
            Assert.Equal(6, rejects.Count);
        }
        // The given order first; files it does not name after them, by path.
        Assert.Equal([("/in/b.ndjson", 1L), ("/in/b.ndjson", 5L), ("/in/a.ndjson", 2L), ("/in/a.ndjson", 7L), ("/in/c.ndjson", 3L), ("/in/z.ndjson", 1L)], Written(path));
        Assert.Equal(["rejects.ndjson"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Without_an_input_order_files_come_by_path_and_records_already_in_order_are_kept_as_written()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "rejects.ndjson");
        using (var rejects = new RejectsFile(path))
        {
            rejects.OnDiagnostic(Rejected("/in/b.ndjson", 4));
            rejects.OnDiagnostic(Rejected("/in/a.ndjson", 9));
            rejects.Commit();
        }
        Assert.Equal([("/in/a.ndjson", 9L), ("/in/b.ndjson", 4L)], Written(path));

        using (var rejects = new RejectsFile(path))
        {
            rejects.OnDiagnostic(Rejected("/in/a.ndjson", 1));
            rejects.OnDiagnostic(Rejected("/in/a.ndjson", 2));
            rejects.OnDiagnostic(Rejected("/in/b.ndjson", 1));
            rejects.Commit();
        }
        Assert.Equal([("/in/a.ndjson", 1L), ("/in/a.ndjson", 2L), ("/in/b.ndjson", 1L)], Written(path));
        Assert.Equal(["rejects.ndjson"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Files_read_in_parallel_give_the_rejects_file_in_input_order()
    {
        using var temp = new TempFolder();
        // Two files of several chunks each (a reject every 50 lines), read by two workers at once.
        string Lines(string type) => string.Concat(Enumerable.Range(0, 12_000).Select(i => i % 50 == 7
            ? $"{{\"resourceType\":\"{type}\",\"padding\":\"{new string('x', 200)}\"}}\n"
            : $"{{\"resourceType\":\"{type}\",\"id\":\"{type[0]}{i}\",\"padding\":\"{new string('x', 200)}\"}}\n"));
        temp.File("in/Encounter.ndjson", Lines("Encounter"));
        temp.File("in/Observation.ndjson", Lines("Observation"));
        var sources = FhirSources.Discover([Path.Combine(temp.Path, "in")]);
        var path = Path.Combine(temp.Path, "out", "rejects.ndjson");
        using (var rejects = new RejectsFile(path, sources: sources))
        {
            new FhirReader(new FhirReaderOptions { MaxParallelism = 2 }).Read(sources, new CollectingHandler(), rejects);
            rejects.Commit();
        }
        var expected = sources.SelectMany(s => Enumerable.Range(0, 12_000).Where(i => i % 50 == 7).Select(i => (s.Path, (long)i + 1))).ToList();
        Assert.Equal(expected, Written(path));
    }
}
