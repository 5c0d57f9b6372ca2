using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// <c>getResourceKey()</c> on the resource: "Type/id" from the resourceType and id the pass over its members found,
/// as <see cref="FunctionNode.ResourceKey"/> makes it from its two lookups.
/// </summary>
internal sealed class ResourceKeyStep(int typeSlot, int idSlot) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (context.HasExact[typeSlot] && context.Exact[typeSlot] is { ValueKind: JsonValueKind.String } type
            && context.HasExact[idSlot] && context.Exact[idSlot] is { ValueKind: JsonValueKind.String } id)
        {
            output.Add(Item.FromString(FunctionNode.KeyOf(type, id)));
        }
        return true;
    }
}
