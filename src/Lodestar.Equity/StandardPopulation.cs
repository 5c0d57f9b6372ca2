using System.Globalization;
using System.Reflection;
using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Equity;

/// <summary>
/// A standard population for direct age standardisation: named age bands with weights. The 2000 U.S. standard
/// (NCHS 11 groups, SEER 19 groups) ships embedded; see Data/SOURCES.md. Weights need not sum to 1: every
/// computation divides by the sum over the bands used, so subsets (e.g. ages 18+) are re-normalised (NCHS practice).
/// </summary>
public sealed class StandardPopulation
{
    private readonly Dictionary<string, int> index;

    public StandardPopulation(string name, IReadOnlyList<StandardBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        Name = name;
        Bands = bands;
        index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < bands.Count; i++)
        {
            if (!(bands[i].Weight >= 0) || double.IsInfinity(bands[i].Weight))
            {
                throw new ArgumentOutOfRangeException(nameof(bands), $"Band {bands[i].Label}: weight must be finite and >= 0.");
            }
            if (!index.TryAdd(bands[i].Label.Trim(), i))
            {
                throw new ArgumentException($"Band {bands[i].Label} appears twice.", nameof(bands));
            }
        }
    }

    public string Name { get; }

    public IReadOnlyList<StandardBand> Bands { get; }

    /// <summary>2000 U.S. standard, NCHS 11 groups (Under 1, 1-4, 5-14, …, 85+), weighted by the standard million (NVSR 47(3) Table I).</summary>
    public static StandardPopulation Us2000Nchs11 { get; } = LoadEmbedded("us2000-11", "us_std_pop_2000_nchs_11groups.csv", "standard_million");

    /// <summary>2000 U.S. standard, SEER 19 groups (00, 01-04, 05-09, …, 85+), weighted by the P25-1130 counts (seer.cancer.gov/stdpopulations).</summary>
    public static StandardPopulation Us2000Seer19 { get; } = LoadEmbedded("us2000-19", "us_std_pop_2000_seer_19groups.csv", "population");

    /// <summary>The position of a band label (trimmed, case-insensitive), or −1.</summary>
    public int IndexOf(string label) => index.TryGetValue(label.Trim(), out var i) ? i : -1;

    /// <summary>
    /// Reads a user-supplied standard: a CSV with a label column (<c>age_band</c> or <c>age_group</c>) and a weight
    /// column (<c>weight</c>, <c>population</c> or <c>standard_million</c>, first found wins).
    /// </summary>
    public static StandardPopulation Read(TextReader reader, string source, string? name = null)
    {
        var csv = new CsvReader(reader, source);
        var header = csv.ReadHeader();
        var label = Find(header, "age_band", "age_group");
        var weight = Find(header, "weight", "population", "standard_million");
        if (label < 0 || weight < 0)
        {
            throw new UserErrorException(new Diagnostic(source, 1, label < 0 ? "age_band" : "weight",
                "a standard population needs an age_band (or age_group) column and a weight (or population / standard_million) column"));
        }
        var bands = new List<StandardBand>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new UserErrorException(e);
            }
            var text = record.Fields[weight].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !(w >= 0) || double.IsInfinity(w))
            {
                throw new UserErrorException(new Diagnostic(source, record.Line, header[weight], $"not a weight >= 0: '{text}'"));
            }
            var band = record.Fields[label].Trim();
            if (!seen.Add(band))
            {
                throw new UserErrorException(new Diagnostic(source, record.Line, header[label], $"age band '{band}' appears twice"));
            }
            bands.Add(new StandardBand(band, w));
        }
        if (bands.Count == 0 || bands.Sum(b => b.Weight) <= 0)
        {
            throw new UserErrorException(new Diagnostic(source, 0, "", "the standard population has no bands with a positive weight"));
        }
        return new StandardPopulation(name ?? Path.GetFileNameWithoutExtension(source), bands);
    }

    private static int Find(IReadOnlyList<string> header, params string[] names)
    {
        foreach (var n in names)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], n, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static StandardPopulation LoadEmbedded(string name, string file, string weightColumn)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lodestar.Equity.Data." + file)
            ?? throw new InvalidOperationException($"Embedded standard population {file} is missing from the build.");
        using var reader = new StreamReader(stream);
        var csv = new CsvReader(reader, file);
        var header = csv.ReadHeader();
        var label = Find(header, "age_group");
        var weight = Find(header, weightColumn);
        var bands = new List<StandardBand>();
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is not null)
            {
                throw new InvalidOperationException($"Embedded standard population {file} is malformed: {error}");
            }
            bands.Add(new StandardBand(record.Fields[label], double.Parse(record.Fields[weight], CultureInfo.InvariantCulture)));
        }
        return new StandardPopulation(name, bands);
    }
}
