namespace Lodestar.Equity;

/// <summary>
/// One summary measure of disparity across groups. Null value or limits mean "not estimable" (see <see cref="Note"/>),
/// never NaN. <see cref="Definition"/> names the exact formula, because several measures have rival definitions.
/// </summary>
public readonly record struct DisparityIndex(
    string Name,
    double? Value,
    double? Lower,
    double? Upper,
    double? StandardError,
    string Definition,
    string Note);
