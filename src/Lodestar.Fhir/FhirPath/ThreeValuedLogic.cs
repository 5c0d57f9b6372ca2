namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// FHIRPath's truth tables for <c>and</c>, <c>or</c> and <c>implies</c> (§6.5), where an empty operand is unknown
/// (null). One table for the general evaluator, the compiled steps and the one-pass reader, so they cannot differ.
/// </summary>
internal static class ThreeValuedLogic
{
    /// <summary>The result from the left operand alone when it decides (false and X, true or X, false implies X); else null.</summary>
    public static bool? ShortCircuit(BinaryOperator op, bool? left) => op switch
    {
        BinaryOperator.And when left == false => false,
        BinaryOperator.Or when left == true => true,
        BinaryOperator.Implies when left == false => true,
        _ => null,
    };

    /// <summary>The result of both operands; null is unknown (an empty result).</summary>
    public static bool? Combine(BinaryOperator op, bool? left, bool? right) => op switch
    {
        BinaryOperator.And => right == false ? false : (left == true && right == true ? true : null),
        BinaryOperator.Or => right == true ? true : (left == false && right == false ? false : null),
        BinaryOperator.Implies => left == true ? right : (right == true ? true : null),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a logical operator"),
    };
}
