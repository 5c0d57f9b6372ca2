namespace Lodestar.Fhir.Reading;

/// <summary>Which top-level property of a JSON file the streaming reader has just seen a name for.</summary>
internal enum BundleProperty
{
    None,
    Entry,
    ResourceType,
}
