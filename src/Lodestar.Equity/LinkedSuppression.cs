namespace Lodestar.Equity;

/// <summary>
/// Complementary suppression for counts linked by several additive equations, e.g. a measure's
/// strata × populations: across strata each population sums to its group total, and within a stratum
/// IP = (IP − DEN) + DEN and DEN = DENEX + DENEXCEP + NUM + (not met).
/// Two passes, repeated until stable:
/// 1. in no equation may subtraction reveal a withheld count or a small sum of them: an equation with
///    exactly one withheld item, or whose withheld parts add up (derivably, since its total is shown) to
///    1..threshold−1, gets one more withheld item: the shown positive item (part or total) of lowest
///    priority, then smallest count, preferring one that also completes another such equation so that
///    suppressions pair up into rectangles instead of spreading. Zeros are never complements: withholding
///    a zero hides nothing a reader could not bound;
/// 2. no withheld item may be determined by the equations together (checked exactly by Gaussian
///    elimination over the withheld items): if one is, withhold the smallest shown positive item of an
///    equation it appears in.
/// With one equation this is <see cref="SmallCellSuppression.Apply"/>'s rule. Bounds from
/// non-negativity (interval disclosure) are not considered, as in the CMS policy's "derived" test.
/// </summary>
public static class LinkedSuppression
{
    /// <param name="counts">Every item's count; items are referred to by index.</param>
    /// <param name="equations">Each equation as (total item, part items): total = Σ parts.</param>
    /// <param name="threshold">The smallest count that may be shown (1..threshold−1 are primary-suppressed; zero may be shown).</param>
    /// <param name="priority">Per item, how readily it is withheld as a complement (lower first); default all equal.</param>
    /// <returns>Why each item is withheld (None = may be shown).</returns>
    public static SuppressionReason[] Apply(
        IReadOnlyList<long> counts,
        IReadOnlyList<(int Total, int[] Parts)> equations,
        int threshold = SmallCellSuppression.DefaultThreshold,
        IReadOnlyList<int>? priority = null)
    {
        priority ??= new int[counts?.Count ?? 0];
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(equations);
        var reasons = new SuppressionReason[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            if (SmallCellSuppression.IsPrimary(counts[i], threshold))
            {
                reasons[i] = SuppressionReason.Primary;
            }
        }
        while (true)
        {
            RemoveSingletons(counts, equations, reasons, threshold, priority);
            var exposed = FirstDetermined(equations, reasons);
            if (exposed < 0)
            {
                return reasons;
            }
            var before = reasons.Count(r => r != SuppressionReason.None);
            foreach (var (total, parts) in equations.Where(e => e.Total == exposed || e.Parts.Contains(exposed)))
            {
                if (WithholdOneMore(parts, total, counts, reasons, equations, threshold, priority))
                {
                    break;
                }
            }
            if (reasons.Count(r => r != SuppressionReason.None) == before)
            {
                return reasons; // every equation around it is fully withheld already; nothing more can be done
            }
        }
    }

    /// <summary>True when nothing withheld in <paramref name="reasons"/> can be solved for from the equations.</summary>
    public static bool IsSafe(IReadOnlyList<(int Total, int[] Parts)> equations, IReadOnlyList<SuppressionReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(equations);
        ArgumentNullException.ThrowIfNull(reasons);
        return FirstDetermined(equations, reasons) < 0;
    }

    private static void RemoveSingletons(IReadOnlyList<long> counts, IReadOnlyList<(int Total, int[] Parts)> equations,
        SuppressionReason[] reasons, int threshold, IReadOnlyList<int> priority)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (total, parts) in equations)
            {
                if (Exposed(total, parts, counts, reasons, threshold) && WithholdOneMore(parts, total, counts, reasons, equations, threshold, priority))
                {
                    changed = true;
                }
            }
        }
    }

    /// <summary>One withheld item, or (total shown) withheld parts whose derivable sum is a small count.</summary>
    private static bool Exposed(int total, int[] parts, IReadOnlyList<long> counts, SuppressionReason[] reasons, int threshold)
    {
        var withheld = reasons[total] != SuppressionReason.None ? 1 : 0;
        long hiddenSum = 0;
        foreach (var p in parts)
        {
            if (reasons[p] != SuppressionReason.None)
            {
                withheld++;
                hiddenSum += counts[p];
            }
        }
        return withheld == 1 || (reasons[total] == SuppressionReason.None && hiddenSum > 0 && hiddenSum < threshold);
    }

    private static bool WithholdOneMore(int[] parts, int total, IReadOnlyList<long> counts, SuppressionReason[] reasons,
        IReadOnlyList<(int Total, int[] Parts)> equations, int threshold, IReadOnlyList<int> priority)
    {
        var best = -1;
        var bestPairs = false;
        foreach (var i in parts.Append(total))
        {
            if (reasons[i] != SuppressionReason.None || counts[i] <= 0)
            {
                continue;
            }
            var pairs = equations.Any(e => (e.Total == i || e.Parts.Contains(i)) && !ReferenceEquals(e.Parts, parts)
                && Exposed(e.Total, e.Parts, counts, reasons, threshold));
            if (best < 0 || Better(i, pairs, best, bestPairs, counts, priority))
            {
                best = i;
                bestPairs = pairs;
            }
        }
        if (best < 0)
        {
            return false;
        }
        reasons[best] = SuppressionReason.Complementary;
        return true;
    }

    /// <summary>Lower priority first; then one that also fixes another exposed equation; then the smaller count.</summary>
    private static bool Better(int i, bool pairs, int best, bool bestPairs, IReadOnlyList<long> counts, IReadOnlyList<int> priority)
    {
        if (priority[i] != priority[best])
        {
            return priority[i] < priority[best];
        }
        if (pairs != bestPairs)
        {
            return pairs;
        }
        return counts[i] < counts[best];
    }

    /// <summary>
    /// A withheld item whose value the shown items and the equations fix, or −1. Writing each equation
    /// over the withheld items only (shown items are constants), item j is determined exactly when the
    /// unit vector e_j lies in the row space, i.e. j is a pivot whose reduced row has no other non-zero.
    /// </summary>
    private static int FirstDetermined(IReadOnlyList<(int Total, int[] Parts)> equations, IReadOnlyList<SuppressionReason> reasons)
    {
        var unknowns = new Dictionary<int, int>();
        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i] != SuppressionReason.None)
            {
                unknowns[i] = unknowns.Count;
            }
        }
        if (unknowns.Count == 0)
        {
            return -1;
        }
        var rows = new List<double[]>();
        foreach (var (total, parts) in equations)
        {
            var row = new double[unknowns.Count];
            var any = false;
            if (unknowns.TryGetValue(total, out var t)) { row[t] += 1; any = true; }
            foreach (var p in parts)
            {
                if (unknowns.TryGetValue(p, out var u)) { row[u] -= 1; any = true; }
            }
            if (any)
            {
                rows.Add(row);
            }
        }
        var pivots = Reduce(rows, unknowns.Count);
        var itemOf = unknowns.ToDictionary(kv => kv.Value, kv => kv.Key);
        foreach (var (rowIndex, column) in pivots)
        {
            var row = rows[rowIndex];
            var alone = true;
            for (var c = 0; c < row.Length && alone; c++)
            {
                alone = c == column || Math.Abs(row[c]) < 1e-9;
            }
            if (alone)
            {
                return itemOf[column];
            }
        }
        return -1;
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting; returns (row, pivot column) pairs of the reduced form.</summary>
    private static List<(int Row, int Column)> Reduce(List<double[]> rows, int columns)
    {
        var pivots = new List<(int, int)>();
        var r = 0;
        for (var c = 0; c < columns && r < rows.Count; c++)
        {
            var best = r;
            for (var i = r + 1; i < rows.Count; i++)
            {
                if (Math.Abs(rows[i][c]) > Math.Abs(rows[best][c]))
                {
                    best = i;
                }
            }
            if (Math.Abs(rows[best][c]) < 1e-9)
            {
                continue;
            }
            (rows[r], rows[best]) = (rows[best], rows[r]);
            var pivot = rows[r][c];
            for (var k = 0; k < columns; k++)
            {
                rows[r][k] /= pivot;
            }
            for (var i = 0; i < rows.Count; i++)
            {
                if (i == r || Math.Abs(rows[i][c]) < 1e-12)
                {
                    continue;
                }
                var factor = rows[i][c];
                for (var k = 0; k < columns; k++)
                {
                    rows[i][k] -= factor * rows[r][k];
                }
            }
            pivots.Add((r, c));
            r++;
        }
        return pivots;
    }
}
