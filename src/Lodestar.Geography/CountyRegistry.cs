using System.Collections.Frozen;
using System.Globalization;

namespace Lodestar.Geography;

/// <summary>
/// Every US county-equivalent (50 states + DC, 2022+ Census geography, 3,144 rows) with its
/// population, race/ethnicity, age bands, rurality and primary-care shortage score, the states built
/// from them, and the ZIP codes in each county. Loaded once from data embedded in the assembly.
/// </summary>
/// <example>
/// <code>
/// var hinds = CountyRegistry.Default.GetCounty("28049");      // Hinds County, MS
/// var ms = CountyRegistry.Default.GetState("MS");
/// double blackShare = ms.Share(OmbGroup.Black);                // representation-index denominator
/// </code>
/// </example>
public sealed class CountyRegistry
{
    private static readonly Lazy<CountyRegistry> LazyDefault = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, County> byFips;
    private readonly FrozenDictionary<string, UsState> statesByKey;
    private readonly FrozenDictionary<string, County[]> byStateAndName;
    private readonly FrozenDictionary<string, ZipCode[]> zipsByZip;
    private readonly FrozenDictionary<string, ZipCode[]> zipsByCounty;

    private CountyRegistry(IReadOnlyList<County> counties, IReadOnlyList<UsState> states, IReadOnlyList<ZipCode> zips)
    {
        Counties = counties;
        States = states;
        byFips = counties.ToFrozenDictionary(c => c.Fips, StringComparer.Ordinal);
        var stateKeys = new Dictionary<string, UsState>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in states)
        {
            stateKeys[s.Fips] = s;
            stateKeys[s.Abbreviation] = s;
            stateKeys[s.Name] = s;
        }
        statesByKey = stateKeys.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        byStateAndName = counties
            .GroupBy(c => c.StateAbbreviation + "|" + CountyNames.Key(c.Name), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        zipsByZip = zips.GroupBy(z => z.Zip, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        zipsByCounty = zips.GroupBy(z => z.CountyFips, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The registry built from the reference data shipped in the assembly.</summary>
    public static CountyRegistry Default => LazyDefault.Value;

    /// <summary>All counties, ordered by FIPS.</summary>
    public IReadOnlyList<County> Counties { get; }

    /// <summary>50 states and DC, ordered by FIPS.</summary>
    public IReadOnlyList<UsState> States { get; }

    public bool TryGetCounty(string fips, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out County? county) =>
        byFips.TryGetValue(fips, out county);

    /// <summary>The county with this 5-digit FIPS code; throws when there is none (use <see cref="TryGetCounty"/> for user input).</summary>
    public County GetCounty(string fips) =>
        byFips.TryGetValue(fips, out var county) ? county : throw new KeyNotFoundException($"No county with FIPS {fips}.");

    /// <summary>Finds a state by USPS code ("MS"), 2-digit FIPS ("28") or name ("Mississippi"), ignoring case.</summary>
    public bool TryGetState(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UsState? state) =>
        statesByKey.TryGetValue(key.Trim(), out state);

    public UsState GetState(string key) =>
        TryGetState(key, out var state) ? state : throw new KeyNotFoundException($"No state {key}.");

    /// <summary>
    /// Counties in <paramref name="state"/> whose name matches <paramref name="name"/> as a person would
    /// write it ("hinds", "Hinds County", "DOÑA ANA", "Saint Louis City").
    /// </summary>
    public IReadOnlyList<County> FindByName(UsState state, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
        return byStateAndName.TryGetValue(state.Abbreviation + "|" + CountyNames.Key(name), out var found) ? found : [];
    }

    /// <summary>Counties in any state whose name matches (several when the state is not known: there are 24 Jackson Counties).</summary>
    public IReadOnlyList<County> FindByName(string name)
    {
        var key = CountyNames.Key(name);
        var result = new List<County>();
        foreach (var state in States)
        {
            if (byStateAndName.TryGetValue(state.Abbreviation + "|" + key, out var found))
            {
                result.AddRange(found);
            }
        }
        return result;
    }

    /// <summary>One entry per county the ZIP code lies in (empty when unknown).</summary>
    public IReadOnlyList<ZipCode> ZipCounties(string zip) =>
        zipsByZip.TryGetValue(NormalizeZip(zip), out var found) ? found : [];

    /// <summary>The ZIP codes that lie wholly or partly in the county, ordered by ZIP.</summary>
    public IReadOnlyList<ZipCode> ZipsIn(string countyFips) =>
        zipsByCounty.TryGetValue(countyFips, out var found) ? found : [];

    /// <summary>"39201-1234" and " 39201" become "39201"; a 4-digit ZIP that lost its leading zero is padded.</summary>
    internal static string NormalizeZip(string zip)
    {
        var trimmed = zip.Trim();
        if (trimmed.Length > 5 && (trimmed[5] == '-' || trimmed[5] == ' '))
        {
            trimmed = trimmed[..5];
        }
        return trimmed.Length is 3 or 4 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(5, '0') : trimmed;
    }

    private static CountyRegistry Load()
    {
        var counties = new List<County>(3200);
        foreach (var (f, _) in EmbeddedData.ReadCsv("counties.csv.gz"))
        {
            var hpsa = f("hpsa_pc_score");
            counties.Add(new County(
                f("fips"), f("state_abbr"), f("name"),
                new PopulationCounts(L(f("census_2020")), L(f("est_base_2020")), L(f("est_2020")), L(f("est_2021")), L(f("est_2022")), L(f("est_2023"))),
                new RaceEthnicityCounts(L(f("hispanic")), L(f("nh_white")), L(f("nh_black")), L(f("nh_aian")), L(f("nh_asian")),
                    L(f("nh_nhpi")), L(f("nh_two_or_more")), L(f("nh_other"))),
                AgeFrom(L(f("acs_total")), L(f("age_0_17")), L(f("age_65_plus"))),
                int.Parse(f("rucc_2023"), CultureInfo.InvariantCulture),
                hpsa.Length == 0 ? null : D(hpsa),
                D(f("uninsured_pct")), L(f("limited_english")), D(f("poverty150_pct")), D(f("svi_rank"))));
        }
        var health = new Dictionary<string, CountyHealth>(StringComparer.Ordinal);
        foreach (var (f, _) in EmbeddedData.ReadCsv("places.csv.gz"))
        {
            health[f("fips")] = new CountyHealth(D(f("diabetes")), D(f("bphigh")), D(f("chd")), D(f("depression")),
                D(f("casthma")), D(f("kidney")), D(f("obesity")), D(f("access2")));
        }
        for (var i = 0; i < counties.Count; i++)
        {
            if (health.TryGetValue(counties[i].Fips, out var h))
            {
                counties[i] = counties[i] with { Health = h };
            }
        }
        var byState = counties.GroupBy(c => c.StateAbbreviation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var states = new List<UsState>(51);
        foreach (var (f, _) in EmbeddedData.ReadCsv("states.csv.gz"))
        {
            var abbr = f("state_abbr");
            var members = byState.TryGetValue(abbr, out var m) ? m : [];
            states.Add(new UsState(
                f("state_fips"), abbr, f("name"),
                new PopulationCounts(members.Sum(c => c.Population.Census2020), L(f("est_base_2020")), L(f("est_2020")), L(f("est_2021")), L(f("est_2022")), L(f("est_2023"))),
                members.Aggregate(default(RaceEthnicityCounts), (sum, c) => sum + c.RaceEthnicity),
                members.Aggregate(default(AgeStructure), (sum, c) => sum + c.Ages),
                members));
        }
        var zips = new List<ZipCode>(54000);
        foreach (var (f, _) in EmbeddedData.ReadCsv("zips.csv.gz"))
        {
            var lat = f("latitude");
            var lon = f("longitude");
            zips.Add(new ZipCode(f("zip"), f("fips"), f("state_abbr"),
                lat.Length == 0 ? null : D(lat), lon.Length == 0 ? null : D(lon), f("city")));
        }
        return new CountyRegistry(counties, states, zips);

        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static AgeStructure AgeFrom(long total, long under18, long over65) => new(under18, total - under18 - over65, over65);
    }
}
