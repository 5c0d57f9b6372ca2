using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary><c>source[index]</c>: the item at a 0-based position, or empty when out of range (FHIRPath §5.3.1 / indexer).</summary>
internal sealed class IndexerNode(Node source, Node index) : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        var items = context.Rent();
        var position = context.Rent();
        try
        {
            index.Evaluate(context, input, position);
            if (position.Count == 0)
            {
                return;
            }
            var at = Singleton.Get(position, "an indexer").ToPrimitive();
            if (at.Kind != ItemKind.Integer)
            {
                throw new FhirPathException("an indexer needs an integer");
            }
            source.Evaluate(context, input, items);
            if (at.Number >= 0 && at.Number < items.Count)
            {
                output.Add(items[(int)at.Number]);
            }
        }
        finally
        {
            context.Return(position);
            context.Return(items);
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        source.AppendKey(key);
        key.Append('[');
        index.AppendKey(key);
        key.Append(']');
    }

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite)
    {
        source = rewrite(source);
        index = rewrite(index);
    }
}
