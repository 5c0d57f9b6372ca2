namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// What the one-pass reader does with a record of one resource type: the members to keep (views', validator rules' and
/// the reference check's, merged into one tree) and each view's columns compiled against them.
/// </summary>
internal sealed class StreamPlan(string resourceType, StreamNode[] nodes, int[] views, StreamExpr[][] columns, ViewColumn[][] columnInfo, StreamNode?[] tracked, byte[][] literals)
{
    public string ResourceType { get; } = resourceType;

    /// <summary>Every kept member by index; [0] is the resource, [1] its resourceType, [2] its id.</summary>
    public StreamNode[] Nodes { get; } = Sealed(nodes);

    public StreamNode Root => Nodes[0];

    public StreamNode TypeNode => Nodes[1];

    public StreamNode IdNode => Nodes[2];

    /// <summary>Each view's index in the handler's list.</summary>
    public int[] Views { get; } = views;

    /// <summary>Per view, its columns' expressions in row order.</summary>
    public StreamExpr[][] Columns { get; } = columns;

    public ViewColumn[][] ColumnInfo { get; } = columnInfo;

    /// <summary>The <c>reference</c> members of subject, patient and beneficiary, for the missing-patient check (null when not checked).</summary>
    public StreamNode?[] Tracked { get; } = tracked;

    /// <summary>The views' string literals as UTF-8, by <see cref="StreamExpr.Literal"/>.</summary>
    public byte[][] Literals { get; } = literals;

    private static StreamNode[] Sealed(StreamNode[] nodes)
    {
        foreach (var node in nodes)
        {
            node.Seal();
        }
        return nodes;
    }
}
