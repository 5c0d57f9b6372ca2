using System.Runtime.InteropServices;
using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// Evaluates a <see cref="CompiledView"/> on one resource: one pass over the resource's members fills the slots the
/// columns read, each column is computed straight into the row, and the row goes to the sink. When the resource has
/// a shape the compiled form leaves to the general evaluator, nothing is emitted and <see cref="TryEvaluate"/> says
/// so; the caller then runs the general evaluator, which gives the rows, or the error, it always gave.
/// Not thread-safe; one per thread.
/// </summary>
internal sealed class CompiledRunner
{
    private readonly CompiledView view;
    private readonly StepContext context;
    private readonly ViewValue[] row;
    private readonly ItemList[] choices;

    /// <summary>For each first byte of a member name, the slots whose names start with it (most bytes have none).</summary>
    private readonly int[][] slotsByFirstByte = new int[256][];

    public CompiledRunner(CompiledView view)
    {
        this.view = view;
        var slots = view.SlotNames.Length;
        context = new StepContext(slots, view.Caches);
        row = new ViewValue[view.Columns.Length];
        choices = Enumerable.Range(0, slots).Select(_ => new ItemList()).ToArray();
        for (var b = 0; b < 256; b++)
        {
            slotsByFirstByte[b] = Enumerable.Range(0, slots).Where(s => view.SlotNames[s][0] == b).ToArray();
        }
    }

    /// <summary>Emits the resource's row; false (and nothing emitted) when the general evaluator must handle this resource.</summary>
    public bool TryEvaluate(JsonElement resource, IViewRowSink sink)
    {
        context.NextResource(resource);
        var input = context.Rent();
        try
        {
            // Another type, or a resourceType the pass cannot read as it is: the general evaluator decides.
            if (!FillSlots(resource)
                || !context.HasExact[StepCompiler.ResourceTypeSlot]
                || context.Exact[StepCompiler.ResourceTypeSlot] is not { ValueKind: JsonValueKind.String } type
                || !type.ValueEquals(view.View.Resource))
            {
                return false;
            }
            var focus = Item.FromJson(resource);
            input.Add(focus);
            var columns = view.Columns;
            var steps = view.Steps;
            for (var c = 0; c < columns.Length; c++)
            {
                if (!Cell(columns[c], steps[c], focus, input, out row[c]))
                {
                    return false;
                }
            }
            sink.OnRow(row);
            return true;
        }
        catch (FhirPathException)
        {
            // The general evaluator raises it again, with the column and resource named.
            return false;
        }
        finally
        {
            Array.Clear(row);
            context.Return(input);
        }
    }

    private bool Cell(CompiledColumn column, Step? step, in Item focus, ItemList input, out ViewValue cell)
    {
        cell = ViewValue.Null;
        ItemList? values = null;
        if (step is not null && !step.TryHeld(focus, context, out values))
        {
            return false;
        }
        var rented = values is null;
        values ??= context.Rent();
        try
        {
            // A slot or shared path is read as it is; anything else is computed into the rented list.
            if (rented && step is null)
            {
                column.Expression.Evaluate(context.Eval, input, values);
            }
            else if (rented && !step!.Eval(focus, context, values))
            {
                return false;
            }
            // Several values in a single-valued column: false, and the general evaluator reports it.
            return ViewValue.TryCell(values, column.Column, out cell);
        }
        finally
        {
            if (rented)
            {
                context.Return(values);
            }
        }
    }

    /// <summary>
    /// One pass over the resource's members: each slot gets what <see cref="Navigation.Child"/> would give for its name,
    /// the member itself when present, else every choice element named name + a type (<c>value</c> → <c>valueQuantity</c>).
    /// False for names written with escapes or given twice, which the general evaluator resolves its own way.
    /// </summary>
    private bool FillSlots(JsonElement resource)
    {
        var names = view.SlotNames;
        var exact = context.Exact;
        var hasExact = context.HasExact;
        Array.Clear(hasExact);
        foreach (var choice in choices)
        {
            choice.Clear();
        }
        foreach (var property in resource.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length == 0)
            {
                continue;
            }
            if (raw[0] == (byte)'\\')
            {
                return false;
            }
            var candidates = slotsByFirstByte[raw[0]];
            if (candidates.Length == 0)
            {
                continue;
            }
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                return false;
            }
            foreach (var s in candidates)
            {
                var name = names[s];
                if (raw.Length == name.Length)
                {
                    if (raw.SequenceEqual(name))
                    {
                        if (hasExact[s])
                        {
                            return false;
                        }
                        hasExact[s] = true;
                        exact[s] = property.Value;
                    }
                }
                else if (raw.Length > name.Length && raw[name.Length] is >= (byte)'A' and <= (byte)'Z' && raw.StartsWith(name))
                {
                    Navigation.AddValue(property.Value, Navigation.TypeName(raw[name.Length..]), choices[s]);
                }
            }
        }
        for (var s = 0; s < names.Length; s++)
        {
            if (hasExact[s])
            {
                Navigation.AddValue(exact[s], null, context.Slots[s]);
            }
            else
            {
                context.Slots[s].AddRange(choices[s]);
            }
        }
        return true;
    }
}
