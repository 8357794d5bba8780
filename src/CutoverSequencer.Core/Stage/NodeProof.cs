using System.Numerics;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// Proves that the future key streams of several multi-master nodes cannot meet, sequence by sequence: either
/// their ranges (MINVALUE..MAXVALUE) do not overlap, or every node steps by the same increment N (|N| at least
/// the number of nodes) from a distinct residue modulo N; and no node's next values can reach a key already
/// present on another node (replicated tables hold every node's keys: each node's next value must be past the
/// highest key on every node). Pure.
/// </summary>
public static class NodeProof
{
    public static IReadOnlyList<Finding> Prove(IReadOnlyList<string> nodes, IReadOnlyList<NodeStream> streams)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(streams);
        var findings = new List<Finding>();
        foreach (var group in streams.GroupBy(s => s.Sequence, StringComparer.Ordinal).OrderBy(g => g.Key,
            StringComparer.Ordinal))
        {
            var each = group.ToList();
            var name = group.Key;
            var missing = nodes.Where(n => each.All(s => s.Node != n)).ToList();
            if (missing.Count > 0)
            {
                findings.Add(Finding.Create(FindingCatalog.NodeSequenceMissing, name, ("sequence", name),
                    ("present", each.Select(s => s.Node).ToList()), ("missing", missing)));
            }
            if (each.Count < 2)
            {
                continue;
            }
            var disjoint = Disjoint(each);
            if (!disjoint)
            {
                Streams(name, each, findings);
                foreach (var cycling in each.Where(c => c.Cycle))
                {
                    findings.Add(Finding.Create(FindingCatalog.NodeStreamsOverlap, "cycle", name, ("sequence", name),
                        ("a", cycling.Node)));
                }
            }
            Keys(name, each, disjoint, findings);
        }
        return Finding.Ordered(findings);
    }

    /// <summary>Every pair of ranges apart: the streams cannot meet whatever their steps.</summary>
    private static bool Disjoint(List<NodeStream> each) =>
        each.SelectMany((a, i) => each.Skip(i + 1).Select(b => (a, b)))
            .All(p => p.a.MaxValue < p.b.MinValue || p.b.MaxValue < p.a.MinValue);

    private static void Streams(string name, List<NodeStream> each, List<Finding> findings)
    {
        var first = each[0];
        foreach (var other in each.Skip(1).Where(o => o.Increment != first.Increment))
        {
            findings.Add(Finding.Create(FindingCatalog.NodeStreamsOverlap, name, ("sequence", name),
                ("a", first.Node), ("b", other.Node), ("incrementA", first.Increment),
                ("incrementB", other.Increment)));
            return;
        }
        var stride = BigInteger.Abs(first.Increment);
        if (stride < each.Count)
        {
            findings.Add(Finding.Create(FindingCatalog.NodeStreamsOverlap, "stride", name, ("sequence", name),
                ("a", first.Node), ("b", each[1].Node), ("increment", first.Increment), ("nodes", each.Count)));
            return;
        }
        var byResidue = new Dictionary<BigInteger, NodeStream>();
        foreach (var stream in each)
        {
            var residue = SequenceGrid.Residue(stream.Next, stride);
            if (byResidue.TryGetValue(residue, out var same))
            {
                findings.Add(Finding.Create(FindingCatalog.NodeStreamsOverlap, "residue", name, ("sequence", name),
                    ("a", same.Node), ("b", stream.Node), ("nextA", same.Next), ("nextB", stream.Next),
                    ("residue", residue), ("increment", first.Increment)));
            }
            else
            {
                byResidue[residue] = stream;
            }
        }
    }

    private static void Keys(string name, List<NodeStream> each, bool disjoint, List<Finding> findings)
    {
        foreach (var node in each)
        {
            foreach (var other in each.Where(o => o != node && o.MaxKey is not null))
            {
                var key = other.MaxKey!.Value;
                // Range-partitioned nodes: another node's keys outside this node's range are never reached.
                if (disjoint && (key < node.MinValue || key > node.MaxValue))
                {
                    continue;
                }
                var clear = node.Descending ? node.NextKey < key : node.NextKey > key;
                if (!clear)
                {
                    findings.Add(Finding.Create(FindingCatalog.NodeStreamsOverlap, "keys", name, ("sequence", name),
                        ("a", node.Node), ("b", other.Node), ("next", node.NextKey), ("key", key)));
                }
            }
        }
    }
}
