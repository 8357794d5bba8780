using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>The reports the approval tests and the HTML checks render: a verified apply and a blocked plan.</summary>
internal static class SampleReports
{
    private static readonly DateTimeOffset Generated = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    internal static CutoverReport VerifiedSeedRun()
    {
        var (settings, source, target) = FinancialSchema();
        var plan = AdvancementPlanner.Plan(settings, source with { CapturedAt = Generated.AddHours(-3) }, target);
        var after = target with
        {
            Entries = [.. target.Entries.Select((e, i) => e with { Sequence = e.Sequence! with { LastValue = (long)plan.Sequences[i].NewValue!.Value, IsCalled = true } })],
        };
        var (verification, findings) = Verifier.Verify(plan, after);
        return new CutoverReport("apply", ReportStatus.Verified, Generated, "configs/sample/cutover.yaml", source.Description,
            Generated.AddHours(-3), target.Description, plan, [.. plan.Findings, .. findings],
            new ApplyResult([.. plan.Sequences.Select(s => s.Sequence!)], null, null), verification,
            [new("inspect source", TimeSpan.FromMilliseconds(12)), new("inspect target", TimeSpan.FromMilliseconds(140)),
             new("plan", TimeSpan.FromMilliseconds(3)), new("apply", TimeSpan.FromMilliseconds(9)), new("verify", TimeSpan.FromMilliseconds(15))]);
    }

    internal static CutoverReport BlockedPlan()
    {
        var ticket = Entry("ticket", "ticket_id", "ticket_seq", line: 10);
        var account = Entry("account", "account_id", "account_seq", line: 11);
        var plan = AdvancementPlanner.Plan(
            Settings(10_000, true, ticket, account),
            Source(OracleSeq("ACCOUNT_SEQ", 847_331), OracleSeq("AUDIT_EVENT_SEQ", 12)),
            Target(State(ticket, Sequence("ticket_seq", cache: 20), 2_147_480_000, columnType: "integer"),
                   State(account, Sequence("account_seq", lastValue: 900_000, isCalled: true), 847_290)));
        return new CutoverReport("plan", ReportStatus.Blocked, Generated, "cutover.yaml", "oracle-export ./export", null,
            "postgresql://migrator@db:5432/finance", plan, plan.Findings, null, null,
            [new("inspect source", TimeSpan.FromMilliseconds(4)), new("inspect target", TimeSpan.FromMilliseconds(30)), new("plan", TimeSpan.FromMilliseconds(1))]);
    }
}
