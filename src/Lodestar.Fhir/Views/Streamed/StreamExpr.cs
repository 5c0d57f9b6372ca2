namespace Lodestar.Fhir.Views.Streamed;

/// <summary>A FHIRPath expression compiled for the one-pass reader: an operation and its operands.</summary>
internal sealed class StreamExpr(StreamOp op)
{
    public StreamOp Op { get; } = op;

    /// <summary>The input collection; null means the focus.</summary>
    public StreamExpr? Source { get; init; }

    /// <summary>The criteria, projection or left operand.</summary>
    public StreamExpr? Left { get; init; }

    public StreamExpr? Right { get; init; }

    /// <summary>The parts of a union under first(); iif's criterion, then and otherwise.</summary>
    public StreamExpr[] Parts { get; init; } = [];

    /// <summary>The member read (for <see cref="StreamOp.Member"/>, and <c>reference</c> for <see cref="StreamOp.ReferenceKey"/>).</summary>
    public StreamNode? Node { get; init; }

    /// <summary>A literal's UTF-8, startsWith's prefix, or getReferenceKey's "Type/" prefix.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>A literal's index in the plan's literals.</summary>
    public int Literal { get; init; }

    /// <summary>getReferenceKey's type argument.</summary>
    public string? Type { get; init; }

    /// <summary><c>!=</c> rather than <c>=</c>; <c>or</c> rather than <c>and</c>.</summary>
    public bool Flag { get; init; }

    /// <summary>
    /// For a member read through members only (<c>code.coding.code</c>): how many members down from the focus it is.
    /// Such a path's values are the member's values below the focus value, so no collection is built per step. 0 otherwise.
    /// </summary>
    public int Steps { get; init; }
}
