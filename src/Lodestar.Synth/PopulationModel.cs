using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>
/// The sampling tables for one state, built once per run: county × race/ethnicity weights from the
/// ACS counts, a single-year age distribution per county (<see cref="AgeBands"/>), and for each county
/// the ZIP codes whose residents live there, with a point inside the county to scatter homes around.
/// Read-only after construction, shared by all worker threads.
/// </summary>
internal sealed class PopulationModel
{
    // Share of females by age: ~49% of children (more boys are born), ~50% of adults 18–64 and ~55%
    // of people 65+ (ACS 2022 national sex-by-age). County-level sex detail is not in the staged data.
    private const double FemaleUnder18 = 0.488;
    private const double Female18To64 = 0.500;
    private const double Female65Plus = 0.555;

    private readonly double[] cumulative;
    private readonly (int County, OmbGroup Group)[] cells;
    private readonly double[][] ageCumulative;
    private readonly HomeArea[][] homes;

    public PopulationModel(UsState state, CountyRegistry registry, CountyBoundaries boundaries, CountyResolver resolver)
    {
        State = state;
        Counties = state.Counties.ToArray();
        var weights = new List<double>();
        var cellList = new List<(int, OmbGroup)>();
        var running = 0.0;
        for (var c = 0; c < Counties.Length; c++)
        {
            for (var g = 0; g < RaceEthnicityCounts.GroupCount; g++)
            {
                var count = Counties[c].RaceEthnicity[(OmbGroup)g];
                if (count <= 0)
                {
                    continue;
                }
                running += count;
                weights.Add(running);
                cellList.Add((c, (OmbGroup)g));
            }
        }
        cumulative = weights.ToArray();
        cells = cellList.ToArray();
        ageCumulative = Counties.Select(c =>
        {
            var p = AgeBands.SingleYearDistribution(c.Ages);
            var cum = new double[p.Length];
            var sum = 0.0;
            for (var a = 0; a < p.Length; a++)
            {
                sum += p[a];
                cum[a] = sum;
            }
            return cum;
        }).ToArray();
        homes = Counties.Select(c => HomesOf(c, state, registry, boundaries, resolver)).ToArray();
        conditionFactors = ConditionFactors(Counties);
    }

    /// <summary>
    /// Condition prevalence relative to the state for each county (index = <see cref="ConditionKind"/>):
    /// the county's CDC PLACES age-adjusted estimate over the state's population-weighted mean, clamped
    /// to 0.5–2, so diabetes is commoner in the Delta than in DeSoto as it is. 1 where PLACES has no
    /// estimate (and for cancers). PLACES is not race-adjusted, so in counties whose mix drives the
    /// estimate the race factors in <see cref="ClinicalModel"/> partly count the same excess twice.
    /// </summary>
    private readonly double[][] conditionFactors;

    public UsState State { get; }

    public County[] Counties { get; }

    /// <summary>Draws a county and race/ethnicity group jointly, in proportion to ACS counts.</summary>
    public (County County, int CountyIndex, OmbGroup Group) PickCountyAndGroup(ref Rng rng)
    {
        var (county, group) = cells[rng.Pick(cumulative)];
        return (Counties[county], county, group);
    }

    public double ConditionFactor(int countyIndex, ConditionKind kind) => conditionFactors[countyIndex][(int)kind];

    private static double[][] ConditionFactors(County[] counties)
    {
        Func<CountyHealth, double>?[] measures =
        [
            h => h.HighBloodPressurePercent, h => h.DiabetesPercent, h => h.CoronaryHeartDiseasePercent,
            h => h.DepressionPercent, h => h.AsthmaPercent, h => h.ChronicKidneyDiseasePercent, null, null,
        ];
        var result = counties.Select(_ => Enumerable.Repeat(1.0, measures.Length).ToArray()).ToArray();
        var withData = counties.Where(c => c.Health is not null).ToArray();
        var people = withData.Sum(c => (double)c.Population.Census2020);
        for (var k = 0; k < measures.Length; k++)
        {
            if (measures[k] is not { } measure || people <= 0)
            {
                continue;
            }
            var mean = withData.Sum(c => measure(c.Health!) * c.Population.Census2020) / people;
            for (var c = 0; c < counties.Length; c++)
            {
                if (counties[c].Health is { } health && mean > 0)
                {
                    result[c][k] = Math.Clamp(measure(health) / mean, 0.5, 2.0);
                }
            }
        }
        return result;
    }

    public int PickAge(ref Rng rng, int countyIndex) => rng.Pick(ageCumulative[countyIndex]);

    public static bool PickFemale(ref Rng rng, int age) =>
        rng.Chance(age < 18 ? FemaleUnder18 : age < 65 ? Female18To64 : Female65Plus);

    public HomeArea PickHome(ref Rng rng, int countyIndex)
    {
        var options = homes[countyIndex];
        return options[rng.Next(options.Length)];
    }

    /// <summary>
    /// ZIPs that resolve to this county (so ZIP → county agrees with the district written), each
    /// anchored at its centroid when that lies in the county, else at a point inside the county.
    /// </summary>
    private static HomeArea[] HomesOf(County county, UsState state, CountyRegistry registry, CountyBoundaries boundaries, CountyResolver resolver)
    {
        var interior = boundaries.InteriorPoint(county.Fips);
        var zips = registry.ZipsIn(county.Fips);
        var result = new List<HomeArea>();
        foreach (var zip in zips)
        {
            if (resolver.FromZip(zip.Zip, state)?.Fips != county.Fips)
            {
                continue;
            }
            if (zip.HasCentroid && boundaries.Contains(county.Fips, zip.Latitude!.Value, zip.Longitude!.Value))
            {
                result.Add(new HomeArea(zip.Zip, zip.City, zip.Latitude.Value, zip.Longitude.Value));
            }
            else if (interior is { } p)
            {
                result.Add(new HomeArea(zip.Zip, zip.City, p.Latitude, p.Longitude));
            }
        }
        if (result.Count == 0)
        {
            // Every ZIP of the county resolves elsewhere: keep its own ZIPs anyway (district still says where).
            foreach (var zip in zips)
            {
                var p = interior ?? (zip.Latitude ?? double.NaN, zip.Longitude ?? double.NaN);
                result.Add(new HomeArea(zip.Zip, zip.City, p.Item1, p.Item2));
            }
        }
        if (result.Count == 0)
        {
            // 2022 county-equivalents the ZIP and boundary files predate (Connecticut's planning regions,
            // Alaska 02063/02066): no ZIP, and no coordinates rather than made-up ones.
            var p = interior ?? (double.NaN, double.NaN);
            result.Add(new HomeArea("", "", p.Item1, p.Item2));
        }
        return result.ToArray();
    }
}
