namespace Lodestar.Fhir.Views.Streamed;

/// <summary>The FHIRPath operations the one-pass reader evaluates (the shapes Lodestar's own views use).</summary>
internal enum StreamOp : byte
{
    /// <summary><c>$this</c>: the focus.</summary>
    Focus,

    /// <summary><c>source.name</c> (or <c>name.ofType(T)</c> on a choice element), through a kept member.</summary>
    Member,

    /// <summary><c>source.first()</c>.</summary>
    First,

    /// <summary><c>(a | b | ...).first()</c>: the first part's first item that has one.</summary>
    UnionFirst,

    /// <summary><c>source.where(criteria)</c>.</summary>
    Where,

    /// <summary><c>source.exists(criteria)</c>.</summary>
    ExistsWhere,

    /// <summary><c>source.exists()</c>.</summary>
    Exists,

    /// <summary><c>source.empty()</c>.</summary>
    Empty,

    /// <summary><c>source.select(projection)</c>.</summary>
    Select,

    /// <summary><c>left = right</c>, or <c>!=</c>.</summary>
    Equal,

    /// <summary><c>left and right</c>, or <c>or</c>.</summary>
    Logic,

    /// <summary><c>left &amp; right</c>.</summary>
    Concat,

    /// <summary><c>getResourceKey()</c> on the resource.</summary>
    ResourceKey,

    /// <summary><c>source.getReferenceKey(T)</c>.</summary>
    ReferenceKey,

    /// <summary>A string literal.</summary>
    Literal,

    /// <summary><c>iif(criterion, then[, otherwise])</c> on the focus.</summary>
    Iif,

    /// <summary><c>source.startsWith('prefix')</c>.</summary>
    StartsWith,
}
