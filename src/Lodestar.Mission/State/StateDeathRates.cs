using System.Globalization;
using System.IO.Compression;
using System.Text;
using Lodestar.IO;

namespace Lodestar.Mission.State;

/// <summary>
/// Age-adjusted death rates by state, cause and year, 1999–2017 (NCHS Leading Causes of Death, embedded; see
/// Data/SOURCES.md). The 50 states and DC are ranked; "United States" is kept as the national reference.
/// </summary>
internal sealed class StateDeathRates
{
    public const string UnitedStates = "United States";
    private static readonly Lazy<StateDeathRates> LazyDefault = new(Load);
    private readonly Dictionary<(string Cause, string State, int Year), double> rates;

    private StateDeathRates(Dictionary<(string, string, int), double> rates)
    {
        this.rates = rates;
        Causes = rates.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal).ToArray();
        States = rates.Keys.Select(k => k.Item2).Where(s => s != UnitedStates).Distinct().Order(StringComparer.Ordinal).ToArray();
        Years = rates.Keys.Select(k => k.Item3).Distinct().Order().ToArray();
    }

    public static StateDeathRates Default => LazyDefault.Value;

    public IReadOnlyList<string> Causes { get; }

    /// <summary>State names as NCHS writes them (50 states and "District of Columbia").</summary>
    public IReadOnlyList<string> States { get; }

    public IReadOnlyList<int> Years { get; }

    public double? Rate(string cause, string state, int year) => rates.TryGetValue((cause, state, year), out var r) ? r : null;

    private static StateDeathRates Load()
    {
        const string name = "Lodestar.Mission.Data.nchs_leading_causes_of_death_1999_2017.csv.gz";
        using var stream = typeof(StateDeathRates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        var csv = new CsvReader(reader, name);
        var header = csv.ReadHeader().ToList();
        int year = header.IndexOf("Year"), cause = header.IndexOf("Cause_Name"), state = header.IndexOf("State"), rate = header.IndexOf("Age_Adjusted_Death_Rate");
        var rates = new Dictionary<(string, string, int), double>();
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new InvalidOperationException("Embedded state data is corrupt: " + e);
            }
            var f = record.Fields;
            rates[(f[cause], f[state], int.Parse(f[year], CultureInfo.InvariantCulture))] = double.Parse(f[rate], CultureInfo.InvariantCulture);
        }
        return new StateDeathRates(rates);
    }
}
