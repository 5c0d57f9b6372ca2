using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>left &amp; right</c>: string concatenation where an empty operand counts as '' (FHIRPath §6.6).</summary>
internal sealed class ConcatStep(Step left, Step right) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        var a = context.Rent();
        var b = context.Rent();
        try
        {
            // Several values in an operand is an error the general evaluator reports.
            if (!left.Eval(focus, context, a) || !right.Eval(focus, context, b) || a.Count > 1 || b.Count > 1)
            {
                return false;
            }
            Span<char> scratch = stackalloc char[512];
            var x = BinaryNode.ConcatOperand(a, ref scratch);
            var y = BinaryNode.ConcatOperand(b, ref scratch);
            output.Add(Item.FromString(string.Concat(x, y)));
            return true;
        }
        finally
        {
            context.Return(a);
            context.Return(b);
        }
    }
}
