using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Tests.Reading;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests;

/// <summary>The usage example of docs/fhir.md, run so it stays true: discover, compile views, read in parallel, count rows per worker.</summary>
public sealed class ApiExampleTests
{
    private sealed class RowCounter : IViewRowSink
    {
        public long Rows { get; private set; }

        public void OnRow(ReadOnlySpan<ViewValue> row) => Rows++;
    }

    private sealed class MyHandler(ViewDefinition[] views, int workers) : IFhirResourceHandler
    {
        // One sink per worker and view: calls with the same Worker never overlap, so no locks.
        public RowCounter[][] Builders { get; } = Enumerable.Range(0, workers).Select(_ => views.Select(_ => new RowCounter()).ToArray()).ToArray();

        public void OnResource(in FhirResource resource)
        {
            for (var v = 0; v < views.Length; v++)
            {
                if (views[v].AppliesTo(resource.ResourceType))
                {
                    views[v].Evaluate(resource.Json, Builders[resource.Worker][v]);
                }
            }
        }
    }

    /// <summary>The documented row handler: rows from the reader's one pass where it can, from parsed resources elsewhere.</summary>
    private sealed class MyRowHandler(ViewDefinition[] views, int workers) : IFhirRowHandler
    {
        private readonly MyHandler parsed = new(views, workers);

        public long OnePassRows;

        public IReadOnlyList<ViewDefinition> Views => views;

        public RowCounter[][] Builders => parsed.Builders;

        public void OnResource(in FhirResource resource) => parsed.OnResource(resource);

        public void OnRow(in FhirResource resource, int view, ReadOnlySpan<ViewValue> row)
        {
            OnePassRows++; // one worker in the test below, so no race
            Builders[resource.Worker][view].OnRow(row);
        }
    }

    [Fact]
    public void A_row_handler_gets_every_row_and_the_rows_of_one_pass_types_without_a_parsed_resource()
    {
        using var temp = new TempFolder();
        temp.File("fhir/Patient.ndjson", string.Concat(Enumerable.Range(0, 50).Select(i => $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\"}}\n")));
        temp.File("fhir/Encounter.ndjson", string.Concat(Enumerable.Range(0, 80).Select(i => $"{{\"resourceType\":\"Encounter\",\"id\":\"e{i}\",\"subject\":{{\"reference\":\"Patient/p{i % 50}\"}}}}\n")));
        ViewDefinition[] views = LodestarViews.Names.Select(LodestarViews.Load).ToArray();
        var handler = new MyRowHandler(views, workers: 1);
        new FhirReader(new FhirReaderOptions { MaxParallelism = 1 }).Read(FhirSources.Discover([Path.Combine(temp.Path, "fhir")]), handler, new FhirDiagnosticList());
        Assert.Equal(50, handler.Builders[0][Array.FindIndex(views, v => v.Name == "patient")].Rows);
        Assert.Equal(80, handler.Builders[0][Array.FindIndex(views, v => v.Name == "encounter")].Rows);
        Assert.Equal(80, handler.OnePassRows); // encounters in one pass; patients (forEachOrNull) parsed
    }

    [Fact]
    public void The_documented_ingest_loop_works()
    {
        using var temp = new TempFolder();
        temp.File("fhir/Patient.ndjson", string.Concat(Enumerable.Range(0, 500).Select(i => $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\"}}\n")) + "oops\n");
        temp.Gzip("fhir/Encounter.ndjson.gz", string.Concat(Enumerable.Range(0, 800).Select(i => $"{{\"resourceType\":\"Encounter\",\"id\":\"e{i}\",\"subject\":{{\"reference\":\"Patient/p{i % 500}\"}}}}\n")));

        IReadOnlyList<FhirSource> sources = FhirSources.Discover([Path.Combine(temp.Path, "fhir")]);
        ViewDefinition[] views = LodestarViews.Names.Select(LodestarViews.Load).ToArray();
        var handler = new MyHandler(views, workers: 2);
        var progress = new FhirReadProgress();
        FhirReadSummary summary;
        using (var rejects = new RejectsFile(Path.Combine(temp.Path, "out", "rejects.ndjson"), inner: null, sources))
        {
            summary = new FhirReader(new FhirReaderOptions { MaxParallelism = 2, Progress = progress }).Read(sources, handler, rejects);
            rejects.Commit();
        }

        Assert.Equal(1300, summary.Accepted);
        Assert.Equal(1, summary.Rejected);
        Assert.All(summary.Files, f => Assert.Equal(f.Records, f.Accepted + f.Rejected));
        var rowsPerView = Enumerable.Range(0, views.Length).Select(v => handler.Builders.Sum(w => w[v].Rows)).ToArray();
        Assert.Equal(500, rowsPerView[Array.FindIndex(views, v => v.Name == "patient")]);
        Assert.Equal(800, rowsPerView[Array.FindIndex(views, v => v.Name == "encounter")]);
        Assert.Single(File.ReadAllLines(Path.Combine(temp.Path, "out", "rejects.ndjson")));
        Assert.Equal(summary.Bytes, progress.Bytes);
    }
}
