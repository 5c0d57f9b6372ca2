namespace Lodestar.Equity.Tests;

/// <summary>Relative-tolerance assertions: reference implementations are matched to 1e-9 relative (issue 4).</summary>
internal static class Tolerance
{
    public const double Reference = 1e-9;

    public static void Relative(double expected, double actual, double relative = Reference)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= relative * scale,
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / scale:E2} > {relative:E0})");
    }
}
