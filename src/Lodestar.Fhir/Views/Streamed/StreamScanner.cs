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

    /// <summary>Per plan, view and column: a reused array per length for collection cells (short collections are the rule).</summary>
    private readonly ViewValue[][][][][] cellArrays;
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
        cellArrays = plans.Select(p => p.Columns.Select(c => c.Select(_ => new ViewValue[9][]).ToArray()).ToArray()).ToArray();
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
        var index = planIndex[plan];
        var planRows = rows[index];
        for (var v = 0; v < plan.Columns.Length; v++)
        {
            var columns = plan.Columns[v];
            var info = plan.ColumnInfo[v];
            var row = planRows[v];
            for (var c = 0; c < columns.Length; c++)
            {
                var ok = info[c].Collection
                    ? TryCollectionCell(columns[c], info[c], cellArrays[index][v][c], out row[c])
                    : TryCell(columns[c], info[c], out row[c]);
                if (!ok)
                {
                    return false;
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

    /// <summary>
    /// The reference check's field values (subject.reference, ...) as <see cref="PatientReferenceTracker"/> reads them, as
    /// UTF-8 (valid for the record last read); false when the record has none there.
    /// </summary>
    public bool TryTrackedReference(int field, out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        if (Plan!.Tracked[field] is not { } reference)
        {
            return false;
        }
        // A lookup of the member finds it only as a single object, and its reference only as a single string.
        var holder = reference.Parent!;
        if (counts[holder.Index] != 1 || tape[holder.Index][0] is not { Token: JsonTokenType.StartObject, FromArray: false }
            || counts[reference.Index] != 1 || tape[reference.Index][0] is not { Token: JsonTokenType.String, FromArray: false } value)
        {
            return false;
        }
        utf8 = record.Span.Slice(value.Start, value.Length);
        return true;
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
            // Only children whose name starts with the member's first byte can be it, or a choice of it.
            foreach (var i in name.Length == 0 ? [] : node.ByFirstByte[name[0]])
            {
                var child = children[i];
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
        if (FhirFormats.IsCertainly(kind, value))
        {
            return true;
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

    private ReadOnlySpan<byte> TextOf(in StreamValue value) => value.Kind switch
    {
        StreamValueKind.Text => scratch.AsSpan(value.Start, value.Length),
        StreamValueKind.Literal => current.Literals[value.Node],
        _ => Span(tape[value.Node][value.Index]),
    };

    /// <summary>A string (from the record or computed); false for anything else.</summary>
    private bool IsString(in StreamValue value) =>
        value.Kind is StreamValueKind.Text or StreamValueKind.Literal
        || (value.Kind == StreamValueKind.Instance && tape[value.Node][value.Index].Token == JsonTokenType.String);

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

    /// <summary>Evaluates <paramref name="expr"/> on one focus item into a collection; false when the general evaluator must decide.</summary>
    private bool Eval(StreamExpr expr, in StreamValue focus, List<StreamValue> output)
    {
        switch (expr.Op)
        {
            case StreamOp.Member when expr.Steps > 0:
                Below(focus, expr.Node!, expr.Steps, output);
                return true;
            case StreamOp.Iif:
                // The branch may have any number of values.
                if (!TryChoose(expr, focus, out var chosen))
                {
                    return false;
                }
                return chosen is null || Eval(chosen, focus, output);
            case StreamOp.Member:
            case StreamOp.Select:
            case StreamOp.Where:
            case StreamOp.ReferenceKey:
                break;
            default:
                // The rest give at most one value.
                switch (EvalOne(expr, focus, out var value))
                {
                    case StreamOutcome.Failed:
                        return false;
                    case StreamOutcome.One:
                        output.Add(value);
                        break;
                }
                return true;
        }
        var items = Rent();
        try
        {
            if (!EvalSource(expr, focus, items))
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
                    return Filter(expr.Left!, items, output, out _);
            }
        }
        finally
        {
            Return(items);
        }
    }

    /// <summary>
    /// Evaluates <paramref name="expr"/> on one focus item for its first value and whether there are more, without a
    /// collection where the operation allows (what comparisons, <c>and</c>/<c>or</c>, <c>&amp;</c>, <c>first()</c>,
    /// <c>exists()</c> and single-valued columns need).
    /// </summary>
    private StreamOutcome EvalOne(StreamExpr expr, in StreamValue focus, out StreamValue value)
    {
        value = default;
        switch (expr.Op)
        {
            case StreamOp.Focus:
                value = focus;
                return StreamOutcome.One;
            case StreamOp.Literal:
                value = StreamValue.FromLiteral(expr.Literal, expr.Bytes!.Length);
                return StreamOutcome.One;
            case StreamOp.ResourceKey:
                value = ResourceKey();
                return StreamOutcome.One;
            case StreamOp.Member when expr.Steps > 0:
                return BelowOne(focus, expr.Node!, expr.Steps, out value);
            case StreamOp.First:
                var first = EvalSourceOne(expr, focus, out value);
                return first == StreamOutcome.Many ? StreamOutcome.One : first;
            case StreamOp.Exists:
            case StreamOp.Empty:
                var source = EvalSourceOne(expr, focus, out _);
                if (source == StreamOutcome.Failed)
                {
                    return StreamOutcome.Failed;
                }
                value = StreamValue.FromBoolean((source == StreamOutcome.Empty) == (expr.Op == StreamOp.Empty));
                return StreamOutcome.One;
            case StreamOp.ExistsWhere:
                return ExistsWhere(expr, focus, out value);
            case StreamOp.UnionFirst:
                foreach (var part in expr.Parts)
                {
                    switch (EvalOne(part, focus, out value))
                    {
                        case StreamOutcome.Failed:
                            return StreamOutcome.Failed;
                        case StreamOutcome.One or StreamOutcome.Many:
                            return StreamOutcome.One;
                    }
                }
                return StreamOutcome.Empty;
            case StreamOp.Equal:
            case StreamOp.Logic:
            case StreamOp.Concat:
                return Binary(expr, focus, out value);
            case StreamOp.Iif:
                if (!TryChoose(expr, focus, out var branch))
                {
                    return StreamOutcome.Failed;
                }
                return branch is null ? StreamOutcome.Empty : EvalOne(branch, focus, out value);
            case StreamOp.StartsWith:
                // A single string (other kinds are converted to text by the general evaluator; several are its error).
                var text = EvalSourceOne(expr, focus, out var s);
                if (text is StreamOutcome.Failed or StreamOutcome.Many || (text == StreamOutcome.One && !IsString(s)))
                {
                    return StreamOutcome.Failed;
                }
                if (text == StreamOutcome.Empty)
                {
                    return StreamOutcome.Empty;
                }
                // A UTF-8 prefix of a whole string is a prefix of its characters, and the other way round.
                value = StreamValue.FromBoolean(TextOf(s).StartsWith(expr.Bytes));
                return StreamOutcome.One;
        }
        var values = Rent();
        try
        {
            if (!Eval(expr, focus, values))
            {
                return StreamOutcome.Failed;
            }
            if (values.Count == 0)
            {
                return StreamOutcome.Empty;
            }
            value = values[0];
            return values.Count == 1 ? StreamOutcome.One : StreamOutcome.Many;
        }
        finally
        {
            Return(values);
        }
    }

    /// <summary>
    /// iif's branch: then when the criterion is true, else otherwise (null when not given); false when the criterion is
    /// several values or not a boolean, the general evaluator's error.
    /// </summary>
    private bool TryChoose(StreamExpr expr, in StreamValue focus, out StreamExpr? chosen)
    {
        chosen = null;
        var criterion = EvalOne(expr.Parts[0], focus, out var value);
        bool flag;
        switch (criterion)
        {
            case StreamOutcome.Empty:
                flag = false;
                break;
            case StreamOutcome.One when TryBoolean(value, out flag):
                break;
            default:
                return false;
        }
        chosen = flag ? expr.Parts[1] : expr.Parts.Length > 2 ? expr.Parts[2] : null;
        return true;
    }

    /// <summary>A function's input collection: its source's values, or the focus when it has no source.</summary>
    private bool EvalSource(StreamExpr expr, in StreamValue focus, List<StreamValue> items)
    {
        if (expr.Source is not null)
        {
            return Eval(expr.Source, focus, items);
        }
        items.Add(focus);
        return true;
    }

    /// <summary><see cref="EvalSource"/> for its first value and whether there are more.</summary>
    private StreamOutcome EvalSourceOne(StreamExpr expr, in StreamValue focus, out StreamValue value)
    {
        if (expr.Source is not null)
        {
            return EvalOne(expr.Source, focus, out value);
        }
        value = focus;
        return StreamOutcome.One;
    }

    /// <summary>
    /// The values of <paramref name="node"/> that are <paramref name="steps"/> members below <paramref name="focus"/>: what
    /// navigating member by member gives (each step keeps its parents' order, and values are kept in document order).
    /// </summary>
    private void Below(in StreamValue focus, StreamNode node, int steps, List<StreamValue> output)
    {
        if (!IsTop(focus, node, steps, out var fromResource))
        {
            return;
        }
        var count = counts[node.Index];
        var found = false;
        for (var i = 0; i < count; i++)
        {
            if (!fromResource && !IsBelow(focus, node, steps, i, found, out var stop))
            {
                if (stop)
                {
                    return;
                }
                continue;
            }
            output.Add(StreamValue.Instance(node.Index, i));
            found = true;
        }
    }

    /// <summary><see cref="Below"/>'s first value, and whether there is another, without a collection.</summary>
    private StreamOutcome BelowOne(in StreamValue focus, StreamNode node, int steps, out StreamValue value)
    {
        value = default;
        if (!IsTop(focus, node, steps, out var fromResource))
        {
            return StreamOutcome.Empty;
        }
        var count = counts[node.Index];
        var found = false;
        for (var i = 0; i < count; i++)
        {
            if (!fromResource && !IsBelow(focus, node, steps, i, found, out var stop))
            {
                if (stop)
                {
                    break;
                }
                continue;
            }
            if (found)
            {
                return StreamOutcome.Many;
            }
            value = StreamValue.Instance(node.Index, i);
            found = true;
        }
        return found ? StreamOutcome.One : StreamOutcome.Empty;
    }

    /// <summary>Whether the focus is a value of the member <paramref name="steps"/> up from <paramref name="node"/>, and whether that is the resource (then every value is below it).</summary>
    private static bool IsTop(in StreamValue focus, StreamNode node, int steps, out bool fromResource)
    {
        var top = node;
        for (var s = 0; s < steps; s++)
        {
            top = top.Parent!;
        }
        fromResource = top.Parent is null;
        return focus.Kind == StreamValueKind.Instance && focus.Node == top.Index;
    }

    /// <summary>
    /// Whether value <paramref name="i"/> of <paramref name="node"/> is below <paramref name="focus"/> (its ancestor at the
    /// focus's level is the focus); <paramref name="stop"/> when it is past the focus's values, which are together, in document order.
    /// </summary>
    private bool IsBelow(in StreamValue focus, StreamNode node, int steps, int i, bool found, out bool stop)
    {
        var owner = i;
        var at = node;
        for (var s = 0; s < steps; s++)
        {
            owner = tape[at.Index][owner].Parent;
            at = at.Parent!;
        }
        stop = owner != focus.Index && (found || owner > focus.Index);
        return owner == focus.Index;
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

    /// <summary>
    /// where(criteria): the items whose criteria give one value that is true, or one that is not a boolean (added to
    /// <paramref name="output"/> unless it is null); <paramref name="any"/> when there is one.
    /// </summary>
    private bool Filter(StreamExpr criteria, List<StreamValue> items, List<StreamValue>? output, out bool any)
    {
        any = false;
        foreach (var item in items)
        {
            var result = EvalOne(criteria, item, out var value);
            if (result == StreamOutcome.Failed)
            {
                return false;
            }
            if (result == StreamOutcome.One && (!TryBoolean(value, out var flag) || flag))
            {
                any = true;
                output?.Add(item);
            }
        }
        return true;
    }

    /// <summary>exists(criteria); every item's criteria are evaluated, as the general evaluator does, so an error in any is its error.</summary>
    private StreamOutcome ExistsWhere(StreamExpr expr, in StreamValue focus, out StreamValue value)
    {
        value = default;
        var items = Rent();
        try
        {
            if (!EvalSource(expr, focus, items) || !Filter(expr.Left!, items, null, out var any))
            {
                return StreamOutcome.Failed;
            }
            value = StreamValue.FromBoolean(any);
            return StreamOutcome.One;
        }
        finally
        {
            Return(items);
        }
    }

    /// <summary>=, !=, and, or, &amp; on their operands' values (at most one each, but for = on collections).</summary>
    private StreamOutcome Binary(StreamExpr expr, in StreamValue focus, out StreamValue value)
    {
        value = default;
        var left = EvalOne(expr.Left!, focus, out var a);
        if (left == StreamOutcome.Failed)
        {
            return StreamOutcome.Failed;
        }
        if (expr.Op == StreamOp.Logic)
        {
            // Three-valued and/or (FHIRPath §6.5), short-circuiting as the general evaluator does.
            var op = expr.Flag ? BinaryOperator.Or : BinaryOperator.And;
            if (!TryLogicOperand(left, a, out var l))
            {
                return StreamOutcome.Failed;
            }
            if (ThreeValuedLogic.ShortCircuit(op, l) is { } decided)
            {
                value = StreamValue.FromBoolean(decided);
                return StreamOutcome.One;
            }
            var r = EvalOne(expr.Right!, focus, out var b);
            if (r == StreamOutcome.Failed || !TryLogicOperand(r, b, out var rv))
            {
                return StreamOutcome.Failed;
            }
            if (ThreeValuedLogic.Combine(op, l, rv) is not { } combined)
            {
                return StreamOutcome.Empty;
            }
            value = StreamValue.FromBoolean(combined);
            return StreamOutcome.One;
        }
        var right = EvalOne(expr.Right!, focus, out var y);
        if (right == StreamOutcome.Failed)
        {
            return StreamOutcome.Failed;
        }
        if (expr.Op == StreamOp.Concat)
        {
            // Several values in an operand is an error; an empty one counts as '' (FHIRPath §6.6).
            if (left == StreamOutcome.Many || right == StreamOutcome.Many
                || (left == StreamOutcome.One && !IsString(a)) || (right == StreamOutcome.One && !IsString(y)))
            {
                return StreamOutcome.Failed;
            }
            value = Concatenate(left == StreamOutcome.One, a, right == StreamOutcome.One, y);
            return StreamOutcome.One;
        }
        if (left == StreamOutcome.Empty || right == StreamOutcome.Empty)
        {
            return StreamOutcome.Empty;
        }
        if (left == StreamOutcome.Many || right == StreamOutcome.Many)
        {
            return EqualCollections(expr, focus, out value);
        }
        // Strings compare by their characters; other kinds are left to the general evaluator's rules.
        if (!IsString(a) || !IsString(y))
        {
            return StreamOutcome.Failed;
        }
        value = StreamValue.FromBoolean(TextOf(a).SequenceEqual(TextOf(y)) != expr.Flag);
        return StreamOutcome.One;
    }

    /// <summary>= or != where an operand has several values: equal when both have as many, pairwise equal.</summary>
    private StreamOutcome EqualCollections(StreamExpr expr, in StreamValue focus, out StreamValue value)
    {
        value = default;
        var a = Rent();
        var b = Rent();
        try
        {
            if (!Eval(expr.Left!, focus, a) || !Eval(expr.Right!, focus, b))
            {
                return StreamOutcome.Failed;
            }
            var equal = a.Count == b.Count;
            for (var i = 0; equal && i < a.Count; i++)
            {
                if (!IsString(a[i]) || !IsString(b[i]))
                {
                    return StreamOutcome.Failed;
                }
                equal = TextOf(a[i]).SequenceEqual(TextOf(b[i]));
            }
            value = StreamValue.FromBoolean(equal != expr.Flag);
            return StreamOutcome.One;
        }
        finally
        {
            Return(a);
            Return(b);
        }
    }

    /// <summary>
    /// x &amp; y into the scratch buffer (an absent operand is ''). When x is the text last written there (the inner part
    /// of <c>a &amp; '|' &amp; b</c>), y is appended after it rather than both copied again.
    /// </summary>
    private StreamValue Concatenate(bool hasX, in StreamValue x, bool hasY, in StreamValue y)
    {
        var yLength = hasY ? TextOf(y).Length : 0;
        if (hasX && x.Kind == StreamValueKind.Text && x.Start + x.Length == scratchUsed)
        {
            var more = Reserve(yLength, out _);
            if (hasY)
            {
                TextOf(y).CopyTo(more);
            }
            return StreamValue.FromScratch(x.Start, x.Length + yLength);
        }
        var xLength = hasX ? TextOf(x).Length : 0;
        // Reserve may replace the buffer by a larger copy, so the operands' text is looked up after it.
        var target = Reserve(xLength + yLength, out var start);
        if (hasX)
        {
            TextOf(x).CopyTo(target);
        }
        if (hasY)
        {
            TextOf(y).CopyTo(target[xLength..]);
        }
        return StreamValue.FromScratch(start, xLength + yLength);
    }

    private bool TryLogicOperand(StreamOutcome outcome, in StreamValue value, out bool? flag)
    {
        flag = null;
        if (outcome == StreamOutcome.Empty)
        {
            return true;
        }
        if (outcome == StreamOutcome.Many || !TryBoolean(value, out var b))
        {
            return false;
        }
        flag = b;
        return true;
    }

    /// <summary>"Type/id", as <see cref="FunctionNode.KeyOf"/> makes it.</summary>
    private StreamValue ResourceKey()
    {
        var type = Span(Single(current.TypeNode));
        var id = Span(Single(current.IdNode));
        var target = Reserve(type.Length + 1 + id.Length, out var start);
        type.CopyTo(target);
        target[type.Length] = (byte)'/';
        id.CopyTo(target[(type.Length + 1)..]);
        return StreamValue.FromScratch(start, target.Length);
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
            output.Add(StreamValue.FromScratch(start, length));
        }
        return true;
    }

    /// <summary>A single-valued column's cell, as <see cref="ViewValue.TryCell"/> makes it; false when it would not be exactly that.</summary>
    private bool TryCell(StreamExpr expr, ViewColumn column, out ViewValue cell)
    {
        cell = ViewValue.Null;
        return EvalOne(expr, StreamValue.Instance(0, 0), out var value) switch
        {
            StreamOutcome.Empty => true,
            StreamOutcome.One => TryValue(value, column.Type, out cell),
            _ => false, // several values in a single-valued column: the general evaluator's error
        };
    }

    /// <summary>A collection column's cell, in an array kept for this column and length (cells are valid during the sink call only).</summary>
    private bool TryCollectionCell(StreamExpr expr, ViewColumn column, ViewValue[][] arrays, out ViewValue cell)
    {
        cell = ViewValue.Null;
        var values = Rent();
        try
        {
            if (!Eval(expr, StreamValue.Instance(0, 0), values))
            {
                return false;
            }
            var cells = values.Count == 0 ? []
                : values.Count < arrays.Length ? arrays[values.Count] ??= new ViewValue[values.Count]
                : new ViewValue[values.Count];
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
        finally
        {
            Return(values);
        }
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
                cell = new ViewValue(ViewValueKind.String, scratch.AsMemory(value.Start, value.Length));
                return true;
            case StreamValueKind.Literal:
                cell = new ViewValue(ViewValueKind.String, current.Literals[value.Node]);
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

    /// <summary>
    /// Room for <paramref name="length"/> bytes in the scratch buffer. A full buffer is replaced by a larger copy, so
    /// positions of text made earlier in the record stay valid; cells made earlier keep the old array, which stays alive with them.
    /// </summary>
    private Span<byte> Reserve(int length, out int start)
    {
        if (scratchUsed + length > scratch.Length)
        {
            var larger = new byte[Math.Max(scratch.Length * 2, scratchUsed + length)];
            scratch.AsSpan(0, scratchUsed).CopyTo(larger);
            scratch = larger;
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
