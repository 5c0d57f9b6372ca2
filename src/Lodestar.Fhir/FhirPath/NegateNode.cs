using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>Unary minus on a single number.</summary>
internal sealed class NegateNode(Node operand) : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        var values = context.Rent();
        try
        {
            operand.Evaluate(context, input, values);
            if (values.Count == 0)
            {
                return;
            }
            var value = Singleton.Get(values, "unary minus").ToPrimitive();
            if (!value.IsNumber)
            {
                throw new FhirPathException("unary minus needs a number");
            }
            output.Add(value.Kind == ItemKind.Integer ? Item.FromInteger(-value.Number) : Item.FromDecimal(-value.Number));
        }
        finally
        {
            context.Return(values);
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        key.Append("-(");
        operand.AppendKey(key);
        key.Append(')');
    }

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite) => operand = rewrite(operand);
}
