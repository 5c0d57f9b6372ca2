using System.Collections.Concurrent;
using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Tables;

namespace Lodestar.Measures.Engine;

/// <summary>
/// A workspace prepared for evaluation: the patient index, each event table's row → patient mapping
/// (built once per distinct reference, not once per row) and per-value-set dictionary matches, all cached.
/// </summary>
public sealed class EvaluationContext
{
    private readonly Workspace workspace;
    private readonly ConcurrentDictionary<string, int[]> patientRows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Table, string Column, string ValueSet), bool[]> matches = new();

    public EvaluationContext(Workspace workspace, MeasureCatalog catalog, IAreaDirectory? areas = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        this.workspace = workspace;
        Catalog = catalog;
        Areas = areas;
        Patients = workspace[ClinicalSchema.Patient];
        var ids = Patients.Get<StringColumn>(ClinicalSchema.PatientKey);
        PatientIndexByDictionary = new Dictionary<string, int>(Patients.RowCount, StringComparer.Ordinal);
        for (var row = 0; row < ids.Count; row++)
        {
            if (ids[row] is { } id)
            {
                PatientIndexByDictionary.TryAdd(id, row);
            }
        }
        var birth = Patients.Get<DateColumn>(ClinicalSchema.BirthDate);
        BirthDates = new DateOnly?[Patients.RowCount];
        for (var row = 0; row < birth.Count; row++)
        {
            BirthDates[row] = birth[row];
        }
    }

    public MeasureCatalog Catalog { get; }

    public IAreaDirectory? Areas { get; }

    public Table Patients { get; }

    public int PatientCount => Patients.RowCount;

    public DateOnly?[] BirthDates { get; }

    private Dictionary<string, int> PatientIndexByDictionary { get; }

    public bool HasTable(string name) => workspace.Tables.ContainsKey(name);

    public Table Table(string name) => workspace[name];

    public string PatientId(int patient) => Patients.Get<StringColumn>(ClinicalSchema.Id)[patient]!;

    /// <summary>For each row of an event table, the patient row it belongs to, or -1 for a patient never seen.</summary>
    public int[] PatientRows(string table) => patientRows.GetOrAdd(table, t =>
    {
        var column = Table(t).Get<StringColumn>(ClinicalSchema.PatientKey);
        var byCode = new int[column.Dictionary.Length];
        for (var i = 0; i < byCode.Length; i++)
        {
            byCode[i] = PatientIndexByDictionary.TryGetValue(column.Dictionary[i], out var p) ? p : -1;
        }
        var rows = new int[column.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = column.Codes[r] < 0 ? -1 : byCode[column.Codes[r]];
        }
        return rows;
    });

    /// <summary>Which dictionary entries of a table's code-list column are in the value set.</summary>
    public bool[] Match(string table, string valueSetId) => matches.GetOrAdd((table, ClinicalSchema.CodesOf(table), valueSetId), key =>
    {
        if (!Catalog.ValueSets.TryGetValue(key.ValueSet, out var valueSet))
        {
            throw new UserErrorException($"unknown value set '{key.ValueSet}'");
        }
        var codes = Table(key.Table)[key.Column];
        return codes switch
        {
            StringListColumn list => list.Match(valueSet.Contains),
            StringColumn single => single.Match(valueSet.Contains),
            _ => throw new InvalidOperationException($"{key.Table}.{key.Column} is not a code column."),
        };
    });

    /// <summary>Age in completed years on <paramref name="at"/>, or null without a birth date.</summary>
    public int? Age(int patient, DateOnly at)
    {
        if (BirthDates[patient] is not { } b)
        {
            return null;
        }
        var age = at.Year - b.Year;
        if (at.Month < b.Month || (at.Month == b.Month && at.Day < b.Day))
        {
            age--;
        }
        return age;
    }
}
