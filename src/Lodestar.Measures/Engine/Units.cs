namespace Lodestar.Measures.Engine;

/// <summary>
/// Normalises UCUM units for value comparisons. HbA1c in IFCC mmol/mol converts to NGSP % by the
/// master equation NGSP = 0.09148 × IFCC + 2.152 (Hoelzel et al., Clin Chem 2004;50:166).
/// </summary>
public static class Units
{
    public static double? Convert(double value, string? from, string? to)
    {
        var f = Canonical(from);
        var t = Canonical(to);
        // A value without a unit is taken to be in the measure's unit (synthetic and many EHR feeds omit it).
        if (t is null || f is null || f == t)
        {
            return value;
        }
        return (f, t) switch
        {
            ("mmol/mol", "%") => 0.09148 * value + 2.152,
            ("%", "mmol/mol") => (value - 2.152) / 0.09148,
            _ => null,
        };
    }

    /// <summary>The canonical spelling of a UCUM unit, or null for none; shared with the SQL generator so both executors normalise alike.</summary>
    public static string? Canonical(string? unit) => unit?.Trim() switch
    {
        null or "" => null,
        "mmHg" or "mm Hg" or "mm[Hg]" => "mm[Hg]",
        "kg/m2" or "kg/m^2" or "kg/m²" => "kg/m2",
        "percent" or "%" => "%",
        var u => u,
    };
}
