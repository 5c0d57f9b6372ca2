using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary><c>%resource</c>, <c>%rootResource</c>, <c>%context</c>: the resource the view is running on.</summary>
internal sealed class ResourceNode : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output) =>
        output.Add(Item.FromJson(context.Resource));

    public override void AppendKey(StringBuilder key) => key.Append("%resource");
}
