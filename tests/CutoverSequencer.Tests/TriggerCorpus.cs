using CutoverSequencer.Core.Model;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The trigger corpus under Data/triggers. Leading "-- key: value" lines describe the DBA_TRIGGERS row
/// (type, event, status, referencing), the DBA_DEPENDENCIES sequences (depends, comma-separated; none
/// means not read) and what analysis must find: "expect: COLUMN &lt;- OWNER.SEQUENCE (confidence)" for
/// each mapping and "function: COLUMN &lt;- NAME" for each key filled by a call. The rest is the text.
/// </summary>
public sealed record TriggerCorpus(
    string File,
    SourceTrigger Trigger,
    IReadOnlyList<string> Expected,
    IReadOnlyList<string> Functions)
{
    public static readonly SourceSequence[] Sequences =
    [
        OracleSeq("ACCOUNT_SEQ", 1), OracleSeq("ORDER_SEQ", 1), OracleSeq("Mixed_Seq", 1),
        OracleSeq("HIST_SEQ", 1, owner: "AUDIT"), OracleSeq("INVOICE_SEQ", 1, owner: "SALES"),
        OracleSeq("LEGACY_SEQ", 1), OracleSeq("CUSTOMER_SEQ", 1), OracleSeq("LINE_SEQ", 1),
    ];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "triggers");

    public static IEnumerable<string> Files(string prefix) =>
        Directory.GetFiles(Folder, prefix + "*.sql").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TriggerCorpus Load(string file)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(Folder, file));
        var header = lines
            .TakeWhile(l => l.StartsWith("-- ", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal))
            .ToList();
        List<string> All(string key) =>
            [.. header.Where(l => l.StartsWith($"-- {key}: ", StringComparison.Ordinal))
                .Select(l => l[(key.Length + 5)..])];
        string? Meta(string key) => All(key).FirstOrDefault();
        var text = string.Join("\n", lines.Skip(header.Count));
        var name = Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
        var trigger = new SourceTrigger("FINANCE", name, "FINANCE", "T", Meta("type") ?? "BEFORE EACH ROW",
            Meta("event") ?? "INSERT", Meta("status") ?? "ENABLED", Meta("referencing"), text, file)
        {
            ReferencedSequences = Meta("depends")?.Split(',', StringSplitOptions.TrimEntries),
        };
        return new TriggerCorpus(file, trigger, All("expect"), All("function"));
    }
}
