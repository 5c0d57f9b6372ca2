using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest.Tests;

public sealed class IngestPipelineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ingest-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly IReadOnlyList<ViewDefinition> Views = LodestarViews.Names.Select(LodestarViews.Load).ToList();

    private static string Patient(int i, string district, string zip) =>
        $$$"""{"resourceType":"Patient","id":"p{{{i}}}","gender":"{{{(i % 2 == 0 ? "female" : "male")}}}","birthDate":"19{{{50 + i % 40}}}-0{{{1 + i % 9}}}-1{{{i % 9}}}","address":[{"use":"home","state":"MS","district":"{{{district}}}","postalCode":"{{{zip}}}"}]}""";

    private static string Observation(int i, int patient) =>
        $$$"""{"resourceType":"Observation","id":"o{{{i}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},"subject":{"reference":"Patient/p{{{patient}}}"},"effectiveDateTime":"2025-0{{{1 + i % 9}}}-01","valueQuantity":{"value":{{{5 + i % 7}}}.{{{i % 10}}},"unit":"%","code":"%"}}""";

    private void WriteInput(int patients)
    {
        File.WriteAllLines(Path.Combine(folder, "Patient.ndjson"), Enumerable.Range(0, patients).Select(i =>
            i == 3 ? "{not json" : Patient(i, i % 3 == 0 ? "Hinds County" : "", i % 3 == 1 ? "39201" : "")));
        File.WriteAllLines(Path.Combine(folder, "Observation.ndjson"), Enumerable.Range(0, patients * 20).Select(i => Observation(i, i % patients)));
    }

    private IngestResult Run(int parallelism)
    {
        var sources = FhirSources.Discover([folder]);
        return new IngestPipeline(Views, new CountyResolver()).Run(sources, new FhirDiagnosticList(), new FhirReaderOptions { MaxParallelism = parallelism });
    }

    [Fact]
    public void Lines_read_reconcile_with_accepted_and_rejected_per_file_and_rows_land_in_tables()
    {
        WriteInput(300);
        var result = Run(2);
        foreach (var file in result.Read.Files)
        {
            Assert.Equal(file.Records, file.Accepted + file.Rejected);
        }
        Assert.Equal(1, result.Read.Files.Single(f => f.Source.EndsWith("Patient.ndjson", StringComparison.Ordinal)).Rejected);
        var patients = result.Tables.Single(t => t.Name == "patient");
        Assert.Equal(299, patients.RowCount);
        Assert.Equal(6000, result.Tables.Single(t => t.Name == "observation").RowCount);
        Assert.Equal(ColumnType.Date, patients["birth_date"].Type);
        Assert.Equal(ColumnType.Double, result.Tables.Single(t => t.Name == "observation")["value_quantity"].Type);
    }

    [Fact]
    public void Counties_are_resolved_from_district_then_zip_and_the_rest_counted_unresolved()
    {
        WriteInput(300);
        var result = Run(2);
        var patients = result.Tables.Single(t => t.Name == "patient");
        var fips = patients.Get<StringColumn>("county_fips");
        Assert.Equal("28049", fips[0]);    // district "Hinds County"
        Assert.Equal("28049", fips[1]);    // ZIP 39201 is in Hinds County
        Assert.Null(fips[2]);              // no district, ZIP or coordinates
        Assert.Equal(99, result.Counties.ByDistrict);    // i % 3 == 0, except the rejected p3
        Assert.Equal(100, result.Counties.ByPostalCode);
        Assert.Equal(100, result.Counties.Unresolved);
    }

    [Fact]
    public void The_tables_are_identical_whatever_the_parallelism()
    {
        WriteInput(2000); // ~2 MB of observations: several chunks, so workers interleave
        var one = Run(1);
        var many = Run(4);
        foreach (var table in one.Tables)
        {
            var other = many.Tables.Single(t => t.Name == table.Name);
            Assert.Equal(table.RowCount, other.RowCount);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                for (var r = 0; r < table.RowCount; r++)
                {
                    Assert.Equal(table.Columns[c].Format(r), other.Columns[c].Format(r));
                }
            }
        }
        var ids = one.Tables.Single(t => t.Name == "observation").Get<StringColumn>("id");
        Assert.Equal("o0", ids[0]);
        Assert.Equal("o39999", ids[ids.Count - 1]); // input order: file, then line
    }

    [Fact]
    public void Partial_dates_take_their_first_day_and_impossible_dates_are_null()
    {
        Assert.Equal(new DateOnly(1970, 1, 1), ViewTableSink.ParseDate("1970"));
        Assert.Equal(new DateOnly(1970, 6, 1), ViewTableSink.ParseDate("1970-06"));
        Assert.Equal(new DateOnly(2024, 2, 29), ViewTableSink.ParseDate("2024-02-29T23:59:00-05:00"));
        Assert.Null(ViewTableSink.ParseDate("2023-02-29"));
        Assert.Null(ViewTableSink.ParseDate("20x5-01-01"));
    }

    [Fact]
    public void Two_views_with_one_name_are_a_user_error()
    {
        var e = Assert.Throws<Lodestar.Diagnostics.UserErrorException>(() => new IngestPipeline([Views[0], Views[0]]));
        Assert.Contains("two views are named 'patient'", e.Message, StringComparison.Ordinal);
    }
}
