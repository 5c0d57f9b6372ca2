namespace Lodestar.Equity;

/// <summary>
/// Small-cell suppression for one table of strata and its total (CMS Cell Size Suppression Policy, ResDAC 2024:
/// no cell of 1–10 may be shown, nor any value from which such a cell can be derived; zero may be shown).
/// Primary: 1 ≤ count &lt; threshold. Complementary: the table is one equation, Σ strata + residual = total, so a
/// single withheld item could be recovered by subtraction; while exactly one item is withheld, the smallest shown
/// stratum (then the total) is withheld too. A residual (total minus the strata) is the part of the total not in
/// any stratum (e.g. "unknown"); it is never shown, and when it is itself 1..threshold−1 it counts as a withheld
/// sensitive item that must not be derivable either.
/// </summary>
public static class SmallCellSuppression
{
    /// <summary>CMS and most US agencies: counts of 1–10 are withheld, so the threshold (smallest shown count) is 11.</summary>
    public const int DefaultThreshold = 11;

    /// <summary>Is <paramref name="count"/> a primary-suppressed cell on its own?</summary>
    public static bool IsPrimary(long count, int threshold = DefaultThreshold, bool suppressZero = false) =>
        (count > 0 || (suppressZero && count == 0)) && count < threshold;

    /// <param name="strata">The counts of the strata, in display order (all ≥ 0).</param>
    /// <param name="total">The table's total; at least the sum of the strata.</param>
    /// <param name="threshold">The smallest count that may be shown (default 11).</param>
    /// <param name="suppressZero">Withhold zeros as well (CMS allows zeros to be shown, so the default is false).</param>
    public static SuppressionResult Apply(IReadOnlyList<long> strata, long total, int threshold = DefaultThreshold, bool suppressZero = false)
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (threshold < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be at least 1.");
        }
        long sum = 0;
        foreach (var c in strata)
        {
            if (c < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(strata), $"Counts must be >= 0 (got {c}).");
            }
            sum += c;
        }
        if (total < sum)
        {
            throw new ArgumentOutOfRangeException(nameof(total), $"The total {total} is smaller than the sum of the strata {sum}.");
        }

        var cells = new SuppressionReason[strata.Count];
        var withheld = 0;
        for (var i = 0; i < strata.Count; i++)
        {
            if (IsPrimary(strata[i], threshold, suppressZero))
            {
                cells[i] = SuppressionReason.Primary;
                withheld++;
            }
        }
        var totalReason = IsPrimary(total, threshold, suppressZero) ? SuppressionReason.Primary : SuppressionReason.None;
        if (totalReason != SuppressionReason.None)
        {
            withheld++;
        }
        var residual = total - sum;
        if (IsPrimary(residual, threshold))
        {
            withheld++; // unseen but sensitive: it must not be derivable either
        }

        // One equation: exactly one unknown can be solved for, two or more cannot.
        while (withheld == 1)
        {
            var pick = SmallestShown(strata, cells, positiveOnly: true);
            if (pick < 0)
            {
                pick = SmallestShown(strata, cells, positiveOnly: false);
            }
            if (pick >= 0)
            {
                cells[pick] = SuppressionReason.Complementary;
            }
            else if (totalReason == SuppressionReason.None)
            {
                totalReason = SuppressionReason.Complementary;
            }
            else
            {
                break; // nothing left to withhold: the single unknown is the residual with no shown cells around it
            }
            withheld++;
        }
        return new SuppressionResult(cells, totalReason);
    }

    private static int SmallestShown(IReadOnlyList<long> strata, SuppressionReason[] cells, bool positiveOnly)
    {
        var best = -1;
        for (var i = 0; i < strata.Count; i++)
        {
            if (cells[i] != SuppressionReason.None || (positiveOnly && strata[i] == 0))
            {
                continue;
            }
            if (best < 0 || strata[i] < strata[best])
            {
                best = i; // ties go to the first stratum, so the result is deterministic
            }
        }
        return best;
    }
}
