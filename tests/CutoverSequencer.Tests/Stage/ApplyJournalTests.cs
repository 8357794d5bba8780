using CutoverSequencer.Core;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Testing;

namespace CutoverSequencer.Tests.Stage;

/// <summary>
/// Finding what earlier applies left: reports/ holds one folder per run, and only incomplete
/// journals of the same target matter. Most are ruled out by their head without reading the entries.
/// </summary>
public sealed class ApplyJournalTests : IDisposable
{
    private const string Target = "postgresql://migrator@pg:5432/finance";
    private readonly TempDirectory reports = new();

    public void Dispose() => reports.Dispose();

    private static string Journal(string status, string target = Target, string config = "cutover.yaml", int entries = 2) =>
        $$"""
        {
          "version": 1,
          "target": "{{target}}",
          "config": "{{config}}",
          "startedAt": "2026-11-21T03:00:00+00:00",
          "status": "{{status}}",
          "finishedAt": null,
          "error": null,
          "sequences": [{{string.Join(",", Enumerable.Range(1, entries).Select(i => $$"""
            { "schema": "public", "name": "s{{i}}", "sequence": "public.s{{i}}",
              "before": { "lastValue": 1, "isCalled": false, "increment": 1 },
              "planned": { "newValue": 1100, "nextValue": 1101, "increment": 1 }, "state": "pending" }
            """))}}]
        }
        """;

    [Fact]
    public void Incomplete_journals_of_the_same_target_are_found_beside_the_report_directory()
    {
        reports.Write("run1/apply-journal.json", Journal(JournalDocument.InProgress));
        reports.Write("run2/apply-journal.json", Journal(JournalDocument.Completed, entries: 5000));
        reports.Write("run3/apply-journal.json", Journal(JournalDocument.Failed, target: "postgresql://migrator@other:5432/finance"));
        reports.Write("run4/apply-journal.json", Journal(JournalDocument.Failed));
        reports.Write("run5/apply-journal.json", "not a journal");

        var found = ApplyJournal.FindIncomplete(Path.Combine(reports.Root, "run6"), Target);

        Assert.Equal(["run1", "run4"], found.Select(f => Path.GetFileName(Path.GetDirectoryName(f.Path)!)).Order().ToArray());
        Assert.All(found, f => Assert.Equal(2, f.Journal.Sequences.Count));
    }

    [Fact]
    public void A_head_longer_than_the_first_read_is_read_whole_rather_than_missed()
    {
        reports.Write("run1/apply-journal.json", Journal(JournalDocument.InProgress, config: new string('x', 40_000)));

        var found = ApplyJournal.FindIncomplete(Path.Combine(reports.Root, "run2"), Target);

        Assert.Single(found);
    }

    [Fact]
    public void An_unreadable_journal_named_explicitly_is_an_input_error()
    {
        var path = reports.Write("run1/apply-journal.json", "{ \"version\": 1, \"sequences\": [ }");

        Assert.Throws<InvalidInputException>(() => ApplyJournal.Read(path));
    }
}
