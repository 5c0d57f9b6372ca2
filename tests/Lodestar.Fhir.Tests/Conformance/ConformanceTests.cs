using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lodestar.Fhir.Tests.Conformance;

/// <summary>
/// The official SQL on FHIR v2 conformance suite, one xunit case per test (134 in 22 files), plus a
/// test_report.json in the upstream shape for sql-on-fhir.org's implementations page.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConformanceSuite.Cases())
        {
            data.Add(c.File, c.Title);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_passes(string file, string title)
    {
        var failure = ConformanceSuite.Run(new ConformanceCase(file, title));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Suite_has_all_134_cases_in_22_files()
    {
        var cases = ConformanceSuite.Cases().ToList();
        Assert.Equal(134, cases.Count);
        Assert.Equal(22, cases.Select(c => c.File).Distinct().Count());
    }

    [Fact]
    public void Writes_test_report_in_the_upstream_format()
    {
        var report = new JsonObject();
        foreach (var group in ConformanceSuite.Cases().GroupBy(c => c.File))
        {
            var tests = new JsonArray();
            foreach (var c in group)
            {
                var failure = ConformanceSuite.Run(c);
                var result = new JsonObject { ["passed"] = failure is null };
                if (failure is not null)
                {
                    result["reason"] = failure;
                }
                tests.Add(new JsonObject { ["name"] = c.Title, ["result"] = result });
            }
            report[group.Key] = new JsonObject { ["tests"] = tests };
        }
        var path = Path.Combine(AppContext.BaseDirectory, "test_report.json");
        File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.True(File.Exists(path));
    }
}
