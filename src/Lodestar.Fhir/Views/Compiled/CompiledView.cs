using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// A view whose rows are one per resource (selects with columns only: no forEach, forEachOrNull, repeat, unionAll,
/// nested selects or view-level where), with its columns compiled to <see cref="Step"/>s where they can be. Columns
/// that cannot be compiled are evaluated by the general evaluator on the same resource. Lodestar's own views are
/// this shape except the patient view, whose address is a forEachOrNull.
/// </summary>
internal sealed class CompiledView
{
    private CompiledView(ViewDefinition view, CompiledColumn[] columns, Step?[] steps, byte[][] slotNames, int caches)
    {
        View = view;
        Columns = columns;
        Steps = steps;
        SlotNames = slotNames;
        Caches = caches;
    }

    /// <summary>How many shared paths a runner caches per resource.</summary>
    public int Caches { get; }

    public ViewDefinition View { get; }

    /// <summary>Every column in row order, with its (memoized) general expression.</summary>
    public CompiledColumn[] Columns { get; }

    /// <summary>Each column's compiled form, or null when the general evaluator computes it.</summary>
    public Step?[] Steps { get; }

    /// <summary>The resource's top-level members the compiled columns read, by slot.</summary>
    public byte[][] SlotNames { get; }

    /// <summary>The number of columns compiled (the rest use the general evaluator).</summary>
    public int CompiledCount => Steps.Count(s => s is not null);

    /// <summary>Compiles the view, or gives null when its shape is not one row per resource or no column compiles.</summary>
    public static CompiledView? TryCompile(ViewDefinition view)
    {
        var top = view.Root;
        if (view.Filters.Length > 0 || top.ForEach is not null || top.Repeat is not null || top.UnionAll.Length > 0 || top.Columns.Length > 0)
        {
            return null;
        }
        var columns = new List<CompiledColumn>();
        foreach (var select in top.Selects)
        {
            if (select.ForEach is not null || select.Repeat is not null || select.Selects.Length > 0 || select.UnionAll.Length > 0)
            {
                return null;
            }
            columns.AddRange(select.Columns);
        }
        if (columns.Count != view.Columns.Count || columns.Select((c, i) => c.Column.Index != i).Any(wrong => wrong))
        {
            return null;
        }
        var compiler = new StepCompiler();
        var steps = columns.Select(c => compiler.CompileColumn(c.Expression)).ToArray();
        return steps.Any(s => s is not null) ? new CompiledView(view, [.. columns], steps, [.. compiler.SlotNames], compiler.Caches) : null;
    }
}
