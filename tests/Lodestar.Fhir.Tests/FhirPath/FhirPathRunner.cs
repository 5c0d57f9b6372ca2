using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Tests.FhirPath;

/// <summary>Evaluates one FHIRPath expression against one resource, the resource as both context and input.</summary>
internal static class FhirPathRunner
{
    /// <summary>The result items as text (<see cref="Text.Of"/>), in order.</summary>
    public static string[] Evaluate(string resource, string expression)
    {
        using var document = JsonDocument.Parse(resource);
        var node = Parser.Parse(expression, new Dictionary<string, Item[]>());
        var context = new EvalContext { Resource = document.RootElement };
        var input = new ItemList();
        input.Add(Item.FromJson(document.RootElement));
        var output = new ItemList();
        node.Evaluate(context, input, output);
        return output.AsSpan().ToArray().Select(i => Text.Of(i)).ToArray();
    }
}
