using Lodestar.Fhir.Views;

namespace Lodestar.Cli.Commands;

/// <summary>Holds one resource's rows (the cells reference its JSON, valid until the handler returns) to write them under a lock.</summary>
internal sealed class RowBuffer : IViewRowSink
{
    private readonly List<ViewValue[]> rows = [];

    public void OnRow(ReadOnlySpan<ViewValue> row) => rows.Add(row.ToArray());

    public void WriteTo(IViewRowSink sink)
    {
        foreach (var row in rows)
        {
            sink.OnRow(row);
        }
    }
}
