using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Tests;

/// <summary>The multi-master proof over the streams each node's verification read.</summary>
public sealed class NodeProofUnitTests
{
    private static NodeStream S(string node, long next, long increment = 2, long min = 1, long max = long.MaxValue,
        long? key = 100, string sequence = "public.s") => new(node, sequence, next, increment, min, max, key);

    [Fact]
    public void Distinct_residues_on_one_increment_past_every_key_are_proven()
    {
        Assert.Empty(NodeProof.Prove(["a", "b", "c"], [S("a", 1201, 3), S("b", 1202, 3), S("c", 1203, 3)]));
    }

    [Fact]
    public void Disjoint_ranges_are_proven_whatever_the_increments()
    {
        Assert.Empty(NodeProof.Prove(["a", "b"],
            [S("a", 101, 1, 1, 1_000_000, key: 100), S("b", 1_000_101, 1, 1_000_001, 2_000_000, key: 100)]));
    }

    [Theory]
    [InlineData(1201, 2, 1203, 2, "residue")]
    [InlineData(1201, 2, 1202, 3, "different increments")]
    [InlineData(1201, 1, 1202, 1, "fewer than the 2 nodes")]
    public void Streams_that_can_meet_are_blocking(long nextA, long incA, long nextB, long incB, string words)
    {
        var finding = Assert.Single(NodeProof.Prove(["a", "b"], [S("a", nextA, incA), S("b", nextB, incB)]));

        Assert.Equal((FindingCatalog.NodeStreamsOverlap, Severity.Blocking), (finding.Code, finding.Severity));
        Assert.Contains(words, finding.Message, StringComparison.Ordinal);
        Assert.Contains("a", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_next_value_at_or_below_another_nodes_key_is_blocking_and_a_descending_one_is_mirrored()
    {
        var up = NodeProof.Prove(["a", "b"], [S("a", 1201, key: 100), S("b", 1202, key: 5000)]);
        var down = NodeProof.Prove(["a", "b"],
            [S("a", -1201, -2, long.MinValue, -1, key: -100), S("b", -1202, -2, long.MinValue, -1, key: -5000)]);

        Assert.Equal("public.s: node a's next value 1,201 is not past key 5,000 present on node b.",
            Assert.Single(up).Message);
        Assert.Contains("node a's next value -1,201 is not past key -5,000", Assert.Single(down).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_on_some_nodes_only_is_a_warning()
    {
        var finding = Assert.Single(NodeProof.Prove(["a", "b"], [S("a", 1201), S("b", 1202), S("a", 7, sequence: "x")]));

        Assert.Equal((FindingCatalog.NodeSequenceMissing, Severity.Warning), (finding.Code, finding.Severity));
        Assert.Equal("x is on a but not on b.", finding.Message);
    }

    [Fact]
    public void A_cycling_stream_in_a_shared_range_is_blocking_and_range_partitioned_nodes_ignore_each_others_keys()
    {
        var cycling = NodeProof.Prove(["a", "b"], [S("a", 1201, 2) with { Cycle = true }, S("b", 1202, 2)]);
        var ranges = NodeProof.Prove(["a", "b"],
            [S("a", 101, 1, 1, 1_000_000, key: 1_000_500), S("b", 1_000_501, 1, 1_000_001, 2_000_000, key: 100)]);

        Assert.Contains("cycles on node a", Assert.Single(cycling).Message, StringComparison.Ordinal);
        Assert.Empty(ranges);
    }

    [Fact]
    public void A_hilo_stream_is_compared_by_the_first_key_of_its_next_block()
    {
        var hilo = NodeProof.Prove(["a", "b"],
            [S("a", 1001, 2, key: 40_000) with { BlockSize = 50 }, S("b", 1002, 2, key: 40_000) with { BlockSize = 50 }]);

        Assert.Empty(hilo);
    }
}
