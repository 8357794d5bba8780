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

    public static IEnumerable<string> Files(string prefix) => CorpusFile.Files("triggers", prefix);

    public static TriggerCorpus Load(string file)
    {
        var corpus = CorpusFile.Load("triggers", file);
        var (text, name) = (corpus.Text, corpus.Name);
        string? Meta(string key) => corpus.Meta(key);
        List<string> All(string key) => corpus.All(key);
        var trigger = new SourceTrigger("FINANCE", name, "FINANCE", "T", Meta("type") ?? "BEFORE EACH ROW",
            Meta("event") ?? "INSERT", Meta("status") ?? "ENABLED", Meta("referencing"), text, file)
        {
            ReferencedSequences = Meta("depends")?.Split(',', StringSplitOptions.TrimEntries),
        };
        return new TriggerCorpus(file, trigger, All("expect"), All("function"));
    }
}
