using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Model;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The trigger corpus under Data/triggers: p* files are the pattern (their "-- expect:" lines say
/// which column and sequence), n* files are look-alikes that are not.
/// </summary>
public class TriggerAnalyzerTests
{
    private static readonly SourceSequence[] Sequences =
    [
        OracleSeq("ACCOUNT_SEQ", 1), OracleSeq("ORDER_SEQ", 1), OracleSeq("Mixed_Seq", 1),
        OracleSeq("HIST_SEQ", 1, owner: "AUDIT"), OracleSeq("INVOICE_SEQ", 1, owner: "SALES"),
        OracleSeq("LEGACY_SEQ", 1),
    ];

    public static TheoryData<string> Corpus(string prefix) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "triggers"), prefix + "*.sql").Select(f => Path.GetFileName(f)).Order()];

    public static TheoryData<string> Positives => Corpus("p");

    public static TheoryData<string> Negatives => Corpus("n");

    private static (SourceTrigger Trigger, List<string> Expected) Load(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "triggers", file));
        // Leading "-- key: value" lines describe the DBA_TRIGGERS row; the rest is the DBA_SOURCE text.
        var header = lines.TakeWhile(l => l.StartsWith("-- ", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal)).ToList();
        string? Meta(string key) => header.Where(l => l.StartsWith($"-- {key}: ", StringComparison.Ordinal)).Select(l => l[(key.Length + 5)..]).FirstOrDefault();
        var expected = header.Where(l => l.StartsWith("-- expect: ", StringComparison.Ordinal)).Select(l => l[11..]).ToList();
        var text = string.Join("\n", lines.Skip(header.Count));
        var trigger = new SourceTrigger("FINANCE", Path.GetFileNameWithoutExtension(file).ToUpperInvariant(), "FINANCE", "T",
            Meta("type") ?? "BEFORE EACH ROW", Meta("event") ?? "INSERT", Meta("status") ?? "ENABLED", Meta("referencing"), text, file);
        return (trigger, expected);
    }

    [Theory]
    [MemberData(nameof(Positives))]
    public void Recognises_the_sequence_in_trigger_pattern(string file)
    {
        var (trigger, expected) = Load(file);

        var found = TriggerAnalyzer.Analyze([trigger], Sequences);

        Assert.Equal(expected.Order(StringComparer.Ordinal), found.Select(f => $"{f.Column} <- {f.Sequence.FullName}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Rejects_look_alikes(string file)
    {
        var (trigger, _) = Load(file);

        Assert.Empty(TriggerAnalyzer.Analyze([trigger], Sequences));
    }

    [Fact]
    public void The_corpus_covers_every_listed_variant()
    {
        Assert.True(Positives.Count >= 12);
        Assert.True(Negatives.Count >= 8);
    }
}

public class TriggerDependencyTests
{
    private static readonly SourceSequence[] Sequences = [OracleSeq("ACCOUNT_SEQ", 1), OracleSeq("ORDER_SEQ", 1)];

    private static SourceTrigger Trigger(IReadOnlyList<string>? dependencies) =>
        new SourceTrigger("FINANCE", "ACCOUNT_BI", "FINANCE", "ACCOUNT", "BEFORE EACH ROW", "INSERT", "ENABLED", null,
            "BEGIN :NEW.account_id := account_seq.NEXTVAL; END;", "triggers.csv:2") { ReferencedSequences = dependencies };

    [Fact]
    public void A_pattern_whose_sequence_is_among_the_dependencies_is_confirmed() =>
        Assert.Single(TriggerAnalyzer.Analyze([Trigger(["FINANCE.ACCOUNT_SEQ"])], Sequences));

    [Fact]
    public void A_name_the_compiler_did_not_link_to_a_sequence_is_not_the_pattern() =>
        Assert.Empty(TriggerAnalyzer.Analyze([Trigger(["FINANCE.ORDER_SEQ"])], Sequences));

    [Fact]
    public void Without_dependency_data_the_catalog_alone_decides() =>
        Assert.Single(TriggerAnalyzer.Analyze([Trigger(null)], Sequences));
}
