using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>The read-back proof and its words, which are spelled from the values when asked for.</summary>
public class VerifierTests
{
    private static readonly TableEntry Orders = Entry("orders", "order_id", "orders_seq");

    private static (SequenceVerification Result, IReadOnlyList<Finding> Findings) VerifyAt(long lastValue, AdvancementConfig? settings = null)
    {
        var plan = AdvancementPlanner.Plan(settings ?? Settings(100, true, Orders), Source(), Target(State(Orders, Sequence("orders_seq"), 5_000)));
        var reading = Target(State(Orders, Sequence("orders_seq", lastValue, isCalled: true), 5_000));
        var (results, findings) = Verifier.Verify(plan, reading);
        return (Assert.Single(results), findings);
    }

    [Fact]
    public void A_sequence_past_every_key_passes_and_says_so()
    {
        var (result, findings) = VerifyAt(5_100);

        Assert.True(result.Passed);
        Assert.Equal("next value 5,101 is above every key (5,000)", result.Detail);
        Assert.Empty(findings);
    }

    [Fact]
    public void A_sequence_behind_the_keys_fails_with_the_same_words_in_its_finding()
    {
        var (result, findings) = VerifyAt(4_000);

        Assert.False(result.Passed);
        Assert.Equal("next value 4,001 is not above every key (5,000)", result.Detail);
        var finding = Assert.Single(findings);
        Assert.Equal(FindingCatalog.VerificationFailed, finding.Code);
        Assert.Equal("public.orders_seq: next value 4,001 is not above every key (5,000).", finding.Message);
    }

    [Fact]
    public void A_sequence_off_its_stride_fails_even_past_the_keys()
    {
        var (result, _) = VerifyAt(5_200, settings: Settings(100, true, Orders) with { Interleave = new Interleave(2, 1) });

        Assert.False(result.Passed);
        Assert.Equal("next value 5,201; it must step by 2 on residue 1 but has increment 1 and next value ≡ 1", result.Detail);
    }

    [Fact]
    public void A_sequence_that_cannot_be_read_back_is_not_verified()
    {
        var plan = AdvancementPlanner.Plan(Settings(100, true, Orders), Source(), Target(State(Orders, Sequence("orders_seq"), 5_000)));
        var (results, _) = Verifier.Verify(plan, Target());

        Assert.Equal("not verified: the sequence could not be resolved in the target", Assert.Single(results).Detail);
    }
}
