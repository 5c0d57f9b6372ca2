namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A node of a compiled FHIRPath expression. Expressions are parsed once per view; evaluation walks
/// this tree, appending the result collection to <c>output</c>. <c>input</c> is the focus
/// (FHIRPath's <c>$this</c>): the resource, a forEach element, or one item inside <c>where()</c>.
/// </summary>
internal abstract class Node
{
    public abstract void Evaluate(EvalContext context, ItemList input, ItemList output);

    /// <summary>The name when this node is a bare identifier (used for type specifiers such as <c>ofType(Quantity)</c>).</summary>
    public virtual string? IdentifierName => null;
}
