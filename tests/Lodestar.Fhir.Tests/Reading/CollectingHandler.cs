using System.Collections.Concurrent;
using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

/// <summary>Records what the reader accepted: "Type/id@line" per file.</summary>
internal sealed class CollectingHandler : IFhirResourceHandler
{
    public ConcurrentQueue<(string File, long Line, string Key)> Accepted { get; } = new();

    public void OnResource(in FhirResource resource) =>
        Accepted.Enqueue((Path.GetFileName(resource.Source.Path), resource.Line, $"{resource.ResourceType}/{resource.Id}"));
}
