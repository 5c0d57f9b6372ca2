namespace Lodestar.Fhir.Views;

/// <summary>
/// One output column of a compiled view, in view order (SQL on FHIR v2 "Column ordering": a select's own
/// columns, then its nested selects', then its unionAll's).
/// </summary>
/// <param name="Name">The column name, unique in the view.</param>
/// <param name="Path">The FHIRPath expression that fills it.</param>
/// <param name="Type">The declared FHIR type (<c>string</c>, <c>date</c>, <c>integer</c>, <c>decimal</c>, ...), or null when the view leaves it open.</param>
/// <param name="Collection">True when a cell holds an array of values rather than at most one.</param>
/// <param name="Index">0-based position in the row.</param>
public readonly record struct ViewColumn(string Name, string Path, string? Type, bool Collection, int Index)
{
    /// <summary>
    /// The kind of non-null cell (or of each array element, for a collection) to expect from the declared type,
    /// so a columnar store can pick its column type before seeing data: integer types → Integer, decimal → Decimal,
    /// boolean → Boolean, every other primitive (string, code, date, dateTime, ...) → String; Null when the view
    /// declares no type or a complex one (cells then take the kind of the JSON value).
    /// </summary>
    public ViewValueKind ElementKind => Type switch
    {
        "integer" or "positiveInt" or "unsignedInt" or "integer64" => ViewValueKind.Integer,
        "decimal" => ViewValueKind.Decimal,
        "boolean" => ViewValueKind.Boolean,
        "string" or "code" or "id" or "uri" or "url" or "canonical" or "oid" or "uuid" or "markdown" or "base64Binary"
            or "date" or "dateTime" or "time" or "instant" => ViewValueKind.String,
        _ => ViewValueKind.Null,
    };
}
