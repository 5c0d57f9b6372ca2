using System.Text;
using Lodestar.Fhir.FhirPath;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// Compiles the views of one resource type, with the validator's rules and the reference check's fields, into a
/// <see cref="StreamPlan"/>. Only views of one row per resource (<see cref="Compiled.CompiledView"/>'s shape) whose every
/// column uses member paths, <c>ofType</c> on choice elements, <c>first</c>, <c>(a | b).first()</c>, <c>where</c>,
/// <c>exists</c>, <c>empty</c>, <c>select</c>, <c>iif</c> (without a source), <c>startsWith</c> of a literal, <c>=</c>,
/// <c>!=</c>, <c>and</c>, <c>or</c>, <c>&amp;</c>, string literals (and constants), <c>getResourceKey()</c> and
/// <c>getReferenceKey(T)</c> compile; for any other view the type gets no plan and its records
/// are parsed and evaluated as before. Everything is derived from the view JSON, so replaced views compile the same way.
/// </summary>
internal sealed class StreamCompiler
{
    /// <summary>The reference check's fields (<see cref="PatientReferenceTracker"/>), in its order.</summary>
    public static readonly string[] TrackedFields = ["subject", "patient", "beneficiary"];

    private readonly List<StreamNode> nodes = [];
    private readonly List<byte[]> literals = [];

    private StreamCompiler()
    {
        var root = new StreamNode(0, null, []);
        nodes.Add(root);
        Child(root, "resourceType"u8.ToArray());
        Child(root, "id"u8.ToArray());
    }

    private StreamNode Root => nodes[0];

    /// <summary>A plan for <paramref name="resourceType"/>'s views (indexes into the handler's list), or null when one of them does not compile.</summary>
    public static StreamPlan? TryCompile(string resourceType, IReadOnlyList<(int Index, ViewDefinition View)> views, bool trackReferences)
    {
        if (views.Count == 0)
        {
            return null;
        }
        var compiler = new StreamCompiler();
        var columns = new StreamExpr[views.Count][];
        for (var v = 0; v < views.Count; v++)
        {
            if (views[v].View.Compiled is not { } compiled)
            {
                return null;
            }
            columns[v] = new StreamExpr[compiled.Columns.Length];
            for (var c = 0; c < compiled.Columns.Length; c++)
            {
                if (compiler.Compile(compiled.Columns[c].Expression, compiler.Root, onResource: true, underFirst: false) is not { } column)
                {
                    return null;
                }
                columns[v][c] = column.Expr;
            }
        }
        foreach (var rule in ResourceValidator.RulesFor(resourceType))
        {
            var node = compiler.Root;
            for (var s = 0; s < rule.Segments.Length; s++)
            {
                if (s > 0)
                {
                    node.OnCheckPath = true;
                }
                node = compiler.Child(node, rule.Segments[s]);
            }
            node.Check = rule.Kind;
        }
        var tracked = new StreamNode?[TrackedFields.Length];
        if (trackReferences && resourceType != "Patient")
        {
            for (var t = 0; t < TrackedFields.Length; t++)
            {
                tracked[t] = compiler.Child(compiler.Child(compiler.Root, Encoding.UTF8.GetBytes(TrackedFields[t])), "reference"u8.ToArray());
            }
        }
        if (compiler.nodes.Any(n => n.Check is not null && n.OnCheckPath))
        {
            return null; // a rule ends where another goes on: never so for the shipped rules
        }
        return new StreamPlan(resourceType, [.. compiler.nodes], [.. views.Select(v => v.Index)], columns,
            [.. views.Select(v => v.View.Compiled!.Columns.Select(c => c.Column).ToArray())], tracked, [.. compiler.literals]);
    }

    private StreamNode Child(StreamNode parent, byte[] name)
    {
        foreach (var child in parent.Children)
        {
            if (child.Name.AsSpan().SequenceEqual(name))
            {
                return child;
            }
        }
        var node = new StreamNode(nodes.Count, parent, name);
        nodes.Add(node);
        parent.Children.Add(node);
        return node;
    }

    /// <summary>The compiled expression and the member whose values it gives (null when it gives computed values).</summary>
    private (StreamExpr Expr, StreamNode? Yields)? Compile(Node node, StreamNode focus, bool onResource, bool underFirst)
    {
        switch (node)
        {
            case MemoNode memo:
                return Compile(memo.Inner, focus, onResource, underFirst);
            case ThisNode:
                return (new StreamExpr(StreamOp.Focus), focus);
            case LiteralNode literal when literal.Values.Length == 1 && literal.Values[0].Kind == ItemKind.String:
                literals.Add(Encoding.UTF8.GetBytes(literal.Values[0].Text!));
                return (new StreamExpr(StreamOp.Literal) { Bytes = literals[^1], Literal = literals.Count - 1 }, null);
            case MemberNode member:
                return Member(member, focus, onResource);
            case FunctionNode function:
                return Function(function, focus, onResource);
            case BinaryNode binary:
                return Binary(binary, focus, onResource, underFirst);
            default:
                return null;
        }
    }

    private (StreamExpr Expr, StreamNode? Yields)? Member(MemberNode member, StreamNode focus, bool onResource)
    {
        if (Parent(member, focus, onResource) is not { } parent)
        {
            return null;
        }
        var child = Child(parent.Yields, member.NameUtf8);
        child.ReadByName = true;
        return (new StreamExpr(StreamOp.Member) { Source = parent.Expr, Node = child, Steps = StepsThrough(parent.Expr) }, child);
    }

    /// <summary>The member a member path is read from: the focus for a bare name (never a type name), else its source's.</summary>
    private (StreamExpr? Expr, StreamNode Yields)? Parent(MemberNode member, StreamNode focus, bool onResource)
    {
        if (member.Source is null)
        {
            return member.MayBeTypeName ? null : (null, focus);
        }
        return Compile(member.Source, focus, onResource, underFirst: false) is { Yields: { } yields } source ? (source.Expr, yields) : null;
    }

    private (StreamExpr Expr, StreamNode? Yields)? Function(FunctionNode function, StreamNode focus, bool onResource)
    {
        var arguments = function.Arguments;
        // ofType(T) and getReferenceKey(T) keep T as their argument node, and as TypeArgument.
        if (function.Kind == FunctionKind.OfType && function.TypeArgument is { } typeArgument
            && Unwrap(function.Source) is MemberNode member)
        {
            // name.ofType(T) on a choice element is the member name + T (FHIR R4 §2.24.0.1): valueQuantity.
            var type = typeArgument[(typeArgument.LastIndexOf('.') + 1)..];
            if (type.Length == 0 || Parent(member, focus, onResource) is not { } parent)
            {
                return null;
            }
            var name = Encoding.UTF8.GetBytes(member.Name + char.ToUpperInvariant(type[0]) + type[1..]);
            var child = Child(parent.Yields, name);
            if (child.ChoiceBase is not null && (!child.ChoiceBase.AsSpan().SequenceEqual(member.NameUtf8) || child.ChoiceType != type))
            {
                return null;
            }
            child.ChoiceBase = member.NameUtf8;
            child.ChoiceType = type;
            return (new StreamExpr(StreamOp.Member) { Source = parent.Expr, Node = child, Steps = StepsThrough(parent.Expr) }, child);
        }
        if (function.Kind == FunctionKind.GetResourceKey)
        {
            return function.Source is null && onResource && arguments.Length == 0 ? (new StreamExpr(StreamOp.ResourceKey), null) : null;
        }
        if (function.Kind == FunctionKind.Iif)
        {
            // Without a source, iif evaluates its criterion and the branch it picks on its own focus.
            if (function.Source is not null || arguments.Length is not (2 or 3))
            {
                return null;
            }
            var parts = new StreamExpr[arguments.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (Compile(arguments[i], focus, onResource, underFirst: false) is not { } part)
                {
                    return null;
                }
                parts[i] = part.Expr;
            }
            return (new StreamExpr(StreamOp.Iif) { Parts = parts }, null);
        }
        (StreamExpr? Expr, StreamNode? Yields) source = (null, focus);
        if (function.Source is not null)
        {
            if (Compile(function.Source, focus, onResource, underFirst: function.Kind == FunctionKind.First) is not { } compiled)
            {
                return null;
            }
            source = compiled;
        }
        switch (function.Kind)
        {
            case FunctionKind.First when arguments.Length == 0:
                return (new StreamExpr(StreamOp.First) { Source = source.Expr }, source.Yields);
            case FunctionKind.Exists when arguments.Length == 0:
                return (new StreamExpr(StreamOp.Exists) { Source = source.Expr }, null);
            case FunctionKind.Empty when arguments.Length == 0:
                return (new StreamExpr(StreamOp.Empty) { Source = source.Expr }, null);
            case FunctionKind.Where or FunctionKind.Exists or FunctionKind.Select when arguments.Length == 1 && source.Yields is { } items:
                if (Compile(arguments[0], items, onResource: false, underFirst: false) is not { } argument)
                {
                    return null;
                }
                return function.Kind switch
                {
                    FunctionKind.Where => (new StreamExpr(StreamOp.Where) { Source = source.Expr, Left = argument.Expr }, items),
                    FunctionKind.Exists => (new StreamExpr(StreamOp.ExistsWhere) { Source = source.Expr, Left = argument.Expr }, null),
                    _ => (new StreamExpr(StreamOp.Select) { Source = source.Expr, Left = argument.Expr }, argument.Yields),
                };
            case FunctionKind.StartsWith when arguments.Length == 1
                && Unwrap(arguments[0]) is LiteralNode { Values: [{ Kind: ItemKind.String, Text: { } prefix }] }:
                return (new StreamExpr(StreamOp.StartsWith) { Source = source.Expr, Bytes = Encoding.UTF8.GetBytes(prefix) }, null);
            case FunctionKind.GetReferenceKey when (arguments.Length == 0 || function.TypeArgument is not null) && source.Yields is { } references:
                return (new StreamExpr(StreamOp.ReferenceKey)
                {
                    Source = source.Expr,
                    Node = Child(references, "reference"u8.ToArray()),
                    Type = function.TypeArgument,
                    Bytes = function.TypeArgument is { } t ? Encoding.UTF8.GetBytes(t + "/") : null,
                }, null);
            default:
                return null;
        }
    }

    /// <summary>The steps of a member read from <paramref name="source"/>: one more than its source's, if that is members only.</summary>
    private static int StepsThrough(StreamExpr? source) => source is null ? 1 : source.Op == StreamOp.Member && source.Steps > 0 ? source.Steps + 1 : 0;

    /// <summary>A node without the memo wrapper shared subexpressions get (<see cref="SharedPaths"/>).</summary>
    private static Node? Unwrap(Node? node) => node is MemoNode memo ? Unwrap(memo.Inner) : node;

    private (StreamExpr Expr, StreamNode? Yields)? Binary(BinaryNode binary, StreamNode focus, bool onResource, bool underFirst)
    {
        if (binary.Operator == BinaryOperator.Union)
        {
            // Only as first()'s source: a union's first item is its left side's first, else its right side's (FHIRPath §6.5).
            if (!underFirst
                || Compile(binary.Left, focus, onResource, underFirst: true) is not { } a
                || Compile(binary.Right, focus, onResource, underFirst: true) is not { } b)
            {
                return null;
            }
            return (new StreamExpr(StreamOp.UnionFirst) { Parts = [a.Expr, b.Expr] }, null);
        }
        if (binary.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Concatenate)
            || Compile(binary.Left, focus, onResource, underFirst: false) is not { } left
            || Compile(binary.Right, focus, onResource, underFirst: false) is not { } right)
        {
            return null;
        }
        var op = binary.Operator switch
        {
            BinaryOperator.Equal or BinaryOperator.NotEqual => StreamOp.Equal,
            BinaryOperator.And or BinaryOperator.Or => StreamOp.Logic,
            _ => StreamOp.Concat,
        };
        return (new StreamExpr(op)
        {
            Left = left.Expr,
            Right = right.Expr,
            Flag = binary.Operator is BinaryOperator.NotEqual or BinaryOperator.Or,
        }, null);
    }
}
