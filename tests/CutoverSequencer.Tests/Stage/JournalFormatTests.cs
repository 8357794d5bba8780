using System.Text.Json;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Testing;

namespace CutoverSequencer.Tests.Stage;

/// <summary>The journal writer and reader share one contract: every field written is read, in a stable order.</summary>
public sealed class JournalFormatTests : IDisposable
{
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private const string Journal = """
        {
          "version": 1,
          "target": "postgresql://migrator@pg:5432/finance",
          "config": "cutover.yaml",
          "startedAt": "2026-11-21T03:00:00+00:00",
          "status": "failed",
          "finishedAt": "2026-11-21T03:01:00+00:00",
          "error": "connection lost",
          "sequences": [
            { "schema": "public", "name": "s1", "sequence": "public.s1",
              "before": { "lastValue": 1, "isCalled": false, "increment": 1 },
              "planned": { "newValue": 1100, "nextValue": 1101, "increment": 1, "reference": 1000, "margin": 100 }, "state": "set" }
          ]
        }
        """;

    [Fact]
    public void A_journal_rewritten_reads_back_with_every_field_and_keeps_its_head_order()
    {
        var path = files.Write("apply-journal.json", Journal);
        ApplyJournal.Update(path, j => j);
        var first = File.ReadAllText(path);
        ApplyJournal.Update(path, j => j);
        Assert.Equal(first, File.ReadAllText(path));

        var read = ApplyJournal.Read(path);
        Assert.Equal((1, "failed", "connection lost"), (read.Version, read.Status, read.Error));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 1, 0, TimeSpan.Zero), read.FinishedAt);
        var entry = Assert.Single(read.Sequences);
        Assert.Equal((1000L, 100L), (entry.Planned.Reference!.Value, entry.Planned.Margin!.Value));

        using var document = JsonDocument.Parse(first);
        Assert.Equal(["schemaVersion", "tool", "version", "target", "config", "startedAt", "status", "finishedAt", "error", "sequences"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("{\n  \"schemaVersion\": \"1.0\",\n  \"tool\": {\n", first, StringComparison.Ordinal);
        Assert.Contains("\n  \"version\": 1,\n  \"target\": \"postgresql://migrator@pg:5432/finance\",", first, StringComparison.Ordinal);
    }
}
