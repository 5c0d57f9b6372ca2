using Lodestar.Fhir.Views;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>The workspace column type for a view column, from its declared FHIR type (SQL on FHIR v2 column.type).</summary>
public static class ColumnTypes
{
    public static ColumnType For(ViewColumn column) => column.Collection
        ? ColumnType.StringList
        : column.Type switch
        {
            "boolean" => ColumnType.Bool,
            "integer" or "positiveInt" or "unsignedInt" or "integer64" => ColumnType.Int64,
            "decimal" => ColumnType.Double,
            "date" or "dateTime" or "instant" => ColumnType.Date,
            _ => ColumnType.String,
        };

    public static IReadOnlyList<(string Name, ColumnType Type)> Schema(ViewDefinition view) =>
        view.Columns.Select(c => (c.Name, For(c))).ToArray();
}
