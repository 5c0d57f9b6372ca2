namespace Lodestar.Fhir.FhirPath;

internal enum BinaryOperator : byte
{
    Add,
    Subtract,
    Multiply,
    Divide,
    IntegerDivide,
    Modulo,
    Concatenate,
    Equal,
    NotEqual,
    Equivalent,
    NotEquivalent,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Union,
    And,
    Or,
    Xor,
    Implies,
    In,
    Contains,
}
