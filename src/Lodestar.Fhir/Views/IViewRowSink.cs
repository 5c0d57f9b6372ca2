namespace Lodestar.Fhir.Views;

/// <summary>
/// Receives the rows a view produces for one resource. The span and any JSON-backed values in it are only
/// valid during the call: copy what you keep (strings via <see cref="ViewValue.GetString"/>, or write them straight out).
/// </summary>
public interface IViewRowSink
{
    void OnRow(ReadOnlySpan<ViewValue> row);
}
