using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Wording;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests.Wording;

public class DecisionWordingTests
{
    [Fact]
    public void A_derivation_holds_each_step_with_the_values_the_row_was_set_from()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var sequence = Sequence("orders_seq", lastValue: 1, isCalled: false, increment: 2);

        var row = AdvancementPlanner.Plan(Settings(10_000, true, entry), Source(), Target(State(entry, sequence,
            1_000)))
            .Sequences[0];

        Assert.Collection(row.Derivation.Steps,
            s => Assert.Equal(new ReferenceStep(null, 1_000, 1_000, false, 10_000, 11_000), s),
            s => Assert.Equal(new GridStep(2, 1, 11_001), s),
            s => Assert.Equal(new SetStep(11_001, 11_003), s));
        Assert.Equal(row.NewValue, ((SetStep)row.Derivation.Steps[^1]).Value);
        Assert.Equal(
            "target max 1,000 + margin 10,000 = 11,000; moved onto the step grid of 2 (anchored at 1): 11,001; " +
            "setval(11,001, true): next value 11,003.",
            DerivationWording.Describe(row));
    }

    [Fact]
    public void A_verdict_lists_each_value_compared_and_whether_it_was_cleared()
    {
        var verdict = VerificationVerdict.Of(5_101, 5_000, 5_200, descending: false, stride: null);

        Assert.False(verdict.Passed);
        Assert.Equal(
            [new VerificationCheck(VerificationSubject.Keys, 5_000, true),
                new VerificationCheck(VerificationSubject.SourceValue, 5_200, false)],
            verdict.Checks);
        Assert.Equal("next value 5,101 is not above the source value (5,200)", VerificationWording.Describe(verdict));
    }

    [Fact]
    public void A_finding_keeps_the_arguments_its_message_was_rendered_from()
    {
        var finding = Finding.Create(FindingCatalog.SequenceCache, "public.t_seq", ("sequence", "public.t_seq"),
            ("cache", 20L));

        Assert.Equal(
            "public.t_seq has CACHE 20: sessions that already cached values keep issuing them after setval.",
            finding.Message);
        Assert.Equal([new FindingArgument("sequence", "public.t_seq"), new FindingArgument("cache", 20L)],
            finding.Arguments);
        Assert.Equal(Severity.Warning, finding.Severity);
    }
}
