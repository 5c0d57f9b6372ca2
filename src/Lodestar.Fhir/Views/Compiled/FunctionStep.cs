using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// A function whose result per item the general node computes itself (<c>extension(url)</c>, <c>getResourceKey()</c>,
/// <c>getReferenceKey(T)</c>): the compiled source feeds the node's own code, so the two paths cannot drift apart.
/// </summary>
internal sealed class FunctionStep(Step source, FunctionNode function) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (!ItemsOf(source, focus, context, out var items, out var rented))
        {
            return false;
        }
        try
        {
            switch (function.Kind)
            {
                case FunctionKind.Extension:
                    function.Extension(items, output);
                    break;
                case FunctionKind.GetResourceKey:
                    FunctionNode.ResourceKey(items, output);
                    break;
                default:
                    function.ReferenceKey(items, output);
                    break;
            }
            return true;
        }
        finally
        {
            if (rented)
            {
                context.Return(items);
            }
        }
    }
}
