namespace Lodestar.Equity.Tests;

public sealed class DisparityIndicesTests
{
    private static readonly double[] ChessonPopulation = [200e6, 40e6, 55e6, 20e6, 3e6];

    // Chesson et al., Sex Transm Dis 2017;44:513 (PMC6727205), Tables 2 and 4: cases by race/ethnicity (White, Black,
    // Hispanic, A/PI, AI/AN) and the published Index of Disparity and Weighted Index of Disparity (1 decimal).
    [Theory]
    [InlineData(new long[] { 54000, 206080, 29100, 2900, 2485 }, 133.0, 114.8)]   // Table 2, scenario C (2007)
    [InlineData(new long[] { 46800, 170480, 26350, 2880, 3222 }, 134.1, 112.1)]   // Table 2, scenario D (2010)
    [InlineData(new long[] { 70800, 563240, 52360, 4480, 2820 }, 166.5, 137.2)]   // Table 4, scenario G (1992)
    [InlineData(new long[] { 56600, 482300, 49200, 4200, 2880 }, 163.8, 136.9)]   // Table 4, scenario H (1993)
    public void Index_of_disparity_matches_Chesson_2017(long[] cases, double idisp, double weighted)
    {
        var groups = cases.Select((c, i) => GroupStatistic.FromRate($"g{i}", c, ChessonPopulation[i])).ToArray();
        var result = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Assert.Equal(idisp, Math.Round(result["idisp"].Value!.Value, 1));
        Assert.Equal(weighted, Math.Round(result["idisp_weighted"].Value!.Value, 1));
    }

    // Chesson et al. 2017 (above) also publish the Gini coefficient of each scenario (3 decimals). With the groups ranked
    // by their rate, lowest first, the concentration curve is the Lorenz curve, so the grouped-data relative concentration
    // index Σ pⱼ(2Rⱼ − 1) rⱼ/μ is that Gini coefficient: a published check of the ridit and RCI arithmetic.
    [Theory]
    [InlineData(new long[] { 54000, 206080, 29100, 2900, 2485 }, 0.619)]   // Table 2, scenario C
    [InlineData(new long[] { 46800, 170480, 26350, 2880, 3222 }, 0.608)]   // Table 2, scenario D
    [InlineData(new long[] { 70800, 563240, 52360, 4480, 2820 }, 0.724)]   // Table 4, scenario G
    [InlineData(new long[] { 56600, 482300, 49200, 4200, 2880 }, 0.728)]   // Table 4, scenario H
    public void Concentration_index_ranked_by_rate_is_Chesson_2017_Gini(long[] cases, double gini)
    {
        var rates = cases.Select((c, i) => c / ChessonPopulation[i]).ToArray();
        var rank = rates.Select((r, i) => (r, i)).OrderBy(t => t.r).Select((t, k) => (t.i, k)).ToDictionary(t => t.i, t => t.k + 1.0);
        var groups = cases.Select((c, i) => GroupStatistic.FromRate($"g{i}", c, ChessonPopulation[i], order: rank[i])).ToArray();
        var result = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Assert.Equal(gini, Math.Round(result["rci"].Value!.Value, 3));
        Tolerance.Relative(result["rci"].Value!.Value * groups.Sum(g => g.Value * g.Population) / groups.Sum(g => g.Population), result["aci"].Value!.Value, 1e-12);
    }

    // WHO healthequal (WHOequity/healthequal) tests/testthat/test-aci.R and test-rci.R: est 20…60 in subgroup order 1…5,
    // pop = round(rnorm(5, 100, 40)) after set.seed(123) = 78, 91, 162, 103, 105. Expected ACI 7.3284202 and RCI
    // .17776859; healthequal asserts them to 1e-6 and 1e-3, and its printed RCI differs from the exact value in the
    // 8th digit, so 1e-6 relative here.
    [Fact]
    public void Concentration_indices_match_WHO_healthequal()
    {
        double[] pop = [78, 91, 162, 103, 105];
        double[] est = [20, 30, 40, 50, 60];
        var groups = Enumerable.Range(0, 5).Select(i => new GroupStatistic($"q{i + 1}", est[i], 1, pop[i], i + 1)).ToArray();
        var result = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Tolerance.Relative(7.3284202, result["aci"].Value!.Value, 1e-6);
        Tolerance.Relative(0.17776859, result["rci"].Value!.Value, 1e-6);
    }

    // Inequality.jl (JosepER/Inequality.jl) docstring examples, run as jldoctests: theil and mld of
    // v = [8, 5, 1, 3, 5, 6, 7, 6, 3], unweighted and with weights 0.1:0.1:0.9. Groups with those populations and values
    // are the same weighted GE(1) and GE(0) measures; printed to 17 significant digits, so 1e-12 relative.
    [Theory]
    [InlineData(false, 0.10494562214323544, 0.1397460530936332)]
    [InlineData(true, 0.08120013911680612, 0.10375545537468206)]
    public void Theil_and_mld_match_Inequality_jl(bool weighted, double theil, double mld)
    {
        double[] v = [8, 5, 1, 3, 5, 6, 7, 6, 3];
        var groups = v.Select((x, i) => new GroupStatistic($"g{i}", x, 0.5, weighted ? 0.1 * (i + 1) : 1)).ToArray();
        var result = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Tolerance.Relative(theil, result["theil"].Value!.Value, 1e-12);
        Tolerance.Relative(mld, result["mld"].Value!.Value, 1e-12);
    }

    // PHEindicatormethods v2.1.0 tests/testthat/testdata_SII.xlsx, "default (e.g. life expectancy)", area1 (deciles).
    private static readonly double[] LePopulation = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534];
    private static readonly double[] LeValue = [75.933459010308098, 78.344238272784295, 83.836063104165405, 83.637539966493094, 80.465503152955904, 81.115675985702197, 81.693083571856207, 84.190006206098701, 80.595564108147201, 86.289434957862397];
    private static readonly double[] LeSe = [1.6384724263585451, 1.578192884542907, 1.5134355059640296, 1.7754906175801293, 1.7013390591981388, 1.5641210737675499, 1.3681148366878566, 1.4001418005940802, 2.4328463975781616, 1.5665181695934678];

    private static GroupStatistic[] Deciles(double[] population, double[] value, double[] se) =>
        Enumerable.Range(0, population.Length).Select(i => new GroupStatistic($"q{i + 1}", value[i], se[i], population[i], i + 1)).ToArray();

    [Fact]
    public void Sii_and_rii_match_PHEindicatormethods()
    {
        var result = DisparityIndices.Compute(Deciles(LePopulation, LeValue, LeSe)).ToDictionary(x => x.Name);
        Tolerance.Relative(6.9346164736688189, result["sii"].Value!.Value);
        Tolerance.Relative(1.0888180804446217, result["rii_phe"].Value!.Value);
        Tolerance.Relative(1 / 1.0888180804446217, result["kmi"].Value!.Value);
    }

    // PHE's limits are simulated (100,000 repetitions); the issue allows 2% for simulation-based intervals.
    [Theory]
    [InlineData(SiiInterval.Analytic, 0.95, 3.1275946176508169, 10.7586873680794, 1.0383690591642838, 1.1412993360251238)]
    [InlineData(SiiInterval.Simulation, 0.95, 3.1275946176508169, 10.7586873680794, 1.0383690591642838, 1.1412993360251238)]
    [InlineData(SiiInterval.Simulation, 0.99, 1.9243274437391116, 11.99208403800279, 1.0234148326541768, 1.1587677685047233)] // 99%: deeper tail, noisier
    public void Sii_interval_is_within_two_percent_of_PHEindicatormethods(SiiInterval method, double confidence, double siiLo, double siiHi, double riiLo, double riiHi)
    {
        var options = new DisparityOptions { SiiInterval = method, Confidence = confidence };
        var result = DisparityIndices.Compute(Deciles(LePopulation, LeValue, LeSe), options).ToDictionary(x => x.Name);
        Tolerance.Relative(siiLo, result["sii"].Lower!.Value, 0.02);
        Tolerance.Relative(siiHi, result["sii"].Upper!.Value, 0.02);
        Tolerance.Relative(riiLo, result["rii_phe"].Lower!.Value, 0.02);
        Tolerance.Relative(riiHi, result["rii_phe"].Upper!.Value, 0.02);
    }

    [Fact]
    public void Sii_simulation_on_the_log_scale_matches_PHE_rates()
    {
        // testdata_SII "rate (e.g. infant mortality) - default parameters", area1: value_type 1, SE on the log scale.
        double[] pop = [279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836, 138165];
        double[] value = [5.8922196894757208, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.9425683464586041, 2.8287995039913199, 2.7648101907140012];
        double[] se = [2.458749781093432E-2, 2.8651772387909245E-2, 3.313428067829554E-2, 3.4656742217817678E-2, 3.7477373945545213E-2, 4.1552591866051265E-2, 4.3478344743185383E-2, 4.5324801522114426E-2, 4.7695676062254659E-2, 5.1071054013305549E-2];
        var options = new DisparityOptions { SiiInterval = SiiInterval.Simulation, SiiValueType = SiiValueType.Rate };
        var natural = se.Select((x, i) => x * value[i]).ToArray(); // GroupStatistic SEs are on the natural scale: s = r·SE(ln r)
        var result = DisparityIndices.Compute(Deciles(pop, value, natural), options).ToDictionary(x => x.Name);
        Tolerance.Relative(-3.2752012326471758, result["sii"].Value!.Value);
        Tolerance.Relative(0.40600068953980034, result["rii_phe"].Value!.Value);
        Tolerance.Relative(-3.5868233016744155, result["sii"].Lower!.Value, 0.02);
        Tolerance.Relative(-2.9653170017272723, result["sii"].Upper!.Value, 0.02);
        Tolerance.Relative(0.36888170199068804, result["rii_phe"].Lower!.Value, 0.02);
        Tolerance.Relative(0.44624776652446996, result["rii_phe"].Upper!.Value, 0.02);
    }

    [Fact]
    public void Sii_simulation_on_the_logit_scale_matches_PHE_proportions()
    {
        // testdata_SII "proportion (e.g. child obesity) - default parameters", area1: value_type 2, SE on the logit scale.
        double[] pop = [34353, 32112, 27715, 25372, 23889, 23260, 23180, 24193, 23609, 24488];
        double[] value = [0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.17480848926284101, 0.16663800515907098, 0.15603968938740301, 0.14657132228330499, 0.140370197805921, 0.12087553087226401];
        double[] se = [1.3197018471840493E-2, 1.3599402535469379E-2, 1.4903436058054755E-2, 1.5942525582502205E-2, 1.7033905269793169E-2, 1.7593885815626962E-2, 1.8098141690297317E-2, 1.8176743057472546E-2, 1.873422095544007E-2, 1.9601724030759937E-2];
        var options = new DisparityOptions { SiiInterval = SiiInterval.Simulation, SiiValueType = SiiValueType.Proportion };
        var natural = se.Select((x, i) => x * value[i] * (1 - value[i])).ToArray(); // s = p(1 − p)·SE(logit p)
        var result = DisparityIndices.Compute(Deciles(pop, value, natural), options).ToDictionary(x => x.Name);
        Tolerance.Relative(-0.10720032333730493, result["sii"].Value!.Value);
        Tolerance.Relative(0.53340153064655071, result["rii_phe"].Value!.Value);
        Tolerance.Relative(-0.11220857220984691, result["sii"].Lower!.Value, 0.02);
        Tolerance.Relative(-0.1021798062145461, result["sii"].Upper!.Value, 0.02);
        Tolerance.Relative(0.51712731963580183, result["rii_phe"].Lower!.Value, 0.02);
        Tolerance.Relative(0.55015384129130041, result["rii_phe"].Upper!.Value, 0.02);
    }

    // testdata_SII "... - log transform with intercept" and "... - logit transform with intercept", area1: with
    // transform = TRUE phe_sii needs confidence limits and derives the SE on the transformed scale as
    // (g(U) − g(L))/(2·1.959964). Point estimates are deterministic (1e-9); limits are simulated (2%).
    [Theory]
    [InlineData(SiiValueType.Rate, -3.1559071389545599, 0.44188484360768232, -3.4809615490242884, -2.8332373447636319, 0.40827440803607229, 0.47856632650069308)]
    [InlineData(SiiValueType.Proportion, -0.1096462611125906, 0.53417757432539459, -0.11490838449464633, -0.10443087776045443, 0.51853338500746282, 0.5501741213468927)]
    public void Transformed_sii_matches_PHEindicatormethods(SiiValueType type, double sii, double rii, double siiLo, double siiHi, double riiLo, double riiHi)
    {
        var (pop, value, lower, upper) = type == SiiValueType.Rate
            ? (new double[] { 279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836, 138165 },
               new[] { 5.8922196894757208, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.9425683464586041, 2.8287995039913199, 2.7648101907140012 },
               new[] { 5.6149596624107483, 4.4759207707810038, 3.5869260554450242, 3.6140791140579505, 3.4166969870147965, 2.8977176350029272, 2.8704938092859789, 2.6924041297904315, 2.5763057378752698, 2.5014206190884578 },
               new[] { 6.1830853575761537, 5.0079519402470885, 4.0844291026854505, 4.1399822998098585, 3.9573934822289045, 3.4103317188858107, 3.4038909874130083, 3.2159015715579464, 3.1059621495836955, 3.0558486661833499 })
            : (new double[] { 34353, 32112, 27715, 25372, 23889, 23260, 23180, 24193, 23609, 24488 },
               new[] { 0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.17480848926284101, 0.16663800515907098, 0.15603968938740301, 0.14657132228330499, 0.140370197805921, 0.12087553087226401 },
               new[] { 0.20783049922555499, 0.209827711465288, 0.19937351725899902, 0.187066648694241, 0.17004464070303801, 0.16190410576997, 0.15142507546851799, 0.142170753783533, 0.13599767093637602, 0.11685200990738201 },
               new[] { 0.21647630081289901, 0.218803170788612, 0.208862933590925, 0.19675673996564999, 0.17967690552753499, 0.17148199783416998, 0.16076828867592699, 0.15108411052992399, 0.144859737537153, 0.12501798050476101 });
        Func<double, double> g = type == SiiValueType.Rate ? Math.Log : v => Math.Log(v / (1 - v));
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);
        var se = lower.Select((l, i) => (g(upper[i]) - g(l)) / (2 * z)).ToArray();
        // GroupStatistic SEs are on the natural scale; the library carries them back by the same delta method.
        var natural = se.Select((x, i) => type == SiiValueType.Rate ? x * value[i] : x * value[i] * (1 - value[i])).ToArray();
        foreach (var method in new[] { SiiInterval.Simulation, SiiInterval.Analytic })
        {
            var options = new DisparityOptions { SiiInterval = method, SiiValueType = type, SiiTransform = true };
            var result = DisparityIndices.Compute(Deciles(pop, value, natural), options).ToDictionary(x => x.Name);
            Tolerance.Relative(sii, result["sii"].Value!.Value);
            Tolerance.Relative(rii, result["rii_phe"].Value!.Value);
            Tolerance.Relative(siiLo, result["sii"].Lower!.Value, 0.02);
            Tolerance.Relative(siiHi, result["sii"].Upper!.Value, 0.02);
            Tolerance.Relative(riiLo, result["rii_phe"].Lower!.Value, 0.02);
            Tolerance.Relative(riiHi, result["rii_phe"].Upper!.Value, 0.02);
        }
    }

    [Fact]
    public void Simulation_is_reproducible_for_a_seed()
    {
        var options = new DisparityOptions { SiiInterval = SiiInterval.Simulation, Repetitions = 2000, Seed = 7 };
        var a = DisparityIndices.Compute(Deciles(LePopulation, LeValue, LeSe), options).Single(x => x.Name == "sii");
        var b = DisparityIndices.Compute(Deciles(LePopulation, LeValue, LeSe), options).Single(x => x.Name == "sii");
        Assert.Equal(a, b);
    }

    [Fact]
    public void All_indices_are_zero_when_all_groups_are_equal()
    {
        var groups = Enumerable.Range(1, 5).Select(i => GroupStatistic.FromRate($"q{i}", 20 * i, 1000.0 * i, 1000, i)).ToArray();
        foreach (var index in DisparityIndices.Compute(groups))
        {
            if (index.Name is "rii_phe" or "kmi" or "range_ratio")
            {
                Tolerance.Relative(1, index.Value!.Value, 1e-12); // ratios are 1, not 0
            }
            else
            {
                Assert.True(Math.Abs(index.Value!.Value) < 1e-12, $"{index.Name} = {index.Value}");
            }
        }
    }

    // WHO healthequal (WHOequity/healthequal) tests/testthat/test-bgv.R: 25 non-ordered subgroups drawn in R with
    // set.seed(123); pop = round(rnorm(25, 1000, 300)), est = rbinom(25, 1000, .065), se = rbinom(25, 100, .045) (the
    // draws below, printed by R 4.2.2). healthequal asserts BGV 46.198326 and SE 17.134647 to 1e-6; its bgv(), sourced
    // and run on these data, prints 46.198325539736977 and SE 17.134649191765494, limits ± qnorm(.975)·SE. HEAT
    // (WHOequity/HEAT-Measures calc_bgv) computes BGV and its SE by the same formulas, so this pins both.
    private static readonly double[] BgvPopulation = [832, 931, 1468, 1021, 1039, 1515, 1138, 620, 794, 866, 1367, 1108, 1120, 1033, 833, 1536, 1149, 410, 1210, 858, 680, 935, 692, 781, 812];
    private static readonly double[] BgvEstimate = [61, 74, 58, 59, 72, 75, 74, 68, 75, 67, 73, 63, 66, 62, 60, 66, 71, 73, 71, 61, 74, 84, 55, 69, 60];
    private static readonly double[] BgvSe = [5, 3, 3, 3, 4, 9, 2, 2, 2, 5, 5, 7, 5, 6, 4, 5, 6, 6, 9, 4, 3, 4, 1, 3, 7];

    [Fact]
    public void Between_group_variance_and_its_interval_match_WHO_healthequal()
    {
        var groups = BgvEstimate.Select((e, i) => new GroupStatistic($"g{i + 1}", e, BgvSe[i], BgvPopulation[i])).ToArray();
        var bgv = DisparityIndices.Compute(groups).Single(x => x.Name == "bgv");
        Tolerance.Relative(46.198326, bgv.Value!.Value, 1e-6);            // healthequal's asserted values
        Tolerance.Relative(17.134647, bgv.StandardError!.Value, 1e-6);
        Tolerance.Relative(46.198325539736977, bgv.Value!.Value, 1e-12);  // healthequal::bgv output
        Tolerance.Relative(17.134649191765494, bgv.StandardError!.Value, 1e-12);
        Tolerance.Relative(12.615030236148272, bgv.Lower!.Value, 1e-12);
        Tolerance.Relative(79.781620843325683, bgv.Upper!.Value, 1e-12);
    }

    // The same 25 subgroups through healthequal's idisu(), idisw(), ti() and mld() (R 4.2.2): IDisp 8.7018176674868659
    // and weighted 8.6178416594172962 (reference = the weighted mean, J groups: our default); Theil 5.0359803033459176
    // and MLD 5.0523552071955686, both ×1000 in healthequal, with delta-method SEs 0.0014200994357672369 and
    // 0.0014242030272072575 on the unscaled metric (Ahn et al. 2018): the only external check of those SEs.
    [Fact]
    public void Index_of_disparity_theil_and_mld_with_their_SEs_match_WHO_healthequal()
    {
        var groups = BgvEstimate.Select((e, i) => new GroupStatistic($"g{i + 1}", e, BgvSe[i], BgvPopulation[i])).ToArray();
        var r = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Tolerance.Relative(8.7018176674868659, r["idisp"].Value!.Value, 1e-12);
        Tolerance.Relative(8.6178416594172962, r["idisp_weighted"].Value!.Value, 1e-12);
        Tolerance.Relative(5.0359803033459176 / 1000, r["theil"].Value!.Value, 1e-12);
        Tolerance.Relative(0.0014200994357672369, r["theil"].StandardError!.Value, 1e-12);
        Tolerance.Relative(5.0523552071955686 / 1000, r["mld"].Value!.Value, 1e-12);
        Tolerance.Relative(0.0014242030272072575, r["mld"].StandardError!.Value, 1e-12);
    }

    // healthequal tests/testthat/test-par-nonordered.R and test-paf-nonordered.R use the same 25 subgroups (asserted
    // PAR 16.293152, PAF 24.06426, favourable indicator). healthequal's parisk()/paf() output, R 4.2.2: favourable
    // 16.293155002424442 and 24.064265589406602 (reference = highest), adverse −12.706844997575558 and
    // −18.767445149793296 (reference = lowest). WHO's sign is r_ref − μ; HD*Calc's, ours, is μ − r_best: the negation.
    [Theory]
    [InlineData(Direction.HigherIsBetter, 16.293155002424442, 24.064265589406602)]
    [InlineData(Direction.HigherIsWorse, -12.706844997575558, -18.767445149793296)]
    public void Population_attributable_risk_is_WHO_healthequal_with_the_HD_Calc_sign(Direction direction, double whoPar, double whoPaf)
    {
        var groups = BgvEstimate.Select((e, i) => new GroupStatistic($"g{i + 1}", e, BgvSe[i], BgvPopulation[i])).ToArray();
        var r = DisparityIndices.Compute(groups, new DisparityOptions { Direction = direction }).ToDictionary(x => x.Name);
        Tolerance.Relative(-whoPar, r["par"].Value!.Value, 1e-12);
        Tolerance.Relative(-whoPaf, r["par_percent"].Value!.Value, 1e-12);
        if (direction == Direction.HigherIsBetter)
        {
            Tolerance.Relative(16.293152, -r["par"].Value!.Value, 1e-6); // healthequal's asserted values
            Tolerance.Relative(24.06426, -r["par_percent"].Value!.Value, 1e-6);
        }
    }

    [Fact]
    public void Between_group_variance_theil_and_mld_match_their_definitions_on_two_groups()
    {
        // Two equal-sized groups with rates 10 and 30: μ = 20, BGV = ½·100 + ½·100 = 100,
        // Theil = ½(0.5 ln 0.5) + ½(1.5 ln 1.5), MLD = ½ ln 2 + ½ ln(2/3) (Harper & Lynch 2005 definitions).
        var groups = new[] { new GroupStatistic("a", 10, 1, 500), new GroupStatistic("b", 30, 2, 500) };
        var r = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Tolerance.Relative(100, r["bgv"].Value!.Value, 1e-12);
        Tolerance.Relative(0.5 * 0.5 * Math.Log(0.5) + 0.5 * 1.5 * Math.Log(1.5), r["theil"].Value!.Value, 1e-12);
        Tolerance.Relative(0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3), r["mld"].Value!.Value, 1e-12);
        Tolerance.Relative(0.5 * 100 * 10 / 20 + 0.5 * 100 * 10 / 20, r["idisp_weighted"].Value!.Value, 1e-12);
        // BGV variance (Ahn et al. 2018): 4 rᵀAΣAr + 2 tr((AΣ)²) with p = (½, ½), s = (1, 2).
        var quad = 1 * Math.Pow(0.5 * -10, 2) + 4 * Math.Pow(0.5 * 10, 2);
        var a11 = 0.25; // ½ − ¼, and off-diagonals −¼
        var trace = a11 * a11 * 1 * 1 + 2 * a11 * a11 * 1 * 4 + a11 * a11 * 4 * 4;
        Tolerance.Relative(Math.Sqrt(4 * quad + 2 * trace), r["bgv"].StandardError!.Value, 1e-12);
    }

    [Fact]
    public void Mld_is_not_estimable_with_a_zero_rate_and_theil_loses_only_its_interval()
    {
        var groups = new[] { GroupStatistic.FromRate("a", 0, 1000), GroupStatistic.FromRate("b", 10, 1000) };
        var r = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        Assert.Null(r["mld"].Value);
        Assert.NotNull(r["theil"].Value);
        Assert.Null(r["theil"].Lower);
        Assert.Null(r["range_ratio"].Value);
    }

    [Fact]
    public void Negative_values_leave_log_based_indices_not_estimable()
    {
        // Ready-made values (e.g. a change score) can be negative: no Theil, MLD or log-scale simulation then.
        var groups = new[] { new GroupStatistic("a", -2, 1, 100, 1), new GroupStatistic("b", 5, 1, 100, 2), new GroupStatistic("c", 9, 1, 100, 3) };
        var r = DisparityIndices.Compute(groups, new DisparityOptions { SiiInterval = SiiInterval.Simulation, SiiValueType = SiiValueType.Rate, Repetitions = 1000 })
            .ToDictionary(x => x.Name);
        Assert.Null(r["theil"].Value);
        Assert.Null(r["mld"].Value);
        Assert.NotNull(r["sii"].Value);
        Assert.Null(r["sii"].Lower);
        Assert.Contains("no interval", r["sii"].Note, StringComparison.Ordinal);
        Assert.NotNull(r["bgv"].Value);
    }

    [Fact]
    public void Tied_ranks_share_one_ridit()
    {
        var groups = new[]
        {
            new GroupStatistic("a", 1, 0, 100, 1),
            new GroupStatistic("b", 1, 0, 100, 2), // tied with c
            new GroupStatistic("c", 1, 0, 200, 2),
        };
        var p = new[] { 0.25, 0.25, 0.5 };
        var ridit = DisparityIndices.Ridits(groups, p);
        Assert.Equal([0.125, 0.625, 0.625], ridit);
    }

    [Fact]
    public void Groups_all_on_one_rank_leave_every_slope_index_empty_with_the_reason()
    {
        var groups = new[] { GroupStatistic.FromRate("a", 5, 100, order: 1), GroupStatistic.FromRate("b", 6, 100, order: 1), GroupStatistic.FromRate("c", 7, 100, order: 1) };
        var r = DisparityIndices.Compute(groups).ToDictionary(x => x.Name);
        foreach (var name in new[] { "sii", "rii_phe", "kmi", "rii_hdcalc" })
        {
            Assert.Null(r[name].Value);
            Assert.Contains("share one rank", r[name].Note, StringComparison.Ordinal);
        }
        Assert.Equal(0, r["rci"].Value!.Value, 12); // every ridit is ½: no concentration
    }

    [Fact]
    public void A_single_group_gives_zero_indices_and_no_divisor_for_J_minus_1()
    {
        var one = new[] { GroupStatistic.FromRate("only", 5, 1000) };
        var r = DisparityIndices.Compute(one, new DisparityOptions { IdispDivideByGroupsCompared = true }).ToDictionary(x => x.Name);
        Assert.Null(r["idisp"].Value);
        Assert.Equal(0, r["bgv"].Value);
        Assert.Equal(0, r["theil"].Value);
    }

    [Fact]
    public void Idisp_reference_and_divisor_are_options()
    {
        // Chesson 2017 Table 4 scenario G with the most favourable group (A/PI) as reference and J − 1.
        long[] cases = [70800, 563240, 52360, 4480, 2820];
        var groups = cases.Select((c, i) => GroupStatistic.FromRate($"g{i}", c, ChessonPopulation[i])).ToArray();
        var r = DisparityIndices.Compute(groups, new DisparityOptions { IdispReference = IdispReference.MostFavourable, IdispDivideByGroupsCompared = true })
            .Single(x => x.Name == "idisp");
        var rates = groups.Select(g => g.Value).ToArray();
        Tolerance.Relative(100 * rates.Sum(x => Math.Abs(x - 22.4)) / 4 / 22.4, r.Value!.Value, 1e-12);
        Assert.Contains("(J−1)", r.Definition, StringComparison.Ordinal);
    }
}
