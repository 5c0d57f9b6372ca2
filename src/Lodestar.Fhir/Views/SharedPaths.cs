using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>
/// Finds the subexpressions that several columns of one select evaluate on the same focus (<c>code.coding</c> in
/// code, code_system and codes; the choice scan behind <c>value.ofType(...)</c> in seven observation columns) and
/// wraps each in a <see cref="MemoNode"/>, so a row computes it once. Results are unchanged: a memoized path gives
/// what it would have given, only without repeating the navigation.
/// </summary>
internal static class SharedPaths
{
    public static CompiledColumn[] Memoize(CompiledColumn[] columns, ref int nextSlot)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            Count(column.Expression, counts);
        }
        if (!counts.Values.Any(n => n > 1))
        {
            return columns;
        }
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = nextSlot;
        Node Wrap(Node node)
        {
            node.RewriteSameFocusChildren(Wrap);
            if (!WorthSharing(node))
            {
                return node;
            }
            var key = node.Key;
            if (counts[key] < 2)
            {
                return node;
            }
            if (!slots.TryGetValue(key, out var slot))
            {
                slots[key] = slot = next++;
            }
            return new MemoNode(node, slot);
        }
        var result = Array.ConvertAll(columns, c => c with { Expression = Wrap(c.Expression) });
        nextSlot = next;
        return result;
    }

    private static void Count(Node node, Dictionary<string, int> counts)
    {
        if (WorthSharing(node))
        {
            var key = node.Key;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        node.RewriteSameFocusChildren(child =>
        {
            Count(child, counts);
            return child;
        });
    }

    /// <summary>Constants and the focus itself cost less to recompute than to copy.</summary>
    private static bool WorthSharing(Node node) => node is not (LiteralNode or ThisNode or ResourceNode or RowIndexNode or MemoNode);
}
