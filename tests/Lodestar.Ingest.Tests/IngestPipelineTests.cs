using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest.Tests;

public sealed class IngestPipelineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ingest-").FullName;
    private readonly string outputs = Directory.CreateTempSubdirectory("ingest-out-").FullName;
    private int runs;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        Directory.Delete(outputs, recursive: true);
    }

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

    private (IngestResult Result, Dictionary<string, Table> Tables) Run(int parallelism, long budget = IngestPipeline.DefaultMemoryBudget, bool onePass = true, FhirDiagnosticList? diagnostics = null)
    {
        var sources = FhirSources.Discover([folder]);
        var output = Path.Combine(outputs, (++runs).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = new IngestPipeline(Views, Task.FromResult(new CountyResolver()), budget)
            .Run(sources, diagnostics ?? new FhirDiagnosticList(), output, new FhirReaderOptions { MaxParallelism = parallelism, OnePassRows = onePass });
        Assert.False(Directory.Exists(Path.Combine(output, IngestPipeline.SpillFolder)), "the spill folder is removed once the tables are written");
        var tables = result.Tables.ToDictionary(t => t.Name, t => Workspace.ReadTable(output, t.Name));
        Assert.All(result.Tables, t => Assert.Equal(t.Rows, tables[t.Name].RowCount));
        return (result, tables);
    }

    [Fact]
    public void Lines_read_reconcile_with_accepted_and_rejected_per_file_and_rows_land_in_tables()
    {
        WriteInput(300);
        var (result, tables) = Run(2);
        foreach (var file in result.Read.Files)
        {
            Assert.Equal(file.Records, file.Accepted + file.Rejected);
        }
        Assert.Equal(1, result.Read.Files.Single(f => f.Source.EndsWith("Patient.ndjson", StringComparison.Ordinal)).Rejected);
        var patients = tables["patient"];
        Assert.Equal(299, patients.RowCount);
        Assert.Equal(6000, tables["observation"].RowCount);
        Assert.Equal(ColumnType.Date, patients["birth_date"].Type);
        Assert.Equal(ColumnType.Double, tables["observation"]["value_quantity"].Type);
    }

    [Fact]
    public void Counties_are_resolved_from_district_then_zip_and_the_rest_counted_unresolved()
    {
        WriteInput(300);
        var (result, tables) = Run(2);
        var fips = tables["patient"].Get<StringColumn>("county_fips");
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
        var one = Run(1).Tables;
        var many = Run(4).Tables;
        AssertSameTables(one, many);
        var ids = one["observation"].Get<StringColumn>("id");
        Assert.Equal("o0", ids[0]);
        Assert.Equal("o39999", ids[ids.Count - 1]); // input order: file, then line
    }

    [Theory]
    // A budget of one byte spills after every resource: 1,260 runs, merged in two passes (fan-in 32) and a final merge.
    [InlineData(1, 2, 60)]
    [InlineData(1, 1, 60)]
    // A few hundred KB per worker: spills every few thousand rows, so runs end mid-file.
    [InlineData(600_000, 2, 300)]
    public void Spilling_under_a_small_budget_writes_the_same_tables_as_an_unlimited_one(long budget, int parallelism, int patients)
    {
        WriteInput(patients);
        var (unlimited, expected) = Run(parallelism, long.MaxValue);
        var (spilled, actual) = Run(parallelism, budget);
        AssertSameTables(expected, actual);
        Assert.Equal(unlimited.Counties, spilled.Counties);
        Assert.Equal(unlimited.Tables, spilled.Tables);
        Assert.Equal(0, unlimited.SpilledRuns);
        Assert.True(spilled.SpilledRuns > (budget == 1 ? ViewSpill.MaxFanIn : 1), $"{spilled.SpilledRuns} runs spilled");
        // Row-group dictionaries are joined back in first-use order: the encoding, not just the text, is the same.
        Assert.Equal(expected["observation"].Get<StringColumn>("id").Dictionary, actual["observation"].Get<StringColumn>("id").Dictionary);
        Assert.Equal(expected["observation"].Get<StringColumn>("id").Codes, actual["observation"].Get<StringColumn>("id").Codes);
    }

    [Fact]
    public void The_patient_table_is_written_in_row_groups_each_with_its_county()
    {
        WriteInput(9_000);
        File.Delete(Path.Combine(folder, "Observation.ndjson"));
        var (_, tables) = Run(2, 400_000); // groups are cut at a quarter of the budget, checked every 4,096 rows
        var output = Path.Combine(outputs, runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var stream = File.OpenRead(Workspace.TablePath(output, "patient"));
        using var reader = TableFileReader.Open(stream, "patient.table");
        var groups = 0;
        var fips = new List<string?>();
        while (reader.ReadRowGroup() is { } group)
        {
            groups++;
            Assert.True(group.RowCount % RowGroupBuffer.CheckRows == 0 || fips.Count + group.RowCount == 8_999, $"a group of {group.RowCount} rows");
            var column = group.Get<StringColumn>("county_fips");
            fips.AddRange(Enumerable.Range(0, group.RowCount).Select(r => column[r]));
        }
        Assert.True(groups > 1, $"{groups} row groups");
        Assert.Equal(8_999, fips.Count);
        Assert.Equal(Enumerable.Range(0, 8_999).Select(r => tables["patient"].Get<StringColumn>("county_fips")[r]), fips);
        Assert.Contains("28049", fips);
    }

    [Fact]
    public void Row_groups_end_at_the_same_rows_however_the_merge_splits_them_into_ranges()
    {
        // Ids all distinct (dictionaries grow with every row) beside a repeating code and a number.
        const int Rows = 50_000;
        var source = new TableBuilder("t", [("id", ColumnType.String), ("code", ColumnType.String), ("n", ColumnType.Int64)]);
        for (var i = 0; i < Rows; i++)
        {
            source.Column<StringColumnBuilder>(0).Append($"id-{i}");
            source.Column<StringColumnBuilder>(1).Append($"c{i % 17}");
            source.Column<Int64ColumnBuilder>(2).Append(i);
        }
        var table = source.Build();
        var schema = table.Columns.Select(c => (c.Name, c.Type)).ToList();

        byte[] Written(int seed)
        {
            using var stream = new MemoryStream();
            using (var writer = new TableFileWriter(stream, "t", schema))
            {
                var buffer = new RowGroupBuffer("t", schema, 200_000, writer.WriteRowGroup);
                var random = new Random(seed);
                for (var start = 0; start < Rows;)
                {
                    var count = Math.Min(Rows - start, 1 + random.Next(seed == 0 ? 1 : 9_000));
                    buffer.Append(table, start, count);
                    start += count;
                }
                buffer.Flush();
                writer.Complete();
            }
            return stream.ToArray();
        }

        var rowByRow = Written(0);
        Assert.Equal(rowByRow, Written(1));
        Assert.Equal(rowByRow, Written(2));
        using var read = TableFileReader.Open(new MemoryStream(rowByRow), "t");
        var sizes = new List<int>();
        while (read.ReadRowGroup() is { } group)
        {
            sizes.Add(group.RowCount);
        }
        Assert.True(sizes.Count > 2, $"{sizes.Count} groups");
        Assert.All(sizes.SkipLast(1), n => Assert.Equal(0, n % RowGroupBuffer.CheckRows));
        Assert.Equal(Rows, sizes.Sum());
    }

    [Fact]
    public void Rows_computed_in_one_pass_over_the_bytes_write_the_same_tables_and_rejects_as_parsed_documents()
    {
        WriteInput(300);
        // Every shipped view's type, in the shapes the views choose between, and records the one pass hands back to the
        // JsonDocument path: an escaped string, a bad date, a duplicate, a member given twice, malformed JSON.
        string[] others =
        [
            """{"resourceType":"Encounter","id":"e0","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"type":[{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213","display":"Office visit"},{"system":"http://snomed.info/sct","code":"185349003"}]}],"subject":{"reference":"Patient/p0"},"period":{"start":"2021-01-10T16:00:00Z","end":"2021-01-10T16:20:00Z"},"serviceProvider":{"reference":"Organization/o1","display":"Clinic"}}""",
            """{"resourceType":"Encounter","id":"e1","status":"fin\u0069shed","subject":{"reference":"urn:uuid:p1"},"period":{"start":"2021-02"}}""",
            """{"resourceType":"Encounter","id":"e2","subject":{"reference":"Patient/p2"},"period":{"start":"2021-13-01"}}""",
            """{"resourceType":"Encounter","id":"e0","status":"finished","subject":{"reference":"Patient/p0"}}""",
            """{"resourceType":"Encounter","id":"e3","status":"planned","status":"finished","subject":{"reference":"Patient/p404"}}""",
            """{"resourceType":"Encounter","id":"e4","status":""",
            """{"resourceType":"Observation","id":"bp0","status":"final","category":[{"coding":[{"code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},"subject":{"reference":"Patient/p1"},"encounter":{"reference":"Encounter/e0"},"effectiveDateTime":"2021-03-05T22:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":152,"unit":"mm[Hg]","code":"mm[Hg]"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":104.50,"unit":"mm[Hg]"}}]}""",
            """{"resourceType":"Observation","id":"x1","status":"final","code":{"coding":[{"code":"x"}],"text":"t"},"subject":{"reference":"Patient/p999"},"effectivePeriod":{"start":"2021-03-05"},"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260385009"}]}}""",
            """{"resourceType":"Condition","id":"c0","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"195967001","display":"Asthma"}]},"subject":{"reference":"https://ehr.example/fhir/Patient/p9/_history/2"},"onsetPeriod":{"start":"2019-01-02"},"abatementDateTime":"2020-03-04","recordedDate":"2019-01-03"}""",
            """{"resourceType":"Procedure","id":"pr0","status":"completed","code":{"coding":[{"system":"urn:s","code":"z"}]},"subject":{"reference":"Patient/p5"},"performedPeriod":{"start":"2017-11-15","end":"2017-11-16"}}""",
            """{"resourceType":"Immunization","id":"im0","status":"completed","vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"08"}]},"patient":{"reference":"Patient/p0"},"occurrenceString":"autumn 2015","primarySource":true}""",
            """{"resourceType":"MedicationRequest","id":"m0","status":"active","intent":"order","medicationReference":{"reference":"Medication/med1"},"subject":{"reference":"Patient/p1"},"authoredOn":"2021-03-05T22:30:00Z"}""",
            """{"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"314076","display":"lisinopril"}]},"subject":{"reference":"Patient/p1"}}""",
            """{"resourceType":"Coverage","id":"cov0","status":"active","type":{"coding":[{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":"2"}]},"beneficiary":{"reference":"Patient/p0"},"period":{"start":"2021-01-01"}}""",
        ];
        File.WriteAllLines(Path.Combine(folder, "Other.ndjson"), others);
        var parsedDiagnostics = new FhirDiagnosticList();
        var onePassDiagnostics = new FhirDiagnosticList();
        var (parsed, expected) = Run(2, onePass: false, diagnostics: parsedDiagnostics);
        var (onePass, actual) = Run(2, diagnostics: onePassDiagnostics);
        AssertSameTables(expected, actual);
        Assert.Equal(parsed.Read.Files, onePass.Read.Files);
        Assert.Equal(parsed.Read.Types, onePass.Read.Types);
        // Files are read in parallel, so only each file's diagnostics come in a fixed order.
        Assert.Equal(parsedDiagnostics.Items.Select(d => d.ToString() + d.Raw).Order(), onePassDiagnostics.Items.Select(d => d.ToString() + d.Raw).Order());
        Assert.Equal(4, onePassDiagnostics.Items.Count(d => d.Kind == FhirDiagnosticKind.Rejected)); // {not json, bad date, duplicate, cut off
        Assert.Equal("152", actual["observation"].Columns.Single(c => c.Name == "systolic").Format(6000));
        Assert.Contains(onePassDiagnostics.Items, d => d.Diagnostic.Reason.StartsWith("references Patient/p999 (once", StringComparison.Ordinal));
    }

    private static void AssertSameTables(Dictionary<string, Table> expected, Dictionary<string, Table> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, table) in expected)
        {
            var other = actual[name];
            Assert.Equal(table.RowCount, other.RowCount);
            Assert.Equal(table.Columns.Select(c => (c.Name, c.Type)), other.Columns.Select(c => (c.Name, c.Type)));
            for (var c = 0; c < table.Columns.Count; c++)
            {
                for (var r = 0; r < table.RowCount; r++)
                {
                    Assert.Equal(table.Columns[c].Format(r), other.Columns[c].Format(r));
                }
            }
        }
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
    public void Dates_read_from_utf8_are_the_dates_read_from_their_characters()
    {
        string[] seeds = ["1970", "1970-06", "2024-02-29T23:59:00-05:00", "2023-02-29", "20x5-01-01", "0000-01-01", "9999-12-31", "2020-13-01", "2020-00-10", "", "197"];
        var random = new Random(7);
        var alphabet = "0123456789-T:Zé€x +٣";
        var texts = seeds.ToList();
        foreach (var seed in seeds.Where(s => s.Length > 0))
        {
            // Every position replaced by characters that may or may not belong there, multi-byte ones included.
            for (var i = 0; i < seed.Length; i++)
            {
                for (var k = 0; k < 3; k++)
                {
                    texts.Add(seed[..i] + alphabet[random.Next(alphabet.Length)] + seed[(i + 1)..]);
                }
            }
        }
        texts.Add("2020é01-01");
        texts.Add("2020-01-01é");
        foreach (var text in texts)
        {
            Assert.Equal(DateByTryParse(text), ViewTableSink.ParseDate(text));
            Assert.Equal(ViewTableSink.ParseDate(text), ViewTableSink.ParseDate(System.Text.Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>The reading the sink's own digit parsing must match: YYYY[-MM[-DD]] by <c>int.TryParse</c>, digits only.</summary>
    private static DateOnly? DateByTryParse(string text)
    {
        static bool Part(string s, int from, int length, out int value) =>
            int.TryParse(s.AsSpan(from, length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        var month = 1;
        var day = 1;
        if (text.Length < 4 || !Part(text, 0, 4, out var year)
            || (text.Length >= 7 && !Part(text, 5, 2, out month)) || (text.Length >= 10 && !Part(text, 8, 2, out day)))
        {
            return null;
        }
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    [Fact]
    public void Two_views_with_one_name_are_a_user_error()
    {
        var e = Assert.Throws<Lodestar.Diagnostics.UserErrorException>(() => new IngestPipeline([Views[0], Views[0]]));
        Assert.Contains("two views are named 'patient'", e.Message, StringComparison.Ordinal);
    }
}
