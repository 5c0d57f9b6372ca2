namespace Lodestar.Equity.Tests;

public sealed class LinkedSuppressionTests
{
    /// <summary>A strata × columns table with row totals and column totals, as item indices and equations.</summary>
    private static (long[] Counts, List<(int, int[])> Equations) Table(long[,] cells)
    {
        int rows = cells.GetLength(0), cols = cells.GetLength(1);
        // Items: cells (r*cols + c), row totals, column totals, grand total.
        var counts = new long[rows * cols + rows + cols + 1];
        int Cell(int r, int c) => r * cols + c;
        int RowTotal(int r) => rows * cols + r;
        int ColTotal(int c) => rows * cols + rows + c;
        var grand = counts.Length - 1;
        var equations = new List<(int, int[])>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                counts[Cell(r, c)] = cells[r, c];
                counts[RowTotal(r)] += cells[r, c];
                counts[ColTotal(c)] += cells[r, c];
                counts[grand] += cells[r, c];
            }
            equations.Add((RowTotal(r), Enumerable.Range(0, cols).Select(c => Cell(r, c)).ToArray()));
        }
        for (var c = 0; c < cols; c++)
        {
            equations.Add((ColTotal(c), Enumerable.Range(0, rows).Select(r => Cell(r, c)).ToArray()));
        }
        equations.Add((grand, Enumerable.Range(0, rows).Select(RowTotal).ToArray()));
        equations.Add((grand, Enumerable.Range(0, cols).Select(ColTotal).ToArray()));
        return (counts, equations);
    }

    [Fact]
    public void A_single_small_cell_in_a_two_way_table_takes_a_rectangle_with_it()
    {
        // The 4 must go; its row and its column each need a second withheld cell, and those
        // need a partner in their own column/row: the classic 2×2 rectangle (Cox 1980, Linear sensitivity measures).
        var (counts, equations) = Table(new long[,] { { 4, 30, 50 }, { 20, 40, 60 }, { 25, 35, 70 } });
        var reasons = LinkedSuppression.Apply(counts, equations);
        Assert.Equal(SuppressionReason.Primary, reasons[0]);
        Assert.Equal(4, reasons.Take(9).Count(r => r != SuppressionReason.None));
        Assert.True(LinkedSuppression.IsSafe(equations, reasons));
    }

    [Fact]
    public void A_zero_is_never_the_complement_and_priority_decides_before_size()
    {
        // total 40 = a 3 + b 0 + c 12 + d 25. The 3 needs a partner: the zero would leave "a + b = 3" derivable,
        // so not b; of c and d, d has the lower priority number and goes although it is larger.
        long[] counts = [40, 3, 0, 12, 25];
        var reasons = LinkedSuppression.Apply(counts, [(0, [1, 2, 3, 4])], priority: [9, 9, 9, 9, 1]);
        Assert.Equal([SuppressionReason.None, SuppressionReason.Primary, SuppressionReason.None, SuppressionReason.None, SuppressionReason.Complementary], reasons);
    }

    [Fact]
    public void A_small_derivable_sum_of_withheld_cells_takes_one_more()
    {
        // 2 and 4 are both primary, but with the total shown their sum 6 is derivable: a third cell goes.
        long[] counts = [66, 2, 4, 20, 40];
        var reasons = LinkedSuppression.Apply(counts, [(0, [1, 2, 3, 4])]);
        Assert.Equal(SuppressionReason.Complementary, reasons[3]);
    }

    [Fact]
    public void A_table_with_nothing_small_withholds_nothing()
    {
        var (counts, equations) = Table(new long[,] { { 40, 30 }, { 20, 45 } });
        Assert.All(LinkedSuppression.Apply(counts, equations), r => Assert.Equal(SuppressionReason.None, r));
    }

    [Fact]
    public void Zero_may_be_shown()
    {
        var (counts, equations) = Table(new long[,] { { 0, 30 }, { 20, 45 } });
        Assert.All(LinkedSuppression.Apply(counts, equations), r => Assert.Equal(SuppressionReason.None, r));
    }

    [Fact]
    public void Random_tables_never_leave_a_withheld_value_recoverable()
    {
        var random = new Random(20261121);
        for (var trial = 0; trial < 300; trial++)
        {
            var rows = random.Next(1, 7);
            var cols = random.Next(1, 6);
            var cells = new long[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cells[r, c] = random.Next(4) == 0 ? random.Next(0, 11) : random.Next(0, 200);
                }
            }
            var (counts, equations) = Table(cells);
            var reasons = LinkedSuppression.Apply(counts, equations);
            Assert.True(LinkedSuppression.IsSafe(equations, reasons), $"trial {trial}: a withheld value is determined");
            foreach (var (total, parts) in equations.Where(e => reasons[e.Item1] == SuppressionReason.None))
            {
                // With the total shown, the withheld parts' sum is derivable: it must not be a small count either.
                var hidden = parts.Where(p => reasons[p] != SuppressionReason.None).Sum(p => counts[p]);
                Assert.False(hidden is > 0 and < 11, $"trial {trial}: withheld parts sum to {hidden}");
            }
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] is > 0 and < 11)
                {
                    Assert.NotEqual(SuppressionReason.None, reasons[i]);
                }
            }
        }
    }
}
