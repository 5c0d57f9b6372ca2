using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Infix operators with FHIRPath's collection rules: an empty operand gives empty (except for the
/// three-valued logic of and/or/xor/implies, §6.5, and for union), and arithmetic and comparison
/// need single values (§6.2, §6.6).
/// </summary>
internal sealed class BinaryNode(BinaryOperator op, Node left, Node right) : Node
{
    // Computed once: it is passed (eagerly) to every singleton check, so building it per call allocated per row.
    private readonly string operatorText = op.ToString().ToLowerInvariant();

    internal BinaryOperator Operator => op;

    internal Node Left => left;

    internal Node Right => right;

    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        var a = context.Rent();
        var b = context.Rent();
        try
        {
            left.Evaluate(context, input, a);
            if (op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Implies)
            {
                var l = Singleton.GetBoolean(a, OperatorText);
                if (ThreeValuedLogic.ShortCircuit(op, l) is { } decided)
                {
                    output.Add(Item.FromBoolean(decided));
                    return;
                }
                right.Evaluate(context, input, b);
                if (ThreeValuedLogic.Combine(op, l, Singleton.GetBoolean(b, OperatorText)) is { } value)
                {
                    output.Add(Item.FromBoolean(value));
                }
                return;
            }
            right.Evaluate(context, input, b);
            Apply(a, b, output);
        }
        finally
        {
            context.Return(a);
            context.Return(b);
        }
    }

    /// <summary>
    /// <c>(a | b).first()</c> is a's first item when a has one, else b's (§6.5 union keeps the left operand's order and
    /// only drops later duplicates), so neither the de-duplication nor, usually, the right operand is computed. This is
    /// the shape of the shipped views' fallbacks, e.g. <c>(address.where(use = 'home') | address).first()</c>, where
    /// de-duplication would compare whole objects. The right operand is evaluated only when needed, as in and/or.
    /// </summary>
    public override void EvaluateFirst(EvalContext context, ItemList input, ItemList output)
    {
        if (op != BinaryOperator.Union)
        {
            base.EvaluateFirst(context, input, output);
            return;
        }
        var before = output.Count;
        left.EvaluateFirst(context, input, output);
        if (output.Count == before)
        {
            right.EvaluateFirst(context, input, output);
        }
    }

    private string OperatorText => operatorText;

    private void Apply(ItemList a, ItemList b, ItemList output)
    {
        switch (op)
        {
            case BinaryOperator.Union:
                AddDistinct(a, output);
                AddDistinct(b, output);
                return;
            case BinaryOperator.Xor:
                var l = Singleton.GetBoolean(a, "xor");
                var r = Singleton.GetBoolean(b, "xor");
                if (l is not null && r is not null)
                {
                    output.Add(Item.FromBoolean(l != r));
                }
                return;
            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
            case BinaryOperator.Equivalent:
            case BinaryOperator.NotEquivalent:
                Equality(a, b, output);
                return;
            case BinaryOperator.In:
            case BinaryOperator.Contains:
                Membership(op == BinaryOperator.In ? a : b, op == BinaryOperator.In ? b : a, output);
                return;
            case BinaryOperator.Concatenate:
                // Views build "system|code" per coding: decode JSON strings onto the stack, so only the result is a new string.
                Span<char> scratch = stackalloc char[512];
                var left = ConcatOperand(a, ref scratch);
                var right = ConcatOperand(b, ref scratch);
                output.Add(Item.FromString(string.Concat(left, right)));
                return;
        }
        if (a.Count == 0 || b.Count == 0)
        {
            return;
        }
        var x = Singleton.Get(a, OperatorText);
        var y = Singleton.Get(b, OperatorText);
        if (op is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual)
        {
            var order = Values.Compare(x, y) ?? throw new FhirPathException($"cannot compare these values with {OperatorText}");
            output.Add(Item.FromBoolean(op switch
            {
                BinaryOperator.Less => order < 0,
                BinaryOperator.LessOrEqual => order <= 0,
                BinaryOperator.Greater => order > 0,
                _ => order >= 0,
            }));
            return;
        }
        Arithmetic(x.ToPrimitive(), y.ToPrimitive(), output);
    }

    /// <summary>An operand of <c>&amp;</c> as text: empty for an empty collection (§6.6), a string's characters, else nothing.</summary>
    internal static ReadOnlySpan<char> ConcatOperand(ItemList values, ref Span<char> scratch)
    {
        if (values.Count == 0)
        {
            return "";
        }
        var item = Singleton.Get(values, "&");
        if (item.Kind == ItemKind.Json && JsonText.TryGetUnescapedUtf8(item.Element, out var utf8) && utf8.Length <= scratch.Length
            && System.Text.Unicode.Utf8.ToUtf16(utf8, scratch, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done)
        {
            var text = scratch[..written];
            scratch = scratch[written..];
            return text;
        }
        return item.ToPrimitive().Text ?? "";
    }

    private void Arithmetic(Item x, Item y, ItemList output)
    {
        if (op == BinaryOperator.Add && x.Kind == ItemKind.String && y.Kind == ItemKind.String)
        {
            output.Add(Item.FromString(x.Text + y.Text));
            return;
        }
        if (!x.IsNumber || !y.IsNumber)
        {
            throw new FhirPathException($"{OperatorText} needs numbers");
        }
        var integers = x.Kind == ItemKind.Integer && y.Kind == ItemKind.Integer;
        switch (op)
        {
            case BinaryOperator.Add:
                output.Add(integers ? Item.FromInteger(x.Number + y.Number) : Item.FromDecimal(x.Number + y.Number));
                return;
            case BinaryOperator.Subtract:
                output.Add(integers ? Item.FromInteger(x.Number - y.Number) : Item.FromDecimal(x.Number - y.Number));
                return;
            case BinaryOperator.Multiply:
                output.Add(integers ? Item.FromInteger(x.Number * y.Number) : Item.FromDecimal(x.Number * y.Number));
                return;
        }
        if (y.Number == 0)
        {
            return; // §6.6: division by zero gives empty.
        }
        switch (op)
        {
            case BinaryOperator.Divide:
                output.Add(Item.FromDecimal(x.Number / y.Number));
                return;
            case BinaryOperator.IntegerDivide:
                output.Add(Item.FromInteger(decimal.Truncate(x.Number / y.Number)));
                return;
            default:
                output.Add(integers ? Item.FromInteger(x.Number % y.Number) : Item.FromDecimal(x.Number % y.Number));
                return;
        }
    }

    private void Equality(ItemList a, ItemList b, ItemList output)
    {
        var equivalent = op is BinaryOperator.Equivalent or BinaryOperator.NotEquivalent;
        var negate = op is BinaryOperator.NotEqual or BinaryOperator.NotEquivalent;
        if (a.Count == 0 || b.Count == 0)
        {
            if (equivalent)
            {
                output.Add(Item.FromBoolean((a.Count == b.Count) != negate));
            }
            return;
        }
        var equal = a.Count == b.Count;
        for (var i = 0; equal && i < a.Count; i++)
        {
            equal = Values.Equal(a[i], b[i], equivalent);
        }
        output.Add(Item.FromBoolean(equal != negate));
    }

    private static void Membership(ItemList element, ItemList collection, ItemList output)
    {
        if (element.Count == 0)
        {
            return;
        }
        var item = Singleton.Get(element, "in/contains");
        var found = false;
        foreach (ref readonly var candidate in collection.AsSpan())
        {
            if (Values.Equal(item, candidate, equivalent: false))
            {
                found = true;
                break;
            }
        }
        output.Add(Item.FromBoolean(found));
    }

    private static void AddDistinct(ItemList from, ItemList output)
    {
        foreach (ref readonly var item in from.AsSpan())
        {
            var seen = false;
            foreach (ref readonly var existing in output.AsSpan())
            {
                if (Values.Equal(item, existing, equivalent: false))
                {
                    seen = true;
                    break;
                }
            }
            if (!seen)
            {
                output.Add(item);
            }
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        key.Append('(');
        left.AppendKey(key);
        key.Append(' ').Append(operatorText).Append(' ');
        right.AppendKey(key);
        key.Append(')');
    }

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite)
    {
        left = rewrite(left);
        right = rewrite(right);
    }
}
