using System.Text.Json;

namespace Lodestar.Cli.Tests;

public sealed class ViewCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-view-" + Guid.NewGuid().ToString("N"));

    public ViewCommandTests()
    {
        // The FHIR input has its own folder: any other JSON beside it (such as the view) would be read as input.
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, "Patient.ndjson"),
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"name\":[{\"given\":[\"Ann\",\"Bo\"]}]}\n" +
            "{\"resourceType\":\"Patient\",\"id\":\"p2\"}\n" +
            "not json\n");
        File.WriteAllText(Path.Combine(folder, "view.json"),
            "{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"id\",\"path\":\"id\"},{\"name\":\"gender\",\"path\":\"gender\"}," +
            "{\"name\":\"given\",\"path\":\"name.given\",\"collection\":true},{\"name\":\"n\",\"path\":\"name.count()\",\"type\":\"integer\"}]}]}");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Data => Path.Combine(folder, "data");

    private string InFolder(string name) => Path.Combine(folder, name);

    [Fact]
    public async Task Csv_has_a_header_in_view_order_and_one_line_per_row()
    {
        var (code, output, error) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data);
        Assert.Equal(0, code);
        Assert.Equal("id,gender,given,n\np1,female,\"[\"\"Ann\"\",\"\"Bo\"\"]\",1\np2,,[],0\n", output);
        Assert.Contains("Patient.ndjson:3", error, StringComparison.Ordinal);
        Assert.Contains("1 records rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_rows_are_typed_with_nulls_and_arrays()
    {
        var (code, output, _) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Path.Combine(Data, "Patient.ndjson"), "--format", "ndjson");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"id\":\"p1\",\"gender\":\"female\",\"given\":[\"Ann\",\"Bo\"],\"n\":1}", lines[0]);
        Assert.Equal("{\"id\":\"p2\",\"gender\":null,\"given\":[],\"n\":0}", lines[1]);
    }

    [Fact]
    public async Task Out_writes_the_file_and_rejects_go_to_their_own_file()
    {
        var (code, output, _) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data,
            "--out", InFolder("out/rows.csv"), "--rejects", InFolder("out/rejects.ndjson"));
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.StartsWith("id,gender,given,n\n", File.ReadAllText(InFolder("out/rows.csv")), StringComparison.Ordinal);
        using var reject = JsonDocument.Parse(Assert.Single(File.ReadAllLines(InFolder("out/rejects.ndjson"))));
        Assert.Equal(3, reject.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("not json", reject.RootElement.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task An_invalid_view_is_a_user_error_naming_the_offending_path()
    {
        File.WriteAllText(InFolder("bad.json"), "{\"resource\":\"Patient\",\"select\":[{\"column\":[{\"name\":\"x\",\"path\":\"name.nosuch()\"}]}]}");
        var (code, _, error) = await ExitCodeTests.Run("view", "--view", InFolder("bad.json"), "--input", Data);
        Assert.Equal(1, code);
        Assert.Contains("select[0].column[0].path", error, StringComparison.Ordinal);
        Assert.Contains("nosuch", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Strict_stops_at_the_first_bad_record()
    {
        var (code, _, error) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data, "--strict");
        Assert.Equal(1, code);
        Assert.Contains("Patient.ndjson:3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_or_unknown_format_is_a_user_error()
    {
        Assert.Equal(1, (await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", InFolder("nothing"))).Code);
        Assert.Equal(1, (await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data, "--format", "xml")).Code);
    }

    [Fact]
    public async Task Shipped_views_run_by_name()
    {
        var (code, output, _) = await ExitCodeTests.Run("view", "--view", "patient", "--input", Path.Combine(Data, "Patient.ndjson"));
        Assert.Equal(0, code);
        Assert.StartsWith("id,patient_key,birth_date,gender,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_gives_the_same_rows_in_some_order()
    {
        var (code, sequential, _) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data, "--format", "ndjson");
        var (parallelCode, parallel, _) = await ExitCodeTests.Run("view", "--view", InFolder("view.json"), "--input", Data, "--format", "ndjson", "--parallel");
        Assert.Equal((0, 0), (code, parallelCode));
        Assert.Equal(sequential.Split('\n').Order(), parallel.Split('\n').Order());
    }
}
