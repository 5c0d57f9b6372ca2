namespace Lodestar.Fhir.Reading;

/// <summary>
/// Receives accepted resources. Called concurrently from several workers (different files), sequentially and
/// in file order within one file; use <see cref="FhirResource.Worker"/> to keep lock-free per-worker state.
/// </summary>
public interface IFhirResourceHandler
{
    void OnResource(in FhirResource resource);
}
