using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>and</c> / <c>or</c> with FHIRPath's three-valued logic (§6.5), short-circuiting as the general evaluator does.</summary>
internal sealed class LogicStep(Step left, Step right, bool or) : Step
{
    private readonly BinaryOperator op = or ? BinaryOperator.Or : BinaryOperator.And;

    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        var values = context.Rent();
        try
        {
            if (!left.Eval(focus, context, values) || !TryGetBoolean(values, out var l))
            {
                return false;
            }
            if (ThreeValuedLogic.ShortCircuit(op, l) is { } decided)
            {
                output.Add(Item.FromBoolean(decided));
                return true;
            }
            values.Clear();
            if (!right.Eval(focus, context, values) || !TryGetBoolean(values, out var r))
            {
                return false;
            }
            if (ThreeValuedLogic.Combine(op, l, r) is { } value)
            {
                output.Add(Item.FromBoolean(value));
            }
            return true;
        }
        finally
        {
            context.Return(values);
        }
    }

    /// <summary>Empty gives null; one boolean gives it; anything else is an error left to the general evaluator.</summary>
    private static bool TryGetBoolean(ItemList values, out bool? value)
    {
        value = null;
        if (values.Count == 0)
        {
            return true;
        }
        if (values.Count > 1 || values[0].ToPrimitive() is not { Kind: ItemKind.Boolean } single)
        {
            return false;
        }
        value = single.Flag;
        return true;
    }
}
