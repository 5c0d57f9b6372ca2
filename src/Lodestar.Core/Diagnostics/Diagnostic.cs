namespace Lodestar.Diagnostics;

/// <summary>
/// One problem found in user input or a user definition: where it is (file, line, field) and why.
/// Expected failures are values, not exceptions, so a run can report them all and carry on.
/// </summary>
/// <param name="Source">The file (or other named source) the problem is in.</param>
/// <param name="Line">1-based line number, or 0 when the problem is not tied to a line.</param>
/// <param name="Field">The field, column or path at fault; empty when the whole record is.</param>
/// <param name="Reason">What is wrong, in words a user can act on.</param>
public readonly record struct Diagnostic(string Source, long Line, string Field, string Reason)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{Source}:{Line}" : Source;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Reason}" : $"{where}: {Field}: {Reason}";
    }
}
