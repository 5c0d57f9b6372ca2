using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>left = right</c> (or <c>!=</c> when <paramref name="negate"/>): empty when either side is, else item-wise equality.</summary>
internal sealed class EqualStep(Step left, Step right, bool negate) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        var a = context.Rent();
        var b = context.Rent();
        try
        {
            if (!left.Eval(focus, context, a) || !right.Eval(focus, context, b))
            {
                return false;
            }
            if (a.Count == 0 || b.Count == 0)
            {
                return true;
            }
            var equal = a.Count == b.Count;
            for (var i = 0; equal && i < a.Count; i++)
            {
                equal = Values.Equal(a[i], b[i], equivalent: false);
            }
            output.Add(Item.FromBoolean(equal != negate));
            return true;
        }
        finally
        {
            context.Return(a);
            context.Return(b);
        }
    }
}
