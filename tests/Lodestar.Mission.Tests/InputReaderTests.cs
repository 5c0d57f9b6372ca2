using Lodestar.Diagnostics;
using Lodestar.Mission.Inputs;

namespace Lodestar.Mission.Tests;

public sealed class InputReaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lodestar-mission-inputs", Guid.NewGuid().ToString("N"));

    public InputReaderTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Bad_rows_go_to_the_rejects_file_with_line_and_column_and_counts_reconcile()
    {
        File.WriteAllText(Path.Combine(folder, "learners.csv"), """
            learner_id,program,entry_year,graduation_year,sex,race_ethnicity,home_county_fips,practice_state,practice_county_fips,specialty
            L1,md,2016,2020,female,black,28049,MS,28049,family-medicine
            L2,vet,2016,2020,female,black,28049,MS,28049,family-medicine
            L3,md,2016,2015,male,white,28049,,,
            L4,md,2016,2020,male,white,99999,MS,28049,
            L5,md,2016,2020,male
            L6,md,2020,,male,hispanic,,,,

            """);
        var rejects = Path.Combine(folder, "rejects");
        var inputs = InputReader.Read(folder, rejects);
        var summary = inputs.Files.Single(f => f.File == "learners.csv");
        Assert.Equal((6L, 2L, 4L), (summary.Read, summary.Accepted, summary.Rejected));
        Assert.Equal(summary.Read, summary.Accepted + summary.Rejected);
        Assert.Equal(["L1", "L6"], inputs.Learners.Select(l => l.Id));
        var lines = File.ReadAllLines(Path.Combine(rejects, "learners.csv"));
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("learners.csv,3,program,\"'vet' is not one of", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("learners.csv,4,graduation_year,is before entry_year", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("learners.csv,5,home_county_fips,\"'99999' is not a county FIPS", lines[3], StringComparison.Ordinal);
        Assert.Contains("has 5 fields; the header has 10", lines[4], StringComparison.Ordinal);
        Assert.Contains(summary.Errors, e => e.ToString().Contains("learners.csv:3: program:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_an_empty_table_and_a_missing_column_is_a_user_error()
    {
        var inputs = InputReader.Read(folder, null);
        Assert.All(inputs.Files, f => Assert.False(f.Present));
        File.WriteAllText(Path.Combine(folder, "outreach.csv"), "event_id,date,activity,county_fips,race_ethnicity,people\n");
        var e = Assert.Throws<UserErrorException>(() => InputReader.Read(folder, null));
        Assert.Contains("outreach.csv:1: insured:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outreach_dates_counts_and_insurance_are_checked()
    {
        File.WriteAllText(Path.Combine(folder, "outreach.csv"), """
            event_id,date,activity,county_fips,race_ethnicity,insured,people
            E1,2025-03-01,telehealth,28049,black,no,12
            E2,2025-13-01,telehealth,28049,black,no,12
            E3,2025-03-01,telehealth,28049,black,maybe,12
            E4,2025-03-01,telehealth,28049,black,yes,-3
            """);
        var inputs = InputReader.Read(folder, null);
        var s = inputs.Files.Single(f => f.File == "outreach.csv");
        Assert.Equal((4L, 1L, 3L), (s.Read, s.Accepted, s.Rejected));
        Assert.Equal(["date", "insured", "people"], s.Errors.Select(e => e.Field));
    }
}
