using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>
/// Runs one compiled view over resources, one at a time (SQL on FHIR v2 "Processing Algorithm"):
/// each select yields partial rows for its focus, siblings are combined by cross join, unionAll
/// branches are concatenated, forEach/forEachOrNull/repeat iterate and set <c>%rowIndex</c>.
/// Not thread-safe; reuse one per thread: row arrays and item lists are pooled, so the steady state
/// allocates only for collection cells.
/// </summary>
internal sealed class ViewRunner
{
    private readonly ViewDefinition view;
    private readonly EvalContext context = new();
    private readonly Stack<ViewValue[]> freeRows = new();
    private readonly Stack<List<ViewValue[]>> freeLists = new();
    private readonly int width;

    public ViewRunner(ViewDefinition view)
    {
        this.view = view;
        width = view.Columns.Count;
    }

    public void Evaluate(JsonElement resource, IViewRowSink sink)
    {
        context.Resource = resource;
        context.RowIndex = 0;
        var root = context.Rent();
        var rows = RentList();
        try
        {
            root.Add(Item.FromJson(resource));
            foreach (var (filter, at) in view.Filters)
            {
                if (!Passes(filter, at, root))
                {
                    return;
                }
            }
            ProcessOne(view.Root, root[0], focusIsNull: false, rows);
            foreach (var row in rows)
            {
                sink.OnRow(row);
            }
        }
        catch (FhirPathException e)
        {
            throw new ViewDefinitionException(view.Source, CurrentWhere, $"{e.Message} (on {Describe(resource)})");
        }
        finally
        {
            ReturnAll(rows);
            context.Return(root);
        }
    }

    private string CurrentWhere { get; set; } = "";

    private bool Passes(Node filter, string at, ItemList root)
    {
        CurrentWhere = at;
        var result = context.Rent();
        try
        {
            filter.Evaluate(context, root, result);
            if (result.Count == 0)
            {
                return false;
            }
            // The view's where must be boolean (SQL on FHIR v2 "where": "an expression that evaluates to a boolean").
            var value = result.Count == 1 ? result[0].ToPrimitive() : default;
            if (result.Count != 1 || value.Kind != ItemKind.Boolean)
            {
                throw new FhirPathException("a where path must give true or false, not " + (result.Count == 1 ? "a " + Describe(value) : $"{result.Count} values"));
            }
            return value.Flag;
        }
        finally
        {
            context.Return(result);
        }
    }

    /// <summary>All rows of <paramref name="select"/> at one focus, after its forEach/forEachOrNull/repeat.</summary>
    private void Process(CompiledSelect select, in Item focus, List<ViewValue[]> output)
    {
        if (select.ForEach is null && select.Repeat is null)
        {
            ProcessOne(select, focus, focusIsNull: false, output);
            return;
        }
        var input = context.Rent();
        var foci = context.Rent();
        var savedIndex = context.RowIndex;
        try
        {
            input.Add(focus);
            CurrentWhere = select.Where;
            if (select.ForEach is not null)
            {
                select.ForEach.Evaluate(context, input, foci);
            }
            else
            {
                Repeat(select.Repeat!, input, foci);
            }
            if (foci.Count == 0)
            {
                if (select.OrNull)
                {
                    context.RowIndex = 0;
                    ProcessOne(select, default, focusIsNull: true, output);
                }
                return;
            }
            for (var i = 0; i < foci.Count; i++)
            {
                context.RowIndex = i;
                ProcessOne(select, foci[i], focusIsNull: false, output);
            }
        }
        finally
        {
            context.RowIndex = savedIndex;
            context.Return(foci);
            context.Return(input);
        }
    }

    /// <summary>repeat: the elements reached by applying the paths again and again, depth first, in document order.</summary>
    private void Repeat(Node[] paths, ItemList start, ItemList output)
    {
        var children = context.Rent();
        try
        {
            foreach (var path in paths)
            {
                children.Clear();
                path.Evaluate(context, start, children);
                foreach (ref readonly var child in children.AsSpan())
                {
                    output.Add(child);
                    var single = context.Rent();
                    single.Add(child);
                    Repeat(paths, single, output);
                    context.Return(single);
                }
            }
        }
        finally
        {
            context.Return(children);
        }
    }

    private void ProcessOne(CompiledSelect select, in Item focus, bool focusIsNull, List<ViewValue[]> output)
    {
        // A new focus: what the columns shared for the previous one is stale.
        context.NextGeneration();
        var rows = RentList();
        var row = RentRow();
        rows.Add(row);
        var input = context.Rent();
        try
        {
            if (focusIsNull)
            {
                // forEachOrNull over nothing: one row, its columns evaluated on an empty focus (so paths give
                // null but %rowIndex gives 0, as the suite's row_index tests expect); nested selects stay null.
                foreach (var column in select.Columns)
                {
                    row[column.Column.Index] = Cell(column, input);
                }
                output.AddRange(rows);
                ReturnList(rows);
                return;
            }
            input.Add(focus);
            foreach (var column in select.Columns)
            {
                row[column.Column.Index] = Cell(column, input);
            }
            foreach (var nested in select.Selects)
            {
                var part = RentList();
                Process(nested, focus, part);
                rows = Cross(rows, part, nested.Start, nested.End);
            }
            if (select.UnionAll.Length > 0 && rows.Count > 0)
            {
                var part = RentList();
                foreach (var branch in select.UnionAll)
                {
                    Process(branch, focus, part);
                }
                var first = select.UnionAll[0];
                rows = Cross(rows, part, first.Start, first.End);
            }
            output.AddRange(rows);
            ReturnList(rows);
        }
        finally
        {
            context.Return(input);
        }
    }

    private ViewValue Cell(CompiledColumn column, ItemList input)
    {
        var values = context.Rent();
        try
        {
            CurrentWhere = column.Where;
            column.Expression.Evaluate(context, input, values);
            return ViewValue.TryCell(values, column.Column, out var cell)
                ? cell
                : throw new FhirPathException($"column '{column.Column.Name}' got {values.Count} values; set \"collection\": true or narrow the path (e.g. with first())");
        }
        finally
        {
            context.Return(values);
        }
    }

    /// <summary>Every row of <paramref name="left"/> combined with every row of <paramref name="right"/>, which fills [start, end).</summary>
    private List<ViewValue[]> Cross(List<ViewValue[]> left, List<ViewValue[]> right, int start, int end)
    {
        if (right.Count == 1)
        {
            foreach (var row in left)
            {
                Array.Copy(right[0], start, row, start, end - start);
            }
            ReturnAll(right);
            return left;
        }
        var result = RentList();
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                var row = RentRow();
                Array.Copy(l, row, width);
                Array.Copy(r, start, row, start, end - start);
                result.Add(row);
            }
        }
        ReturnAll(left);
        ReturnAll(right);
        return result;
    }

    private ViewValue[] RentRow() => freeRows.Count > 0 ? freeRows.Pop() : new ViewValue[width];

    private List<ViewValue[]> RentList() => freeLists.Count > 0 ? freeLists.Pop() : [];

    private void ReturnList(List<ViewValue[]> list)
    {
        list.Clear();
        freeLists.Push(list);
    }

    private void ReturnAll(List<ViewValue[]> rows)
    {
        foreach (var row in rows)
        {
            Array.Clear(row);
            freeRows.Push(row);
        }
        ReturnList(rows);
    }

    private static string Describe(in Item value) => value.Kind switch
    {
        ItemKind.String => "string",
        ItemKind.Integer => "integer",
        ItemKind.Decimal => "decimal",
        ItemKind.Boolean => "boolean",
        _ => "complex value",
    };

    private static string Describe(JsonElement resource)
    {
        var type = resource.TryGetProperty("resourceType"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "resource";
        var id = resource.TryGetProperty("id"u8, out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : "?";
        return $"{type}/{id}";
    }
}
