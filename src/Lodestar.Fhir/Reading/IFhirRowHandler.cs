using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// A handler that wants views' rows rather than resources. For a resource type whose every view (of
/// <see cref="Views"/>) the reader can compute in one forward pass over a record's bytes, the reader does so without
/// building a JsonDocument and calls <see cref="OnRow"/> once per view of the type, in <see cref="Views"/> order, with
/// the row <see cref="ViewDefinition.Evaluate"/> would give. Every other record (other types, and any record the pass
/// cannot reproduce exactly) goes to <see cref="IFhirResourceHandler.OnResource"/> as before, so the handler must also
/// evaluate the views there. Same threading as <see cref="IFhirResourceHandler"/>.
/// </summary>
public interface IFhirRowHandler : IFhirResourceHandler
{
    /// <summary>The views whose rows the handler takes; <see cref="OnRow"/>'s view index points into this list.</summary>
    IReadOnlyList<ViewDefinition> Views { get; }

    /// <summary>
    /// One view's row for an accepted resource read in one pass. <paramref name="resource"/>'s
    /// <see cref="FhirResource.Json"/> is default (the record was never parsed into a document); the row and the text
    /// its cells point at are valid only during the call.
    /// </summary>
    void OnRow(in FhirResource resource, int view, ReadOnlySpan<ViewValue> row);
}
