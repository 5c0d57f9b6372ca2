using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A node of a compiled FHIRPath expression. Expressions are parsed once per view; evaluation walks
/// this tree, appending the result collection to <c>output</c>. <c>input</c> is the focus
/// (FHIRPath's <c>$this</c>): the resource, a forEach element, or one item inside <c>where()</c>.
/// </summary>
internal abstract class Node
{
    public abstract void Evaluate(EvalContext context, ItemList input, ItemList output);

    /// <summary>
    /// Appends the first item of the result, or nothing when it is empty: what <c>first()</c> needs. By default the
    /// whole collection is computed; a node that can stop early (a union) overrides this.
    /// </summary>
    public virtual void EvaluateFirst(EvalContext context, ItemList input, ItemList output)
    {
        var all = context.Rent();
        try
        {
            Evaluate(context, input, all);
            if (all.Count > 0)
            {
                output.Add(all[0]);
            }
        }
        finally
        {
            context.Return(all);
        }
    }

    /// <summary>The name when this node is a bare identifier (used for type specifiers such as <c>ofType(Quantity)</c>).</summary>
    public virtual string? IdentifierName => null;

    /// <summary>
    /// Writes the node's structure: two nodes with equal keys give the same result for the same input, so a
    /// view can compute a path its columns share (<c>code.coding</c>, <c>value</c>) once per row (<see cref="MemoNode"/>).
    /// </summary>
    public abstract void AppendKey(StringBuilder key);

    /// <summary>
    /// Replaces each child that is evaluated on this node's own input (its "same focus" children: a path's source,
    /// an operator's operands), so the children can be memoized. Children evaluated per item (inside <c>where()</c>)
    /// are left alone: their input changes within one row.
    /// </summary>
    public virtual void RewriteSameFocusChildren(Func<Node, Node> rewrite)
    {
    }

    public string Key
    {
        get
        {
            var key = new StringBuilder();
            AppendKey(key);
            return key.ToString();
        }
    }
}
