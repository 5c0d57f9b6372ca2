using System.Text;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// Compiles an expression tree into <see cref="Step"/>s when every node is one Lodestar's own views use: member paths,
/// <c>ofType</c>, <c>where</c>, <c>select</c>, <c>exists</c>, <c>empty</c>, <c>first</c>, <c>(a | b).first()</c>,
/// <c>extension(url)</c>, <c>getResourceKey()</c>, <c>getReferenceKey(T)</c>, <c>=</c>, <c>!=</c>, <c>and</c>, <c>or</c>,
/// <c>&amp;</c>, literals and constants. Anything else gives null, and the column stays with the general evaluator.
/// Bare members on the resource become slots, filled by one pass over the resource's members.
/// </summary>
internal sealed class StepCompiler
{
    /// <summary>The slot of <c>resourceType</c>, always read: it decides whether the view runs on a resource.</summary>
    public const int ResourceTypeSlot = 0;

    private readonly List<byte[]> slots = ["resourceType"u8.ToArray()];
    private readonly Dictionary<string, CachedStep> shared = new(StringComparer.Ordinal);

    /// <summary>The resource's top-level members the compiled columns read, by slot.</summary>
    public IReadOnlyList<byte[]> SlotNames => slots;

    /// <summary>How many shared paths the compiled columns cache per resource.</summary>
    public int Caches => shared.Count;

    /// <summary>Compiles a column's expression, evaluated on the resource; null when some node is not supported.</summary>
    public Step? CompileColumn(Node expression) => Compile(expression, onResource: true, underFirst: false);

    /// <param name="onResource">The focus is the resource itself, so a bare member can read its slot.</param>
    /// <param name="underFirst">Only the first item is wanted (the node is first()'s source), so a union may be compiled.</param>
    private Step? Compile(Node node, bool onResource, bool underFirst)
    {
        switch (node)
        {
            case MemoNode memo when onResource:
                // A path several columns share on the resource: one step, computed once per resource.
                var key = memo.Inner.Key;
                if (shared.TryGetValue(key, out var known))
                {
                    return known;
                }
                if (Compile(memo.Inner, onResource, underFirst: false) is not { } inner)
                {
                    return null;
                }
                var cached = new CachedStep(inner, shared.Count);
                shared[key] = cached;
                return cached;
            case MemoNode memo:
                return Compile(memo.Inner, onResource, underFirst);
            case ThisNode:
                return FocusStep.Instance;
            case ResourceNode:
                return new ResourceStep();
            case LiteralNode literal:
                return new LiteralStep(literal.Values.ToArray());
            case MemberNode member:
                return Member(member, onResource);
            case FunctionNode function:
                return Function(function, onResource);
            case BinaryNode binary:
                return Binary(binary, onResource, underFirst);
            default:
                return null;
        }
    }

    private Step? Member(MemberNode member, bool onResource)
    {
        if (member.Source is null)
        {
            if (member.MayBeTypeName)
            {
                return null;
            }
            return onResource ? new SlotStep(Slot(member.NameUtf8)) : new MemberStep(null, member.NameUtf8);
        }
        return Compile(member.Source, onResource, underFirst: false) is { } source ? new MemberStep(source, member.NameUtf8) : null;
    }

    private Step? Function(FunctionNode function, bool onResource)
    {
        // Without a source a function applies to the focus.
        Step? source = function.Source is null
            ? FocusStep.Instance
            : Compile(function.Source, onResource, underFirst: function.Kind == FunctionKind.First);
        if (source is null)
        {
            return null;
        }
        var arguments = function.Arguments;
        switch (function.Kind)
        {
            case FunctionKind.First when arguments.Length == 0:
                return new FirstStep(source);
            case FunctionKind.OfType when function.TypeArgument is { } type:
                return new OfTypeStep(source, type);
            case FunctionKind.Where when arguments.Length == 1:
                return Criteria(arguments[0]) is { } where ? new WhereStep(source, where) : null;
            case FunctionKind.Exists when arguments.Length == 1:
                return Criteria(arguments[0]) is { } criteria ? new WhereStep(source, criteria, exists: true) : null;
            case FunctionKind.Exists when arguments.Length == 0:
                return new CountTestStep(source, empty: false);
            case FunctionKind.Empty when arguments.Length == 0:
                return new CountTestStep(source, empty: true);
            case FunctionKind.Select when arguments.Length == 1:
                return Criteria(arguments[0]) is { } projection ? new SelectStep(source, projection) : null;
            case FunctionKind.GetResourceKey when function.Source is null && onResource:
                return new ResourceKeyStep(ResourceTypeSlot, Slot("id"u8.ToArray()));
            case FunctionKind.Extension:
            case FunctionKind.GetResourceKey:
            case FunctionKind.GetReferenceKey:
                return new FunctionStep(source, function);
            default:
                return null;
        }
    }

    /// <summary>An argument evaluated once per item, with that item as the focus.</summary>
    private Step? Criteria(Node argument) => Compile(argument, onResource: false, underFirst: false);

    private Step? Binary(BinaryNode binary, bool onResource, bool underFirst)
    {
        if (binary.Operator == BinaryOperator.Union)
        {
            // Only first()'s source: a whole union de-duplicates, which the compiled form does not do.
            return underFirst
                && Compile(binary.Left, onResource, underFirst: true) is { } a
                && Compile(binary.Right, onResource, underFirst: true) is { } b
                ? new UnionFirstStep(a, b)
                : null;
        }
        if (binary.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Concatenate))
        {
            return null;
        }
        if (Compile(binary.Left, onResource, underFirst: false) is not { } left || Compile(binary.Right, onResource, underFirst: false) is not { } right)
        {
            return null;
        }
        return binary.Operator switch
        {
            BinaryOperator.Equal => new EqualStep(left, right, negate: false),
            BinaryOperator.NotEqual => new EqualStep(left, right, negate: true),
            BinaryOperator.And => new LogicStep(left, right, or: false),
            BinaryOperator.Or => new LogicStep(left, right, or: true),
            _ => new ConcatStep(left, right),
        };
    }

    private int Slot(byte[] name)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i].AsSpan().SequenceEqual(name))
            {
                return i;
            }
        }
        slots.Add(name);
        return slots.Count - 1;
    }

    public override string ToString() => string.Join(", ", slots.Select(s => Encoding.UTF8.GetString(s)));
}
