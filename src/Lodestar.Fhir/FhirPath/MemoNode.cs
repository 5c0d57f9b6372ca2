using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A subexpression several columns of one select share, evaluated once per focus: the first column to need it
/// fills the context's slot and the others copy it. The slot is valid for one <see cref="EvalContext.Generation"/>
/// (one focus) and one input list, so a stale or foreign value is never reused.
/// </summary>
internal sealed class MemoNode(Node inner, int slot) : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        if (context.TryGetMemo(slot, input) is not { } values)
        {
            values = context.StartMemo(slot);
            inner.Evaluate(context, input, values);
            context.FinishMemo(slot, input);
        }
        output.AddRange(values);
    }

    public override string? IdentifierName => inner.IdentifierName;

    internal Node Inner => inner;

    public override void AppendKey(StringBuilder key) => inner.AppendKey(key);

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite) => inner.RewriteSameFocusChildren(rewrite);
}
