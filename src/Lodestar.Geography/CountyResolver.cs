using System.Collections.Concurrent;

namespace Lodestar.Geography;

/// <summary>
/// Finds a patient's county from a FHIR address, trying in turn:
/// <list type="number">
/// <item><c>district</c> — county name, tolerant of case, accents and "County"/"Parish"; needs the
/// state when the name is not unique (24 states have a Jackson County), or a ZIP to disambiguate;</item>
/// <item><c>postalCode</c> — ZIP → county. A ZIP spanning several counties resolves to the county that
/// contains the ZIP's centroid; if the centroid is missing or in none of them, to the one with the
/// largest 2020 population (the likelier residence). Candidates in another state than the address's
/// are dropped first;</item>
/// <item>latitude/longitude — point in Census county boundary.</item>
/// </list>
/// Never throws for bad input: an address that fails every step comes back unresolved with reasons.
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var resolver = new CountyResolver();
/// var r = resolver.Resolve(state: "MS", district: "Hinds", postalCode: null, latitude: null, longitude: null);
/// // r.County.Fips == "28049", r.Method == ResolutionMethod.District
/// </code>
/// </example>
public sealed class CountyResolver
{
    private readonly CountyRegistry registry;
    private readonly Lazy<CountyBoundaries> boundaries;
    private readonly ConcurrentDictionary<string, County?> zipCache = new(StringComparer.Ordinal);

    public CountyResolver()
        : this(CountyRegistry.Default, () => CountyBoundaries.Default)
    {
    }

    internal CountyResolver(CountyRegistry registry, Func<CountyBoundaries> boundaries)
    {
        this.registry = registry;
        this.boundaries = new Lazy<CountyBoundaries>(boundaries, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CountyResolution Resolve(string? state, string? district, string? postalCode, double? latitude, double? longitude)
    {
        var problems = new List<string>(3);
        UsState? usState = null;
        if (!string.IsNullOrWhiteSpace(state) && !registry.TryGetState(state, out usState))
        {
            problems.Add($"state '{state}' is not a US state or DC");
        }

        var zipCandidates = string.IsNullOrWhiteSpace(postalCode) ? [] : registry.ZipCounties(postalCode);

        if (!string.IsNullOrWhiteSpace(district))
        {
            var matches = usState is not null ? registry.FindByName(usState, district) : registry.FindByName(district);
            if (matches.Count > 1 && zipCandidates.Count > 0)
            {
                matches = matches.Where(c => zipCandidates.Any(z => z.CountyFips == c.Fips)).ToList();
            }
            if (matches.Count == 1)
            {
                return new CountyResolution(matches[0], ResolutionMethod.District, null);
            }
            problems.Add(matches.Count == 0
                ? $"district '{district}' matches no county{(usState is null ? "" : " in " + usState.Abbreviation)}"
                : $"district '{district}' matches {matches.Count} counties; the state is needed");
        }

        if (!string.IsNullOrWhiteSpace(postalCode))
        {
            var county = FromZip(postalCode, usState);
            if (county is not null)
            {
                return new CountyResolution(county, ResolutionMethod.PostalCode, null);
            }
            problems.Add(zipCandidates.Count == 0
                ? $"postal code '{postalCode}' is not a known ZIP"
                : $"postal code '{postalCode}' is not in {usState?.Abbreviation}");
        }

        if (latitude is { } lat && longitude is { } lon)
        {
            if (double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
            {
                var fips = boundaries.Value.FindCounty(lat, lon);
                if (fips is not null && registry.TryGetCounty(fips, out var county))
                {
                    return new CountyResolution(county, ResolutionMethod.Coordinates, null);
                }
                problems.Add(fips is null
                    ? $"({lat}, {lon}) is in no US county"
                    : $"({lat}, {lon}) is in county {fips}, which 2022 geography no longer has");
            }
            else
            {
                problems.Add($"({lat}, {lon}) is not a valid latitude/longitude");
            }
        }

        if (problems.Count == 0)
        {
            problems.Add("the address has no district, postal code or coordinates");
        }
        return CountyResolution.Unresolved(string.Join("; ", problems));
    }

    /// <summary>ZIP → one county by the rule in the class summary; null when the ZIP is unknown (or not in the state).</summary>
    public County? FromZip(string postalCode, UsState? state = null)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        var zip = CountyRegistry.NormalizeZip(postalCode);
        var key = state is null ? zip : zip + "|" + state.Abbreviation;
        return zipCache.GetOrAdd(key, _ => PickZipCounty(zip, state));
    }

    private County? PickZipCounty(string zip, UsState? state)
    {
        var candidates = registry.ZipCounties(zip)
            .Where(z => state is null || z.StateAbbreviation == state.Abbreviation)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        if (candidates.Count == 1)
        {
            return registry.TryGetCounty(candidates[0].CountyFips, out var only) ? only : null;
        }
        var centroid = candidates[0];
        if (centroid.HasCentroid)
        {
            foreach (var candidate in candidates)
            {
                if (boundaries.Value.Contains(candidate.CountyFips, centroid.Latitude!.Value, centroid.Longitude!.Value)
                    && registry.TryGetCounty(candidate.CountyFips, out var containing))
                {
                    return containing;
                }
            }
        }
        return candidates
            .Select(c => registry.TryGetCounty(c.CountyFips, out var county) ? county : null)
            .OfType<County>()
            .OrderByDescending(c => c.Population.Census2020)
            .ThenBy(c => c.Fips, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
