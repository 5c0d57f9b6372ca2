using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Lodestar.Equity;

/// <summary>
/// Gamma and beta quantiles to near machine precision. MathNet's inverse routines are used as the
/// starting point and polished with Newton steps on the regularised incomplete functions, because the
/// exact Poisson (Garwood) and Clopper–Pearson limits must agree with R's qgamma/qbeta to 1e-9 relative.
/// </summary>
internal static class Quantiles
{
    /// <summary>The p-quantile of a Gamma(shape, scale 1) distribution (R's qgamma(p, shape)).</summary>
    public static double Gamma(double shape, double p)
    {
        if (p <= 0)
        {
            return 0;
        }
        var q = MathNet.Numerics.Distributions.Gamma.InvCDF(shape, 1, p);
        var logNorm = SpecialFunctions.GammaLn(shape);
        for (var i = 0; i < 8 && q > 0 && double.IsFinite(q); i++)
        {
            // Work in the tail that holds p so the difference keeps its digits.
            var f = p < 0.5
                ? SpecialFunctions.GammaLowerRegularized(shape, q) - p
                : (1 - p) - SpecialFunctions.GammaUpperRegularized(shape, q);
            var density = Math.Exp((shape - 1) * Math.Log(q) - q - logNorm);
            if (!(density > 0))
            {
                break;
            }
            var step = f / density;
            var next = q - step;
            if (next <= 0)
            {
                next = q / 2;
            }
            if (Math.Abs(next - q) <= 1e-15 * q)
            {
                q = next;
                break;
            }
            q = next;
        }
        return q;
    }

    /// <summary>The p-quantile of a Beta(a, b) distribution (R's qbeta(p, a, b)).</summary>
    public static double Beta(double a, double b, double p)
    {
        if (p <= 0)
        {
            return 0;
        }
        if (p >= 1)
        {
            return 1;
        }
        var x = MathNet.Numerics.Distributions.Beta.InvCDF(a, b, p);
        var logNorm = SpecialFunctions.BetaLn(a, b);
        for (var i = 0; i < 8 && x > 0 && x < 1; i++)
        {
            var f = SpecialFunctions.BetaRegularized(a, b, x) - p;
            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logNorm);
            if (!(density > 0))
            {
                break;
            }
            var next = x - f / density;
            if (next <= 0 || next >= 1)
            {
                break;
            }
            if (Math.Abs(next - x) <= 1e-15 * x)
            {
                x = next;
                break;
            }
            x = next;
        }
        return x;
    }

    /// <summary>The upper-tail Student t quantile t(1 − α/2; df) for a two-sided interval.</summary>
    public static double StudentT(double confidence, double degreesOfFreedom) =>
        StudentT_InvCdf(1 - (1 - confidence) / 2, degreesOfFreedom);

    private static double StudentT_InvCdf(double p, double df) => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, p);

    /// <summary>Two-sided p-value of a standard-normal statistic.</summary>
    public static double TwoSidedNormalP(double z) => 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>Two-sided p-value of a t statistic.</summary>
    public static double TwoSidedTP(double t, double df) => 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, -Math.Abs(t));
}
