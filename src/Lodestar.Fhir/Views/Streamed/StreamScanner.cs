using System.Text;
using System.Text.Json;
using Lodestar.Fhir.FhirPath;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// Reads one record in one forward pass with <see cref="Utf8JsonReader"/> (no JsonDocument): checks it as
/// <see cref="ResourceValidator"/> would, keeps the values of the members its type's <see cref="StreamPlan"/> names and
/// skips every other subtree, then evaluates each view's columns on those values into rows whose cells point into the
/// record's bytes. Whenever the record has a shape the pass does not reproduce exactly (malformed JSON, a rule the
/// validator would reject, escapes, duplicate or choice-like member names, nested arrays, a value of an unexpected kind,
/// several values in a single-valued column), it gives up and the caller takes the JsonDocument path, which gives the
/// rows, reject or error it always gave. Not thread-safe: one per worker.
/// </summary>
internal sealed class StreamScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly Dictionary<string, StreamPlan> plans;
    private readonly StreamInstance[][] tape;
    private readonly int[] counts;
    private readonly Stack<List<StreamValue>> free = new();
    private readonly ViewValue[][][] rows;
    private readonly Dictionary<StreamPlan, int> planIndex = [];
    private byte[] scratch = new byte[4096];
    private int scratchUsed;
    private ReadOnlyMemory<byte> record;
    private StreamPlan current = null!;

    public StreamScanner(IReadOnlyCollection<StreamPlan> plans)
    {
        this.plans = plans.ToDictionary(p => p.ResourceType, StringComparer.Ordinal);
        var nodes = plans.Count == 0 ? 0 : plans.Max(p => p.Nodes.Length);
        tape = Enumerable.Range(0, nodes).Select(_ => new StreamInstance[8]).ToArray();
        counts = new int[nodes];
        rows = plans.Select(p => p.Columns.Select(c => new ViewValue[c.Length]).ToArray()).ToArray();
        foreach (var plan in plans)
        {
            planIndex[plan] = planIndex.Count;
        }
    }

    /// <summary>The plan of the record last read.</summary>
    public StreamPlan? Plan { get; private set; }

    /// <summary>The record's id, once read.</summary>
    public string Id { get; private set; } = "";

    /// <summary>
    /// Reads a record and computes its rows; false when the JsonDocument path must handle it (nothing is kept then).
    /// The record must be valid UTF-8 (the caller checks it first).
    /// </summary>
    public bool TryRead(ReadOnlyMemory<byte> bytes)
    {
        Plan = null;
        if (!TryScan(bytes.Span, out var plan))
        {
            return false;
        }
        record = bytes;
        current = plan;
        scratchUsed = 0;
        var planRows = rows[planIndex[plan]];
        var root = StreamValue.Instance(0, 0);
        for (var v = 0; v < plan.Columns.Length; v++)
        {
            var columns = plan.Columns[v];
            var row = planRows[v];
            for (var c = 0; c < columns.Length; c++)
            {
                var values = Rent();
                try
                {
                    if (!Eval(columns[c], root, values) || !TryCell(values, plan.ColumnInfo[v][c], out row[c]))
                    {
                        return false;
                    }
                }
                finally
                {
                    Return(values);
                }
            }
        }
        var id = Single(plan.IdNode);
        Id = Encoding.UTF8.GetString(Span(id));
        if (!FhirFormats.IsId(Id))
        {
            return false;
        }
        Plan = plan;
        return true;
    }

    /// <summary>A view's row for the record last read (index into the plan's views); valid until the next record.</summary>
    public ReadOnlySpan<ViewValue> Row(int view) => rows[planIndex[Plan!]][view];

    /// <summary>The reference check's field values (subject.reference, ...) as <see cref="PatientReferenceTracker"/> reads them.</summary>
    public string? TrackedReference(int field)
    {
        if (Plan!.Tracked[field] is not { } reference)
        {
            return null;
        }
        // A lookup of the member finds it only as a single object, and its reference only as a single string.
        var holder = reference.Parent!;
        if (counts[holder.Index] != 1 || tape[holder.Index][0] is not { Token: JsonTokenType.StartObject, FromArray: false }
            || counts[reference.Index] != 1 || tape[reference.Index][0] is not { Token: JsonTokenType.String, FromArray: false } value)
        {
            return null;
        }
        return Encoding.UTF8.GetString(record.Span.Slice(value.Start, value.Length));
    }

    private bool TryScan(ReadOnlySpan<byte> json, out StreamPlan plan)
    {
        plan = null!;
        try
        {
            // The type picks the plan: it must come first, as every bulk export and Synthea writes it.
            var peek = new Utf8JsonReader(json, ReaderOptions);
            if (!peek.Read() || peek.TokenType != JsonTokenType.StartObject
                || !peek.Read() || peek.TokenType != JsonTokenType.PropertyName || peek.ValueIsEscaped || !peek.ValueSpan.SequenceEqual("resourceType"u8)
                || !peek.Read() || peek.TokenType != JsonTokenType.String || peek.ValueIsEscaped
                || !ResourceTypes.TryGet(peek.ValueSpan, out var type) || !plans.TryGetValue(type, out plan!))
            {
                return false;
            }
            Array.Clear(counts, 0, plan.Nodes.Length);
            Add(plan.Root, new StreamInstance(-1, JsonTokenType.StartObject, false, 0, json.Length));
            var reader = new Utf8JsonReader(json, ReaderOptions);
            reader.Read();
            if (!ScanMembers(ref reader, plan.Root, 0) || reader.Read())
            {
                return false;
            }
            return counts[plan.TypeNode.Index] == 1 && counts[plan.IdNode.Index] == 1
                && tape[plan.IdNode.Index][0] is { Token: JsonTokenType.String, FromArray: false };
        }
        catch (JsonException)
        {
            return false; // malformed: the JsonDocument path words the reject
        }
    }

    /// <summary>The members of the object the reader is at, up to its end.</summary>
    private bool ScanMembers(ref Utf8JsonReader reader, StreamNode node, int instance)
    {
        var children = node.Children;
        Span<bool> seen = stackalloc bool[children.Count];
        Span<bool> choice = stackalloc bool[children.Count];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }
            var name = reader.ValueSpan;
            var match = -1;
            for (var i = 0; i < children.Count && name.Length > 0; i++)
            {
                var child = children[i];
                if (child.Name[0] != name[0])
                {
                    continue;
                }
                if (name.SequenceEqual(child.Name))
                {
                    match = i;
                    continue;
                }
                // What else FHIRPath's navigation would find for this child: a choice element name + Type.
                if (child.ReadByName && IsChoiceOf(name, child.Name))
                {
                    choice[i] = true;
                }
                if (child.ChoiceBase is { } choiceBase && (name.SequenceEqual(choiceBase) || IsOtherSpelling(name, choiceBase, child.ChoiceType!)))
                {
                    return false;
                }
            }
            if (!reader.Read())
            {
                return false;
            }
            if (match < 0)
            {
                reader.Skip();
                continue;
            }
            if (seen[match])
            {
                return false; // a member given twice: a lookup finds the last, navigation both
            }
            seen[match] = true;
            if (!ScanValue(ref reader, children[match], instance))
            {
                return false;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }
        for (var i = 0; i < children.Count; i++)
        {
            if (choice[i] && !seen[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// base + the type in another case (<c>valuequantity</c> is not a choice, <c>valueQUANTITY</c> is): ofType compares
    /// type names ignoring case. Non-ASCII suffixes are treated as matching, to be safe.
    /// </summary>
    private static bool IsOtherSpelling(ReadOnlySpan<byte> name, ReadOnlySpan<byte> choiceBase, string type)
    {
        if (!IsChoiceOf(name, choiceBase))
        {
            return false;
        }
        var suffix = name[choiceBase.Length..];
        return !System.Text.Ascii.IsValid(suffix) || System.Text.Ascii.EqualsIgnoreCase(suffix, type);
    }

    private static bool IsChoiceOf(ReadOnlySpan<byte> name, ReadOnlySpan<byte> baseName) =>
        name.Length > baseName.Length && name[baseName.Length] is >= (byte)'A' and <= (byte)'Z' && name.StartsWith(baseName);

    private bool ScanValue(ref Utf8JsonReader reader, StreamNode node, int parent)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        if (node.OnCheckPath)
                        {
                            return false; // the validator rejects a null where it expects an object
                        }
                        continue;
                    }
                    if (reader.TokenType == JsonTokenType.StartArray || !ScanItem(ref reader, node, parent, fromArray: true))
                    {
                        return false;
                    }
                }
                return true;
            case JsonTokenType.Null:
                return !node.OnCheckPath;
            default:
                return ScanItem(ref reader, node, parent, fromArray: false);
        }
    }

    private bool ScanItem(ref Utf8JsonReader reader, StreamNode node, int parent, bool fromArray)
    {
        var token = reader.TokenType;
        int start = 0, length = 0;
        switch (token)
        {
            case JsonTokenType.String:
                if (reader.ValueIsEscaped)
                {
                    return false;
                }
                start = (int)reader.TokenStartIndex + 1;
                length = reader.ValueSpan.Length;
                break;
            case JsonTokenType.Number:
                start = (int)reader.TokenStartIndex;
                length = reader.ValueSpan.Length;
                break;
            case JsonTokenType.StartObject or JsonTokenType.True or JsonTokenType.False:
                break;
            default:
                return false;
        }
        if (node.Check is { } kind && !Valid(kind, token, reader.ValueSpan))
        {
            return false;
        }
        if (node.OnCheckPath && token != JsonTokenType.StartObject)
        {
            return false;
        }
        var index = Add(node, new StreamInstance(parent, token, fromArray, start, length));
        if (token != JsonTokenType.StartObject)
        {
            return true;
        }
        if (node.Children.Count == 0)
        {
            reader.Skip();
            return true;
        }
        return ScanMembers(ref reader, node, index);
    }

    /// <summary>What <see cref="ResourceValidator"/> accepts for a rule's value (nulls are skipped before this).</summary>
    private static bool Valid(FieldKind kind, JsonTokenType token, ReadOnlySpan<byte> value)
    {
        if (kind == FieldKind.Decimal)
        {
            return token == JsonTokenType.Number;
        }
        if (token != JsonTokenType.String || value.Length > 64)
        {
            return false;
        }
        Span<char> text = stackalloc char[64];
        var written = Encoding.UTF8.GetChars(value, text);
        return kind switch
        {
            FieldKind.Date => FhirFormats.IsDate(text[..written]),
            FieldKind.DateTime => FhirFormats.IsDateTime(text[..written]),
            _ => FhirFormats.IsInstant(text[..written]),
        };
    }

    private int Add(StreamNode node, StreamInstance instance)
    {
        ref var values = ref tape[node.Index];
        var count = counts[node.Index];
        if (count == values.Length)
        {
            Array.Resize(ref values, count * 2);
        }
        values[count] = instance;
        counts[node.Index] = count + 1;
        return count;
    }

    private StreamInstance Single(StreamNode node) => tape[node.Index][0];

    private ReadOnlySpan<byte> Span(in StreamInstance instance) => record.Span.Slice(instance.Start, instance.Length);

    private ReadOnlySpan<byte> TextOf(in StreamValue value) =>
        value.Kind == StreamValueKind.Text ? value.Text : Span(tape[value.Node][value.Index]);

    /// <summary>A string (from the record or computed); false for anything else.</summary>
    private bool IsString(in StreamValue value) =>
        value.Kind == StreamValueKind.Text || (value.Kind == StreamValueKind.Instance && tape[value.Node][value.Index].Token == JsonTokenType.String);

    /// <summary>A boolean (computed or true/false in the record), as FHIRPath's boolean tests read it.</summary>
    private bool TryBoolean(in StreamValue value, out bool flag)
    {
        flag = value.Flag;
        if (value.Kind == StreamValueKind.Boolean)
        {
            return true;
        }
        if (value.Kind == StreamValueKind.Instance && tape[value.Node][value.Index].Token is JsonTokenType.True or JsonTokenType.False)
        {
            flag = tape[value.Node][value.Index].Token == JsonTokenType.True;
            return true;
        }
        return false;
    }

    /// <summary>Evaluates <paramref name="expr"/> on one focus item; false when the general evaluator must decide.</summary>
    private bool Eval(StreamExpr expr, in StreamValue focus, List<StreamValue> output)
    {
        switch (expr.Op)
        {
            case StreamOp.Focus:
                output.Add(focus);
                return true;
            case StreamOp.Literal:
                output.Add(StreamValue.FromText(expr.Bytes!, 0, expr.Bytes!.Length));
                return true;
            case StreamOp.ResourceKey:
                return ResourceKey(output);
            case StreamOp.UnionFirst:
                foreach (var part in expr.Parts)
                {
                    var before = output.Count;
                    if (!Eval(part, focus, output))
                    {
                        return false;
                    }
                    if (output.Count > before)
                    {
                        output.RemoveRange(before + 1, output.Count - before - 1);
                        return true;
                    }
                }
                return true;
            case StreamOp.Equal:
            case StreamOp.Logic:
            case StreamOp.Concat:
                return Binary(expr, focus, output);
            case StreamOp.Member when expr.Steps > 0:
                Below(focus, expr.Node!, expr.Steps, output, firstOnly: false);
                return true;
            case StreamOp.First when expr.Source is { Op: StreamOp.Member, Steps: > 0 } path:
                Below(focus, path.Node!, path.Steps, output, firstOnly: true);
                return true;
        }
        var items = Rent();
        try
        {
            if (expr.Source is null)
            {
                items.Add(focus);
            }
            else if (!Eval(expr.Source, focus, items))
            {
                return false;
            }
            switch (expr.Op)
            {
                case StreamOp.Member:
                    foreach (var item in items)
                    {
                        Children(item, expr.Node!, output);
                    }
                    return true;
                case StreamOp.First:
                    if (items.Count > 0)
                    {
                        output.Add(items[0]);
                    }
                    return true;
                case StreamOp.Exists:
                case StreamOp.Empty:
                    output.Add(StreamValue.FromBoolean((items.Count == 0) == (expr.Op == StreamOp.Empty)));
                    return true;
                case StreamOp.Select:
                    foreach (var item in items)
                    {
                        if (!Eval(expr.Left!, item, output))
                        {
                            return false;
                        }
                    }
                    return true;
                case StreamOp.ReferenceKey:
                    return ReferenceKey(expr, items, output);
                default:
                    return Where(expr, items, output);
            }
        }
        finally
        {
            Return(items);
        }
    }

    /// <summary>
    /// The values of <paramref name="node"/> that are <paramref name="steps"/> members below <paramref name="focus"/>: what
    /// navigating member by member gives (each step keeps its parents' order, and values are kept in document order).
    /// </summary>
    private void Below(in StreamValue focus, StreamNode node, int steps, List<StreamValue> output, bool firstOnly)
    {
        var top = node;
        for (var s = 0; s < steps; s++)
        {
            top = top.Parent!;
        }
        if (focus.Kind != StreamValueKind.Instance || focus.Node != top.Index)
        {
            return;
        }
        var count = counts[node.Index];
        if (top.Parent is null)
        {
            // From the resource: every value of the member.
            for (var i = 0; i < count; i++)
            {
                output.Add(StreamValue.Instance(node.Index, i));
                if (firstOnly)
                {
                    return;
                }
            }
            return;
        }
        var found = false;
        for (var i = 0; i < count; i++)
        {
            // The value's ancestor at the focus's level.
            var owner = i;
            var at = node;
            for (var s = 0; s < steps; s++)
            {
                owner = tape[at.Index][owner].Parent;
                at = at.Parent!;
            }
            if (owner == focus.Index)
            {
                output.Add(StreamValue.Instance(node.Index, i));
                found = true;
                if (firstOnly)
                {
                    return;
                }
            }
            else if (found || owner > focus.Index)
            {
                return; // past the focus's values: they are together, in document order
            }
        }
    }

    /// <summary>The values of <paramref name="node"/> under <paramref name="parent"/>, in document order.</summary>
    private void Children(in StreamValue parent, StreamNode node, List<StreamValue> output)
    {
        if (parent.Kind != StreamValueKind.Instance || parent.Node != node.Parent!.Index)
        {
            return;
        }
        var values = tape[node.Index];
        var count = counts[node.Index];
        // Values are appended in document order, so those of one parent value are together, after its predecessors'.
        for (var i = 0; i < count; i++)
        {
            var owner = values[i].Parent;
            if (owner == parent.Index)
            {
                output.Add(StreamValue.Instance(node.Index, i));
            }
            else if (owner > parent.Index)
            {
                break;
            }
        }
    }

    /// <summary>where / exists(criteria): an item passes when its criteria give one value that is true, or one that is not a boolean.</summary>
    private bool Where(StreamExpr expr, List<StreamValue> items, List<StreamValue> output)
    {
        var result = Rent();
        try
        {
            var any = false;
            foreach (var item in items)
            {
                result.Clear();
                if (!Eval(expr.Left!, item, result))
                {
                    return false;
                }
                if (result.Count == 1 && (!TryBoolean(result[0], out var flag) || flag))
                {
                    any = true;
                    if (expr.Op == StreamOp.Where)
                    {
                        output.Add(item);
                    }
                }
            }
            if (expr.Op == StreamOp.ExistsWhere)
            {
                output.Add(StreamValue.FromBoolean(any));
            }
            return true;
        }
        finally
        {
            Return(result);
        }
    }

    private bool Binary(StreamExpr expr, in StreamValue focus, List<StreamValue> output)
    {
        var a = Rent();
        var b = Rent();
        try
        {
            if (!Eval(expr.Left!, focus, a))
            {
                return false;
            }
            if (expr.Op == StreamOp.Logic)
            {
                // Three-valued and/or (FHIRPath §6.5), short-circuiting as the general evaluator does.
                var op = expr.Flag ? BinaryOperator.Or : BinaryOperator.And;
                if (!TryLogicOperand(a, out var l))
                {
                    return false;
                }
                if (ThreeValuedLogic.ShortCircuit(op, l) is { } decided)
                {
                    output.Add(StreamValue.FromBoolean(decided));
                    return true;
                }
                if (!Eval(expr.Right!, focus, b) || !TryLogicOperand(b, out var r))
                {
                    return false;
                }
                if (ThreeValuedLogic.Combine(op, l, r) is { } value)
                {
                    output.Add(StreamValue.FromBoolean(value));
                }
                return true;
            }
            if (!Eval(expr.Right!, focus, b))
            {
                return false;
            }
            if (expr.Op == StreamOp.Concat)
            {
                // Several values in an operand is an error; an empty one counts as '' (FHIRPath §6.6).
                if (a.Count > 1 || b.Count > 1 || (a.Count == 1 && !IsString(a[0])) || (b.Count == 1 && !IsString(b[0])))
                {
                    return false;
                }
                var x = a.Count == 0 ? default : TextOf(a[0]);
                var y = b.Count == 0 ? default : TextOf(b[0]);
                var target = Reserve(x.Length + y.Length, out var start);
                x.CopyTo(target);
                y.CopyTo(target[x.Length..]);
                output.Add(StreamValue.FromText(scratch, start, x.Length + y.Length));
                return true;
            }
            if (a.Count == 0 || b.Count == 0)
            {
                return true;
            }
            var equal = a.Count == b.Count;
            for (var i = 0; equal && i < a.Count; i++)
            {
                // Strings compare by their characters; other kinds are left to the general evaluator's rules.
                if (!IsString(a[i]) || !IsString(b[i]))
                {
                    return false;
                }
                equal = TextOf(a[i]).SequenceEqual(TextOf(b[i]));
            }
            output.Add(StreamValue.FromBoolean(equal != expr.Flag));
            return true;
        }
        finally
        {
            Return(a);
            Return(b);
        }
    }

    private bool TryLogicOperand(List<StreamValue> values, out bool? value)
    {
        value = null;
        if (values.Count == 0)
        {
            return true;
        }
        if (values.Count > 1 || !TryBoolean(values[0], out var flag))
        {
            return false;
        }
        value = flag;
        return true;
    }

    /// <summary>"Type/id", as <see cref="FunctionNode.KeyOf"/> makes it.</summary>
    private bool ResourceKey(List<StreamValue> output)
    {
        var type = Span(Single(current.TypeNode));
        var id = Span(Single(current.IdNode));
        var target = Reserve(type.Length + 1 + id.Length, out var start);
        type.CopyTo(target);
        target[type.Length] = (byte)'/';
        id.CopyTo(target[(type.Length + 1)..]);
        output.Add(StreamValue.FromText(scratch, start, target.Length));
        return true;
    }

    /// <summary>getReferenceKey(T), as <see cref="FunctionNode.ReferenceKey"/> computes it.</summary>
    private bool ReferenceKey(StreamExpr expr, List<StreamValue> items, List<StreamValue> output)
    {
        var node = expr.Node!;
        foreach (var item in items)
        {
            if (item.Kind != StreamValueKind.Instance || tape[item.Node][item.Index].Token != JsonTokenType.StartObject)
            {
                continue;
            }
            var found = Rent();
            Children(item, node, found);
            // A lookup finds the member's value only when it is one string, not an array.
            var value = found.Count == 1 ? found[0] : default;
            var isString = found.Count == 1 && tape[node.Index][value.Index] is { Token: JsonTokenType.String, FromArray: false };
            Return(found);
            if (!isString)
            {
                continue;
            }
            var utf8 = TextOf(value);
            if (ReferenceKeys.IsPlainRelative(utf8))
            {
                if (expr.Bytes is null || utf8.StartsWith(expr.Bytes))
                {
                    output.Add(value);
                }
                continue;
            }
            if (ReferenceKeys.Parse(Encoding.UTF8.GetString(utf8), expr.Type) is not { } key
                || (expr.Type is not null && !key.StartsWith(expr.Type + "/", StringComparison.Ordinal)))
            {
                continue;
            }
            var length = Encoding.UTF8.GetByteCount(key);
            var target = Reserve(length, out var start);
            Encoding.UTF8.GetBytes(key, target);
            output.Add(StreamValue.FromText(scratch, start, length));
        }
        return true;
    }

    /// <summary>A column's cell from its values, as <see cref="ViewValue.TryCell"/> makes it; false when it would not be exactly that.</summary>
    private bool TryCell(List<StreamValue> values, ViewColumn column, out ViewValue cell)
    {
        cell = ViewValue.Null;
        if (column.Collection)
        {
            var cells = new ViewValue[values.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                if (!TryValue(values[i], column.Type, out cells[i]))
                {
                    return false;
                }
            }
            cell = ViewValue.FromArray(cells);
            return true;
        }
        return values.Count == 0 || (values.Count == 1 && TryValue(values[0], column.Type, out cell));
    }

    /// <summary><see cref="ViewValue.From"/> for a value of the record or a computed one.</summary>
    private bool TryValue(in StreamValue value, string? declaredType, out ViewValue cell)
    {
        cell = ViewValue.Null;
        switch (value.Kind)
        {
            case StreamValueKind.Boolean:
                cell = ViewValue.From(Item.FromBoolean(value.Flag), declaredType);
                return true;
            case StreamValueKind.Text:
                cell = new ViewValue(ViewValueKind.String, value.Bytes.AsMemory(value.Start, value.Length));
                return true;
        }
        var instance = tape[value.Node][value.Index];
        switch (instance.Token)
        {
            case JsonTokenType.String:
                cell = new ViewValue(ViewValueKind.String, record.Slice(instance.Start, instance.Length));
                return true;
            case JsonTokenType.True or JsonTokenType.False:
                cell = ViewValue.From(Item.FromBoolean(instance.Token == JsonTokenType.True), declaredType);
                return true;
            case JsonTokenType.Number:
                var text = record.Slice(instance.Start, instance.Length);
                // A number in a string-typed column becomes its text form, left to the general evaluator.
                if (!Item.TryParseNumber(text.Span, out _) || declaredType is "string" or "code" or "id" or "uri")
                {
                    return false;
                }
                cell = new ViewValue(declaredType == "decimal" || !Item.IsIntegerText(text.Span) ? ViewValueKind.Decimal : ViewValueKind.Integer, text);
                return true;
            default:
                return false; // an object: its JSON text, left to the general evaluator
        }
    }

    private Span<byte> Reserve(int length, out int start)
    {
        if (scratchUsed + length > scratch.Length)
        {
            // Earlier cells still point into the old array, which stays alive with them; keep going in a new one.
            scratch = new byte[Math.Max(scratch.Length * 2, length)];
            scratchUsed = 0;
        }
        start = scratchUsed;
        scratchUsed += length;
        return scratch.AsSpan(start, length);
    }

    private List<StreamValue> Rent() => free.Count > 0 ? free.Pop() : [];

    private void Return(List<StreamValue> list)
    {
        list.Clear();
        free.Push(list);
    }
}
