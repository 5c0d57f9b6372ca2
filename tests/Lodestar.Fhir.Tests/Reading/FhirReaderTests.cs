using Lodestar.Diagnostics;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

public sealed class FhirReaderTests
{
    private static (FhirReadSummary Summary, CollectingHandler Handler, FhirDiagnosticList Diagnostics) Read(string path, FhirReaderOptions? options = null)
    {
        var handler = new CollectingHandler();
        var diagnostics = new FhirDiagnosticList();
        var summary = new FhirReader(options).Read(FhirSources.Discover([path]), handler, diagnostics);
        return (summary, handler, diagnostics);
    }

    private static void AssertReconciles(FhirReadSummary summary)
    {
        foreach (var file in summary.Files)
        {
            Assert.Equal(file.Records, file.Accepted + file.Rejected);
        }
        Assert.Equal(summary.Records, summary.Types.Sum(t => t.Records));
    }

    [Fact]
    public void Ndjson_lines_become_resources_with_their_line_numbers()
    {
        using var temp = new TempFolder();
        var path = temp.File("Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\r\n");
        var (summary, handler, diagnostics) = Read(path);
        Assert.Equal([("Patient.ndjson", 1L, "Patient/a"), ("Patient.ndjson", 3L, "Patient/b")], handler.Accepted.ToArray());
        Assert.Empty(diagnostics.Items);
        Assert.Equal(new FhirFileCounts(Path.GetFullPath(path), 2, 2, 0, new FileInfo(path).Length), summary.Files[0]);
    }

    [Theory]
    // Each row pins one kind of bad record: its field and a word of its reason.
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"x\"", "", "malformed JSON")]
    [InlineData("[1,2,3]", "", "not a JSON object")]
    [InlineData("\"just a string\"", "", "not a JSON object")]
    [InlineData("{\"id\":\"x\"}", "resourceType", "missing")]
    [InlineData("{\"resourceType\":\"Pateint\",\"id\":\"x\"}", "resourceType", "not a FHIR R4 resource type")]
    [InlineData("{\"resourceType\":7,\"id\":\"x\"}", "resourceType", "must be a string")]
    [InlineData("{\"resourceType\":\"Patient\"}", "id", "missing")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":42}", "id", "must be a string")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"has space\"}", "id", "not a FHIR id")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"x\",\"birthDate\":\"1990-02-30\"}", "birthDate", "not a valid FHIR date")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"x\",\"birthDate\":\"12/03/1990\"}", "birthDate", "not a valid FHIR date")]
    [InlineData("{\"resourceType\":\"Encounter\",\"id\":\"x\",\"period\":{\"start\":\"2020-01-01T25:00:00Z\"}}", "period.start", "dateTime")]
    [InlineData("{\"resourceType\":\"Observation\",\"id\":\"x\",\"valueQuantity\":{\"value\":\"12.5\"}}", "valueQuantity.value", "JSON number")]
    [InlineData("{\"resourceType\":\"Observation\",\"id\":\"x\",\"component\":[{\"valueQuantity\":{\"value\":true}}]}", "component.valueQuantity.value", "JSON number")]
    public void A_bad_record_is_rejected_with_field_and_reason_and_the_run_continues(string bad, string field, string reason)
    {
        using var temp = new TempFolder();
        var path = temp.File("in.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"ok1\"}\n" + bad + "\n{\"resourceType\":\"Patient\",\"id\":\"ok2\"}\n");
        var (summary, handler, diagnostics) = Read(path);
        Assert.Equal(2, handler.Accepted.Count);
        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Equal(FhirDiagnosticKind.Rejected, diagnostic.Kind);
        Assert.Equal(2, diagnostic.Diagnostic.Line);
        Assert.Equal(field, diagnostic.Diagnostic.Field);
        Assert.Contains(reason, diagnostic.Diagnostic.Reason, StringComparison.Ordinal);
        Assert.Equal(bad, diagnostic.Raw);
        Assert.Equal((3L, 2L, 1L), (summary.Files[0].Records, summary.Files[0].Accepted, summary.Files[0].Rejected));
    }

    [Fact]
    public void A_duplicate_id_is_rejected_and_the_first_copy_kept()
    {
        using var temp = new TempFolder();
        var path = temp.File("p.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Encounter\",\"id\":\"a\"}\n");
        var (_, handler, diagnostics) = Read(path);
        Assert.Equal(["Patient/a", "Encounter/a"], handler.Accepted.Select(a => a.Key));
        var d = Assert.Single(diagnostics.Items);
        Assert.Equal(("id", 2L), (d.Diagnostic.Field, d.Diagnostic.Line));
        Assert.Equal("duplicate: Patient/a was already read, and that copy is kept", d.Diagnostic.Reason);
    }

    [Fact]
    public void A_reference_to_a_patient_that_never_arrives_is_a_warning_at_its_first_use()
    {
        using var temp = new TempFolder();
        temp.File("Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
        temp.File("Encounter.ndjson",
            "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"subject\":{\"reference\":\"Patient/p1\"}}\n" +
            "{\"resourceType\":\"Encounter\",\"id\":\"e2\",\"subject\":{\"reference\":\"Patient/ghost\"}}\n" +
            "{\"resourceType\":\"Encounter\",\"id\":\"e3\",\"subject\":{\"reference\":\"Patient/ghost\"}}\n");
        var (summary, handler, diagnostics) = Read(temp.Path);
        Assert.Equal(4, handler.Accepted.Count);
        var d = Assert.Single(diagnostics.Items);
        Assert.Equal(FhirDiagnosticKind.Warning, d.Kind);
        Assert.Equal(2L, d.Diagnostic.Line);
        Assert.EndsWith("Encounter.ndjson", d.Diagnostic.Source, StringComparison.Ordinal);
        Assert.Contains("Patient/ghost (2 times", d.Diagnostic.Reason, StringComparison.Ordinal);
        Assert.Equal(1, summary.Warnings);
        _ = handler;
    }

    [Fact]
    public void Gzipped_ndjson_is_read_and_a_truncated_gzip_is_reported()
    {
        using var temp = new TempFolder();
        var lines = string.Concat(Enumerable.Range(0, 20000).Select(i => $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\",\"gender\":\"female\"}}\n"));
        var whole = temp.Gzip("all.ndjson.gz", lines);
        var (summary, _, diagnostics) = Read(whole);
        Assert.Equal(20000, summary.Accepted);
        Assert.Empty(diagnostics.Items);

        var bytes = File.ReadAllBytes(whole);
        var cut = Path.Combine(temp.Path, "cut.ndjson.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        (summary, _, diagnostics) = Read(cut);
        AssertReconciles(summary);
        Assert.True(summary.Accepted is > 0 and < 20000);
        Assert.Contains(diagnostics.Items, d => d.Diagnostic.Reason.Contains("truncated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("collection")]
    [InlineData("transaction")]
    [InlineData("batch")]
    [InlineData("searchset")]
    public void Bundle_entries_are_streamed_as_resources_with_their_lines(string type)
    {
        using var temp = new TempFolder();
        var path = temp.File("bundle.json",
            "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"" + type + "\",\n  \"entry\": [\n" +
            "    { \"fullUrl\": \"urn:uuid:p1\", \"resource\": { \"resourceType\": \"Patient\", \"id\": \"p1\" }, \"request\": { \"method\": \"POST\", \"url\": \"Patient\" } },\n" +
            "    { \"resource\": {\n      \"resourceType\": \"Encounter\", \"id\": \"e1\",\n      \"subject\": { \"reference\": \"urn:uuid:p1\" } } },\n" +
            "    { \"resource\": { \"resourceType\": \"Encounter\" } }\n  ]\n}\n");
        var (summary, handler, diagnostics) = Read(path);
        Assert.Equal([("bundle.json", 5L, "Patient/p1"), ("bundle.json", 6L, "Encounter/e1")], handler.Accepted.ToArray());
        var d = Assert.Single(diagnostics.Items);
        Assert.Equal((9L, "id"), (d.Diagnostic.Line, d.Diagnostic.Field));
        Assert.Equal((3L, 2L, 1L), (summary.Files[0].Records, summary.Files[0].Accepted, summary.Files[0].Rejected));
    }

    [Fact]
    public void A_bundle_larger_than_the_buffer_streams_entry_by_entry()
    {
        using var temp = new TempFolder();
        var entries = Enumerable.Range(0, 30000).Select(i =>
            $"{{\"resource\":{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"valueQuantity\":{{\"value\":{i}.5}},\"note\":[{{\"text\":\"{new string('x', i % 200)}\"}}]}}}}");
        var path = temp.Gzip("big.json.gz", "{\"entry\":[" + string.Join(",\n", entries) + "],\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
        var (summary, handler, diagnostics) = Read(path);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(30000, summary.Accepted);
        Assert.Equal(30000L, handler.Accepted.Max(a => a.Line));
    }

    [Fact]
    public void A_single_resource_json_file_is_one_record()
    {
        using var temp = new TempFolder();
        var path = temp.File("patient.json", "{\"id\":\"p1\",\"resourceType\":\"Patient\",\"name\":[{\"family\":\"X\"}]}");
        var (summary, handler, _) = Read(path);
        Assert.Equal(("patient.json", 1L, "Patient/p1"), Assert.Single(handler.Accepted));
        Assert.Equal(1, summary.Records);
    }

    [Fact]
    public void A_bundle_broken_mid_way_keeps_the_entries_before_and_rejects_the_rest()
    {
        using var temp = new TempFolder();
        var path = temp.File("broken.json", "{\"resourceType\":\"Bundle\",\"entry\":[\n{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\"}},\n{\"resource\":{\"resourceType\":\"Patient\",\"id\" \"b\"}}]}");
        var (summary, handler, diagnostics) = Read(path);
        Assert.Single(handler.Accepted);
        var d = Assert.Single(diagnostics.Items);
        Assert.Equal(3L, d.Diagnostic.Line);
        Assert.Contains("rest of the file", d.Diagnostic.Reason, StringComparison.Ordinal);
        AssertReconciles(summary);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_problem_with_a_user_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("p.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\nnot json\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n");
        var e = Assert.Throws<UserErrorException>(() => Read(path, new FhirReaderOptions { Strict = true }));
        Assert.Contains("p.ndjson:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_are_searched_for_fhir_files_and_other_files_ignored()
    {
        using var temp = new TempFolder();
        temp.File("a/Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n");
        temp.Gzip("Patient2.ndjson.gz", "{\"resourceType\":\"Patient\",\"id\":\"b\"}\n");
        temp.File("b/bundle.json", "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"c\"}}]}");
        temp.File("notes.txt", "hello");
        var sources = FhirSources.Discover([temp.Path]);
        Assert.Equal(3, sources.Count);
        var (summary, handler, _) = Read(temp.Path);
        Assert.Equal(3, summary.Accepted);
        Assert.Equal(["Patient/a", "Patient/b", "Patient/c"], handler.Accepted.Select(a => a.Key).Order());
    }

    [Fact]
    public void A_symbolic_link_counts_the_bytes_of_its_target()
    {
        using var temp = new TempFolder();
        var target = temp.File("data/Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n");
        var link = System.IO.Path.Combine(temp.Path, "Linked.ndjson");
        File.CreateSymbolicLink(link, target);
        var (summary, _, _) = Read(link);
        Assert.Equal(new FileInfo(target).Length, summary.Bytes);
    }

    [Fact]
    public void A_missing_input_path_is_a_user_error()
    {
        var e = Assert.Throws<UserErrorException>(() => FhirSources.Discover(["/no/such/place.ndjson"]));
        Assert.Contains("no such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_file_has_one_json_object_per_reject_with_file_line_field_reason_and_raw()
    {
        using var temp = new TempFolder();
        var path = temp.File("p.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\"}\n");
        var rejectsPath = Path.Combine(temp.Path, "out", "rejects.ndjson");
        using (var rejects = new RejectsFile(rejectsPath))
        {
            new FhirReader().Read(FhirSources.Discover([path]), new CollectingHandler(), rejects);
            rejects.Commit();
            Assert.Equal(1, rejects.Count);
        }
        var line = Assert.Single(File.ReadAllLines(rejectsPath));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(Path.GetFullPath(path), json.RootElement.GetProperty("file").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("line").GetInt64());
        Assert.Equal("id", json.RootElement.GetProperty("field").GetString());
        Assert.Equal("{\"resourceType\":\"Patient\"}", json.RootElement.GetProperty("raw").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public void One_big_file_is_split_across_workers_and_its_diagnostics_stay_in_line_order()
    {
        using var temp = new TempFolder();
        var lines = Enumerable.Range(1, 60000).Select(i => i % 997 == 0 ? "{broken" : $"{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"status\":\"final\",\"note\":[{{\"text\":\"{new string('n', 40)}\"}}]}}");
        var path = temp.File("Observation.ndjson", string.Join("\n", lines) + "\n");
        var workers = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var handler = new WorkerRecorder(workers);
        var diagnostics = new FhirDiagnosticList();
        var summary = new FhirReader(new FhirReaderOptions { MaxParallelism = 2 }).Read(FhirSources.Discover([path]), handler, diagnostics);
        Assert.Equal(60000 - 60, summary.Accepted);
        Assert.Equal(60, summary.Rejected);
        var reported = diagnostics.Items.Select(d => d.Diagnostic.Line).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Select(k => 997L * k), reported);
        Assert.All(workers.Keys, w => Assert.InRange(w, 0, 1));
    }

    private sealed class WorkerRecorder(System.Collections.Concurrent.ConcurrentDictionary<int, bool> workers) : IFhirResourceHandler
    {
        public void OnResource(in FhirResource resource) => workers[resource.Worker] = true;
    }

    [Fact]
    public void Progress_counts_bytes_from_disk_and_records_as_they_go()
    {
        using var temp = new TempFolder();
        temp.File("a.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\nbad\n");
        temp.Gzip("b.ndjson.gz", string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"resourceType\":\"Patient\",\"id\":\"b{i}\"}}\n")));
        temp.File("c.json", "{\"resourceType\":\"Patient\",\"id\":\"c\"}");
        var progress = new FhirReadProgress();
        var sources = FhirSources.Discover([temp.Path]);
        new FhirReader(new FhirReaderOptions { Progress = progress }).Read(sources, new CollectingHandler(), new FhirDiagnosticList());
        Assert.Equal(sources.Sum(s => s.Length), progress.Bytes);
        Assert.Equal((5002L, 1L), (progress.Accepted, progress.Rejected));
    }

    [Fact]
    public void Records_larger_than_the_buffers_are_read_whole()
    {
        using var temp = new TempFolder();
        var big = new string('x', 3 << 20);
        var resource = $"{{\"resourceType\":\"Binary\",\"id\":\"big\",\"data\":\"{big}\"}}";
        temp.File("big.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n" + resource + "\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n");
        temp.File("big.json", "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + resource.Replace("\"big\"", "\"big2\"", StringComparison.Ordinal) +
            "},{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"c\"}}]}");
        var (summary, handler, diagnostics) = Read(temp.Path);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(["Binary/big", "Binary/big2", "Patient/a", "Patient/b", "Patient/c"], handler.Accepted.Select(a => a.Key).Order());
        Assert.Equal(5, summary.Accepted);
    }

    [Fact]
    public void Workers_overlap_on_a_single_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("Observation.ndjson", string.Concat(Enumerable.Range(0, 60000).Select(i =>
            $"{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"status\":\"final\",\"note\":[{{\"text\":\"{new string('n', 40)}\"}}]}}\n")));
        var handler = new ConcurrencyProbe();
        new FhirReader(new FhirReaderOptions { MaxParallelism = 2 }).Read(FhirSources.Discover([path]), handler, new FhirDiagnosticList());
        Assert.Equal(2, handler.MaxInFlight); // sleeping handlers need no free core to overlap, so this holds on a busy machine
    }

    private sealed class ConcurrencyProbe : IFhirResourceHandler
    {
        private int inFlight;
        private int maxInFlight;

        public int MaxInFlight => maxInFlight;

        public void OnResource(in FhirResource resource)
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }
            if (resource.Line % 250 == 0)
            {
                Thread.Sleep(5);
            }
            Interlocked.Decrement(ref inFlight);
        }
    }

    [Fact]
    public void Counts_per_resource_type_add_up_across_files_and_put_unreadable_records_apart()
    {
        using var temp = new TempFolder();
        temp.File("a.ndjson", string.Join('\n',
            "{\"resourceType\":\"Patient\",\"id\":\"p1\"}",
            "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p1\"}}",
            "{\"resourceType\":\"Observation\",\"id\":\"o2\",\"effectiveDateTime\":\"2023-02-31\"}",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\"}",
            "{\"resourceType\":\"Patient\"",
            "{\"resourceType\":\"Spaceship\",\"id\":\"s1\"}"));
        temp.File("b.ndjson", "{\"resourceType\":\"Observation\",\"id\":\"o3\"}\n");

        var (summary, _, _) = Read(temp.Path);

        // The bad date and the duplicate are rejected under their own type; broken JSON and an unknown type have none.
        Assert.Equal(
            [new FhirTypeCounts("Observation", 2, 1), new FhirTypeCounts("Patient", 1, 1), new FhirTypeCounts(FhirTypeCounts.Unreadable, 0, 2)],
            summary.Types);
        AssertReconciles(summary);
    }
}
