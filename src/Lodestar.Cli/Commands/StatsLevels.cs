using System.Globalization;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Several confidence levels in one file, as Fingertips publishes 95% and 99.8% side by side (PHEindicatormethods
/// <c>confidence = c(0.95, 0.998)</c>). Each verb is run once per level; the interval columns (<c>lower</c>,
/// <c>upper</c>, <c>*_lower</c>, <c>*_upper</c>) and any column the verb names as level-dependent (a classification
/// read off the interval) are repeated per level with the level as suffix (<c>lower95,upper95,lower99_8,upper99_8</c>);
/// every other column must come out the same at each level and is written once. With one level the output is unchanged.
/// </summary>
internal static class StatsLevels
{
    public static StatsOutput Run(IReadOnlyList<double> levels, Func<double, StatsOutput> build, params string[] levelColumns) =>
        Run(levels, build, 0, levelColumns);

    /// <param name="inputColumns">Leading columns copied from the user's input: never level-dependent, whatever their names.</param>
    public static StatsOutput Run(IReadOnlyList<double> levels, Func<double, StatsOutput> build, int inputColumns, params string[] levelColumns)
    {
        if (levels.Count == 1)
        {
            return build(levels[0]);
        }
        var runs = levels.Select(build).ToArray();
        var header = runs[0].Header;
        var dependent = new bool[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            dependent[i] = i >= inputColumns && (IsInterval(header[i]) || levelColumns.Contains(header[i], StringComparer.Ordinal));
        }

        // Each maximal run of adjacent level-dependent columns becomes one block per level, so lower and upper stay paired.
        var blocks = new List<(int Start, int End)>();
        for (var i = 0; i < header.Count; i++)
        {
            if (dependent[i])
            {
                var start = i;
                while (i + 1 < header.Count && dependent[i + 1])
                {
                    i++;
                }
                blocks.Add((start, i));
            }
        }
        var newHeader = new List<string>();
        Layout(header.Count, blocks, levels.Count, (column, level) => newHeader.Add(level < 0 ? header[column] : header[column] + Suffix(levels[level])));
        var merged = new StatsOutput(newHeader);
        var confidence = Enumerable.Range(0, header.Count).FirstOrDefault(i => header[i] == "confidence", -1);
        var joined = string.Join(";", levels.Select(l => l.ToString("R", CultureInfo.InvariantCulture)));
        for (var r = 0; r < runs[0].Rows.Count; r++)
        {
            for (var k = 1; k < runs.Length; k++)
            {
                CheckSame(runs[0], runs[k], r, dependent, confidence);
            }
            var cells = new List<object?>(newHeader.Count);
            Layout(header.Count, blocks, levels.Count, (column, level) =>
                cells.Add(column == confidence ? joined : runs[Math.Max(level, 0)].Rows[r][column]));
            merged.Add([.. cells]);
        }
        return merged;
    }

    /// <summary>0.95 → "95", 0.998 → "99_8", 0.9 → "90": the percentage with '_' for the decimal point, as PHE's column names.</summary>
    public static string Suffix(double level) =>
        Math.Round(level * 100, 8).ToString("0.########", CultureInfo.InvariantCulture).Replace('.', '_');

    private static bool IsInterval(string name) =>
        name is "lower" or "upper" || name.EndsWith("_lower", StringComparison.Ordinal) || name.EndsWith("_upper", StringComparison.Ordinal);

    /// <summary>Walks the merged layout: (column, -1) for a column written once, (column, level) for a repeated one.</summary>
    private static void Layout(int columns, List<(int Start, int End)> blocks, int levels, Action<int, int> emit)
    {
        var b = 0;
        for (var i = 0; i < columns; i++)
        {
            if (b < blocks.Count && blocks[b].Start == i)
            {
                for (var level = 0; level < levels; level++)
                {
                    for (var c = blocks[b].Start; c <= blocks[b].End; c++)
                    {
                        emit(c, level);
                    }
                }
                i = blocks[b].End;
                b++;
                continue;
            }
            emit(i, -1);
        }
    }

    /// <summary>A column not declared level-dependent that differs between levels is a bug in the verb, not bad input.</summary>
    private static void CheckSame(StatsOutput first, StatsOutput other, int row, bool[] dependent, int confidence)
    {
        if (other.Rows.Count != first.Rows.Count)
        {
            throw new InvalidOperationException("Runs at different confidence levels gave different numbers of rows.");
        }
        for (var c = 0; c < dependent.Length; c++)
        {
            if (!dependent[c] && c != confidence && !Equals(first.Rows[row][c], other.Rows[row][c]))
            {
                throw new InvalidOperationException($"Column '{first.Header[c]}' depends on the confidence level but is not declared level-dependent.");
            }
        }
    }
}
