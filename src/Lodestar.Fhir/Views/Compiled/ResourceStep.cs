using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>%resource</c> (and <c>%rootResource</c>, <c>%context</c>): the resource the view runs on.</summary>
internal sealed class ResourceStep : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        output.Add(Item.FromJson(context.Resource));
        return true;
    }
}
