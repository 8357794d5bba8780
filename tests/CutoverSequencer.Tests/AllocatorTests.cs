using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>ORM allocators: pooled optimizers and the increment, hilo-shaped keys, and hilo entries.</summary>
public class AllocatorTests
{
    private static readonly TableEntry Orders = Entry("orders", "order_id", "orders_seq", line: 7);

    private static TableEntry HiloEntry(long blockSize, long? margin = null) =>
        Entry("orders", "order_id", "orders_seq", margin, line: 7) with
        {
            Allocator = KeyAllocator.Hilo,
            BlockSize = blockSize,
        };

    private static AdvancementPlan Plan(TableEntry entry, TargetSequence sequence, BigInteger? maxKey, long margin,
        SourceSequence[] source, string columnType = "bigint", Interleave? interleave = null) =>
        AdvancementPlanner.Plan(Settings(margin, true, entry) with { Interleave = interleave }, Source(source),
            Target(State(entry, sequence, maxKey, columnType)));

    private static Finding? Find(AdvancementPlan plan, string code) => plan.Findings.SingleOrDefault(f => f.Code == code);

    [Theory]
    [InlineData(50, 1)]
    [InlineData(1, 50)]
    [InlineData(20, 50)]
    public void An_increment_mismatch_blocks_when_either_increment_is_above_one(long source, long target)
    {
        var plan = Plan(Orders, Sequence("orders_seq", increment: target), 5_000, 1_000, [OracleSeq("ORDERS_SEQ", 4_000, source)]);

        var finding = Find(plan, FindingCatalog.IncrementMismatch)!;
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.True(plan.IsBlocked);
        Assert.Equal(PlanAction.Blocked, plan.Sequences[0].Action);
        Assert.EndsWith($"To match the source: ALTER SEQUENCE \"public\".\"orders_seq\" INCREMENT BY {source};", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_increment_mismatch_is_a_warning_naming_where_it_was_acknowledged()
    {
        var entry = Orders with { Acknowledged = [FindingCatalog.IncrementMismatch] };

        var plan = Plan(entry, Sequence("orders_seq"), 5_000, 1_000, [OracleSeq("ORDERS_SEQ", 4_000, 50)]);

        var finding = Find(plan, FindingCatalog.IncrementMismatch)!;
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.False(plan.IsBlocked);
        Assert.Equal(6_001, plan.Sequences[0].NextValue);
        Assert.Equal("Source FINANCE.ORDERS_SEQ has INCREMENT BY 50; public.orders_seq has increment 1 (acknowledged at " +
            "cutover.yaml:7); the plan follows the target's step grid.", finding.Message);
    }

    [Fact]
    public void Equal_increments_of_one_or_fifty_give_no_increment_finding()
    {
        var ones = Plan(Orders, Sequence("orders_seq"), 5_000, 1_000, [OracleSeq("ORDERS_SEQ", 4_000)]);
        var fifties = Plan(Orders, Sequence("orders_seq", increment: 50), 5_000, 1_000, [OracleSeq("ORDERS_SEQ", 4_000, 50)]);

        Assert.Null(Find(ones, FindingCatalog.IncrementMismatch));
        Assert.Null(Find(fifties, FindingCatalog.IncrementMismatch));
        Assert.False(fifties.IsBlocked);
    }

    [Fact]
    public void With_interleave_a_source_increment_of_one_against_the_node_stride_stays_a_warning()
    {
        var plan = Plan(Orders, Sequence("orders_seq", increment: 2), 5_000, 1_000, [OracleSeq("ORDERS_SEQ", 4_000)],
            interleave: new Interleave(2, 1));

        Assert.Equal(Severity.Warning, Find(plan, FindingCatalog.IncrementMismatch)!.Severity);
        Assert.False(plan.IsBlocked);
    }

    [Theory]
    [InlineData(10, 5_000, 49_990)]
    [InlineData(50, 4_000, 199_990)]
    [InlineData(100, 1_000, 98_000)]
    [InlineData(1000, 12_345, 12_345_000)]
    [InlineData(32768, 2_000, 65_530_000)]
    public void Keys_about_k_times_a_used_source_value_are_a_hilo_warning_naming_k_and_the_evidence(long k, long source, long maxKey)
    {
        var plan = Plan(Orders, Sequence("orders_seq"), maxKey, 1_000, [OracleSeq("ORDERS_SEQ", source)]);

        var finding = Find(plan, FindingCatalog.HiloKeys)!;
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.False(plan.IsBlocked);
        Assert.Contains(("blockSize", (object?)k), finding.Arguments.Select(a => (a.Name, a.Value)));
        var next = plan.Sequences[0].NextValue!.Value;
        Assert.Equal(maxKey + 1_001, next);
        Assert.StartsWith($"public.orders.order_id: keys reach {maxKey:N0}, ", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"the source value {source:N0} of FINANCE.ORDERS_SEQ (about block size {k})", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith($"moves its next keys to about {next:N0} × {k} = {next * k:N0}.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(999, 49_950)]      // a barely used sequence: below the evidence minimum
    [InlineData(100, 5_000)]       // a small table
    [InlineData(2_000, 74_000)]    // ratio 37: no plausible block size within 5%
    [InlineData(2_000, 89_000)]    // ratio 44.5: 11% off 50
    [InlineData(5_000, 5_100)]     // k = 1: keys follow the sequence
    [InlineData(5_000, 10_000)]    // k = 2: too many innocent causes
    [InlineData(5_000, 4_000)]     // keys below the source value
    public void No_hilo_warning_without_the_evidence(long source, long maxKey)
    {
        var plan = Plan(Orders, Sequence("orders_seq"), maxKey, 1_000, [OracleSeq("ORDERS_SEQ", source)]);

        Assert.Null(Find(plan, FindingCatalog.HiloKeys));
    }

    [Fact]
    public void No_hilo_warning_when_the_entry_states_its_allocator_or_the_sequence_descends()
    {
        var stated = Plan(Orders with { Allocator = KeyAllocator.Sequence }, Sequence("orders_seq"), 200_000, 1_000,
            [OracleSeq("ORDERS_SEQ", 4_000)]);
        var descending = Plan(Orders, Sequence("orders_seq", lastValue: -1, increment: -1), -200_000, 1_000,
            [OracleSeq("ORDERS_SEQ", -4_000, -1)]);

        Assert.Null(Find(stated, FindingCatalog.HiloKeys));
        Assert.Null(Find(descending, FindingCatalog.HiloKeys));
    }

    [Fact]
    public void Hilo_keys_block_when_the_keys_after_advancing_would_overflow_the_column()
    {
        // Keys 1.5e9 fit integer; advanced to them, a hilo application would allocate about 1.5e9 × 500.
        var plan = Plan(Orders, Sequence("orders_seq", type: "integer", max: int.MaxValue), 1_500_000_000, 10_000,
            [OracleSeq("ORDERS_SEQ", 3_000_000)], columnType: "integer");

        var finding = Find(plan, FindingCatalog.HiloKeys)!;
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.True(plan.IsBlocked);
        Assert.EndsWith("beyond the integer limit 2,147,483,647: its inserts would fail.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // k, max key, margin, source value, expected next value = MAX(⌈max key / k⌉, source) + ⌈margin / k⌉ + 1
    [InlineData(50, 123_456, 10_000, null, 2_671)]
    [InlineData(10, 1_000, 1, null, 102)]
    [InlineData(100, 5_000, 150, null, 53)]
    [InlineData(32768, 1, 10_000, null, 3)]
    [InlineData(50, 1_000, 100, 500L, 503)]
    [InlineData(20, 40_001, 20, 2_000L, 2_003)]
    public void A_hilo_entry_is_planned_in_blocks(long k, long maxKey, long margin, long? source, long expectedNext)
    {
        SourceSequence[] sources = source is { } s ? [OracleSeq("ORDERS_SEQ", s)] : [];

        var plan = Plan(HiloEntry(k), Sequence("orders_seq"), maxKey, margin, sources);

        var row = Assert.Single(plan.Sequences);
        Assert.False(plan.IsBlocked);
        Assert.Equal(PlanAction.Advance, row.Action);
        Assert.Equal(expectedNext, row.NextValue);
        Assert.Equal(expectedNext - 1, row.NewValue);
        Assert.Equal(k, row.BlockSize);
        Assert.Equal(maxKey, row.TargetMax);
        Assert.Equal(margin, row.Margin);
        Assert.True(row.FirstKey > maxKey + margin, "the next block starts past max key + margin");
        Assert.Equal((expectedNext - 1) * k + 1, row.FirstKey);
        Assert.Equal(expectedNext * k + k - 1, row.LastKey);
        Assert.Null(Find(plan, FindingCatalog.HiloKeys));
    }

    [Fact]
    public void A_hilo_derivation_names_the_blocks_and_the_keys_they_open()
    {
        var plan = Plan(HiloEntry(50), Sequence("orders_seq"), 123_456, 10_000, [OracleSeq("ORDERS_SEQ", 2_400)]);

        Assert.Equal("hilo, 50 keys per value: max key 123,456 is in block ⌈123,456 / 50⌉ = 2,470 or below; margin 10,000 " +
            "keys = ⌈10,000 / 50⌉ = 200 blocks; MAX(source 2,400, key block 2,470) = 2,470 + margin 200 blocks = 2,670; " +
            "setval(2,670, true): next value 2,671; the block of keys it opens lies within 133,501 – 133,599 " +
            "((next − 1) × 50 + 1 to next × 50 + 49).", DerivationWording.Describe(plan.Sequences[0]));
        Assert.Equal(133_501, plan.Sequences[0].Gap!.Last + 1);
    }

    [Fact]
    public void A_hilo_sequence_already_past_the_blocks_is_left_unchanged()
    {
        var plan = Plan(HiloEntry(50), Sequence("orders_seq", lastValue: 9_000, isCalled: true), 123_456, 10_000, []);

        var row = plan.Sequences[0];
        Assert.Equal(PlanAction.Unchanged, row.Action);
        Assert.Equal(9_001, row.NextValue);
        Assert.Equal(2_671, row.RequiredNext);
        Assert.NotNull(Find(plan, FindingCatalog.TargetAlreadyAhead));
    }

    [Fact]
    public void A_hilo_block_beyond_the_column_type_blocks()
    {
        var plan = Plan(HiloEntry(1000), Sequence("orders_seq", type: "integer", max: int.MaxValue), 2_147_480_000, 10_000, [],
            columnType: "integer");

        var finding = Find(plan, FindingCatalog.ColumnTypeOverflow)!;
        Assert.True(plan.IsBlocked);
        Assert.Equal("public.orders.order_id is integer (limit 2,147,483,647) but the hilo block of public.orders_seq's next " +
            "value 2,147,491 (block size 1000) reaches key 2,147,491,999.", finding.Message);
    }

    [Fact]
    public void Hilo_on_a_descending_sequence_or_with_interleave_or_two_block_sizes_blocks()
    {
        var descending = Plan(HiloEntry(50), Sequence("orders_seq", lastValue: -1, increment: -1), -5_000, 100, []);
        var interleaved = Plan(HiloEntry(50), Sequence("orders_seq"), 5_000, 100, [], interleave: new Interleave(2, 1));
        var other = Entry("archive", "order_id", "orders_seq", line: 12) with { Allocator = KeyAllocator.Hilo, BlockSize = 20 };
        var conflict = AdvancementPlanner.Plan(Settings(100, true, HiloEntry(50), other), Source(),
            Target(State(HiloEntry(50), Sequence("orders_seq"), 5_000), State(other, Sequence("orders_seq"), 6_000)));

        Assert.Equal("public.orders_seq counts down (increment -1); 'allocator: hilo' (cutover.yaml:7) is planned only for " +
            "ascending sequences.", Find(descending, FindingCatalog.AllocatorUnsupported)!.Message);
        Assert.Equal("public.orders_seq: 'allocator: hilo' (cutover.yaml:7) cannot be combined with " +
            "sequenceAdvancement.interleave.", Find(interleaved, FindingCatalog.AllocatorUnsupported)!.Message);
        Assert.Equal("public.orders_seq: public.orders.order_id, public.archive.order_id state different allocators " +
            "(hilo, blockSize 50, hilo, blockSize 20); one sequence has one allocator.",
            Find(conflict, FindingCatalog.AllocatorUnsupported)!.Message);
        Assert.All(new[] { descending, interleaved, conflict }, p => Assert.True(p.IsBlocked));
    }

    [Fact]
    public void Verification_of_a_hilo_entry_checks_the_first_key_of_the_next_block()
    {
        var plan = Plan(HiloEntry(50), Sequence("orders_seq"), 123_456, 10_000, [OracleSeq("ORDERS_SEQ", 2_400)]);
        var applied = Sequence("orders_seq", lastValue: 2_670, isCalled: true);

        var (passed, passedFindings) = Verifier.Verify(plan, Target(State(HiloEntry(50), applied, 123_456)));
        // Keys loaded after apply reach into the block the next value opens: not proven.
        var (failed, _) = Verifier.Verify(plan, Target(State(HiloEntry(50), applied, 133_501)));

        var ok = Assert.Single(passed);
        Assert.True(ok.Passed);
        Assert.Empty(passedFindings);
        Assert.Equal("next value 2,671 (hilo): the first key of its block (50 keys per value), 133,501, is above every key " +
            "(123,456); it is above the source value (2,400)", ok.Detail);
        var bad = Assert.Single(failed);
        Assert.False(bad.Passed);
        Assert.Contains("133,501, is not above every key (133,501)", bad.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_of_a_hilo_entry_reports_a_margin_short_in_blocks()
    {
        var plan = Plan(HiloEntry(50), Sequence("orders_seq"), 123_456, 10_000, []);
        // Past every key's block, but by 100 blocks where the margin needs 200.
        var (results, findings) = Verifier.Verify(plan, Target(State(HiloEntry(50), Sequence("orders_seq", lastValue: 2_570, isCalled: true), 123_456)));

        Assert.True(Assert.Single(results).Passed);
        Assert.Equal(FindingCatalog.MarginNotMet, Assert.Single(findings).Code);
    }

    [Fact]
    public void The_hilo_evidence_rule_in_the_catalog_names_the_planner_s_block_sizes()
    {
        var meaning = FindingCatalog.Get(FindingCatalog.HiloKeys).Meaning;

        Assert.Contains(string.Join(", ", Hilo.PlausibleBlockSizes), meaning, StringComparison.Ordinal);
        Assert.Contains($"at least {Hilo.MinimumSourceValue:N0}", meaning, StringComparison.Ordinal);
        Assert.Contains($"within {Hilo.Tolerance:P0}".Replace(" %", "%", StringComparison.Ordinal), meaning, StringComparison.Ordinal);
    }
}
