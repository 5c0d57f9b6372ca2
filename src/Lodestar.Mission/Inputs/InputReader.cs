using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Mission.Inputs;

/// <summary>
/// Reads the non-clinical input folder (docs/missions.md, "Input files"). A missing file is an empty table; a
/// missing column is a user error; a bad row goes to <c>rejects/&lt;file&gt;</c> with file, line, column and
/// reason and the rest are kept, so Read = Accepted + Rejected for every file.
/// </summary>
internal static class InputReader
{
    public static readonly IReadOnlyDictionary<string, string[]> Schemas = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["learners.csv"] = ["learner_id", "program", "entry_year", "graduation_year", "sex", "race_ethnicity", "home_county_fips", "practice_state", "practice_county_fips", "specialty"],
        ["workforce.csv"] = ["person_id", "role", "year", "sex", "race_ethnicity"],
        ["studies.csv"] = ["study_id", "title", "condition", "start_year", "community_partner"],
        ["participants.csv"] = ["participant_id", "study_id", "enrolment_year", "sex", "race_ethnicity", "county_fips"],
        ["prevalence.csv"] = ["condition", "race_ethnicity", "share"],
        ["outreach.csv"] = ["event_id", "date", "activity", "county_fips", "race_ethnicity", "insured", "people"],
    };

    /// <param name="rejectsDirectory">Where rejects files go; null to keep them only in the summaries.</param>
    public static MissionInputs Read(string directory, string? rejectsDirectory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserErrorException($"--inputs {directory}: no such folder.");
        }
        var files = new List<FileSummary>();
        var learners = ReadFile(directory, "learners.csv", rejectsDirectory, files, p =>
        {
            var program = p.Code("program", Vocabulary.Programs);
            var entry = p.Year("entry_year");
            var grad = p.Optional("graduation_year") is null ? (int?)null : p.Year("graduation_year");
            p.Check(grad is null || grad >= entry, "graduation_year", "is before entry_year");
            var practiceState = p.State("practice_state");
            var practiceCounty = p.County("practice_county_fips", required: false);
            p.Check(practiceCounty is null || grad is not null, "practice_county_fips", "is set for a learner who has not graduated");
            return new Learner(p.Required("learner_id"), program, entry, grad, p.Code("sex", Vocabulary.Sexes), p.Code("race_ethnicity", Vocabulary.RaceEthnicity),
                p.County("home_county_fips", required: false), practiceState, practiceCounty, p.Optional("specialty"));
        });
        var workforce = ReadFile(directory, "workforce.csv", rejectsDirectory, files, p =>
            new WorkforceMember(p.Required("person_id"), p.Code("role", Vocabulary.Roles), p.Year("year"), p.Code("sex", Vocabulary.Sexes), p.Code("race_ethnicity", Vocabulary.RaceEthnicity)));
        var studies = ReadFile(directory, "studies.csv", rejectsDirectory, files, p =>
            new Study(p.Required("study_id"), p.Required("title"), p.Required("condition"), p.Year("start_year"), p.YesNo("community_partner")));
        var participants = ReadFile(directory, "participants.csv", rejectsDirectory, files, p =>
            new Participant(p.Required("participant_id"), p.Required("study_id"), p.Year("enrolment_year"), p.Code("sex", Vocabulary.Sexes),
                p.Code("race_ethnicity", Vocabulary.RaceEthnicity), p.County("county_fips", required: false)));
        var prevalence = ReadFile(directory, "prevalence.csv", rejectsDirectory, files, p =>
            new Prevalence(p.Required("condition"), p.Code("race_ethnicity", Vocabulary.RaceEthnicity), p.Share("share")));
        var outreach = ReadFile(directory, "outreach.csv", rejectsDirectory, files, p =>
            new OutreachActivity(p.Required("event_id"), p.Date("date"), p.Code("activity", Vocabulary.Activities), p.County("county_fips", required: true) ?? "",
                p.Code("race_ethnicity", Vocabulary.RaceEthnicity), p.Code("insured", Vocabulary.Insured), p.Count("people")));
        return new MissionInputs(learners, workforce, studies, participants, prevalence, outreach, files);
    }

    private static List<T> ReadFile<T>(string directory, string name, string? rejectsDirectory, List<FileSummary> files, Func<RowParser, T> parse)
    {
        var path = Path.Combine(directory, name);
        var rows = new List<T>();
        if (!File.Exists(path))
        {
            files.Add(new FileSummary(name, false, 0, 0, 0, []));
            return rows;
        }
        var schema = Schemas[name];
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(text, path);
        var header = csv.ReadHeader();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            columns[header[i]] = i;
        }
        foreach (var column in schema.Where(c => !columns.ContainsKey(c)))
        {
            throw new UserErrorException(new Diagnostic(path, 1, column, $"the header has no column '{column}' (expected: {string.Join(",", schema)})"));
        }
        var errors = new List<Diagnostic>();
        var rejects = new List<(Diagnostic Error, string Raw)>();
        long read = 0;
        foreach (var (record, error, raw) in csv.ReadRecords(header.Count))
        {
            read++;
            if (error is { } e)
            {
                rejects.Add((e, raw));
                continue;
            }
            var parser = new RowParser(columns, record.Fields);
            var row = parse(parser);
            if (parser.Ok)
            {
                rows.Add(row);
            }
            else
            {
                rejects.Add((new Diagnostic(path, record.Line, parser.ErrorColumn!, parser.ErrorReason!), raw));
            }
        }
        if (rejects.Count > 0 && rejectsDirectory is not null)
        {
            Directory.CreateDirectory(rejectsDirectory);
            using var writer = CsvFiles.Create(Path.Combine(rejectsDirectory, name));
            writer.WriteRow("file", "line", "column", "reason", "record");
            foreach (var (e, raw) in rejects)
            {
                writer.WriteRow(name, e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Field, e.Reason, raw);
            }
        }
        files.Add(new FileSummary(name, true, read, rows.Count, rejects.Count, rejects.Select(r => r.Error).ToArray()));
        return rows;
    }
}
