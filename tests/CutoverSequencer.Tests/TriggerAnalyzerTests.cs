using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The trigger corpus under Data/triggers (see <see cref="TriggerCorpus"/>): p* files are the pattern,
/// n* files are look-alikes that are not.
/// </summary>
public class TriggerAnalyzerTests
{
    public static TheoryData<string> Positives => [.. TriggerCorpus.Files("p")];

    public static TheoryData<string> Negatives => [.. TriggerCorpus.Files("n")];

    internal static string Describe(TriggerKeyPattern found) =>
        $"{found.Column} <- {found.Sequence.FullName} ({found.Confidence.ToString().ToLowerInvariant()})";

    [Theory]
    [MemberData(nameof(Positives))]
    public void Recognises_the_sequence_in_trigger_pattern(string file)
    {
        var corpus = TriggerCorpus.Load(file);

        var found = TriggerAnalyzer.AnalyzeAll([corpus.Trigger], TriggerCorpus.Sequences);

        Assert.Equal(corpus.Expected.Order(StringComparer.Ordinal),
            found.Patterns.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(corpus.Functions.Order(StringComparer.Ordinal),
            found.Functions.Select(f => $"{f.Column} <- {f.Function}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Rejects_look_alikes(string file)
    {
        var corpus = TriggerCorpus.Load(file);

        var found = TriggerAnalyzer.AnalyzeAll([corpus.Trigger], TriggerCorpus.Sequences);

        Assert.Empty(found.Patterns);
        Assert.Equal(corpus.Functions.Order(StringComparer.Ordinal),
            found.Functions.Select(f => $"{f.Column} <- {f.Function}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_corpus_covers_every_listed_variant()
    {
        Assert.True(Positives.Count >= 30);
        Assert.True(Negatives.Count >= 20);
    }
}

public class TriggerDependencyTests
{
    private static readonly SourceSequence[] Sequences = [OracleSeq("ACCOUNT_SEQ", 1), OracleSeq("ORDER_SEQ", 1)];

    private static SourceTrigger Trigger(IReadOnlyList<string>? dependencies) =>
        new SourceTrigger("FINANCE", "ACCOUNT_BI", "FINANCE", "ACCOUNT", "BEFORE EACH ROW", "INSERT", "ENABLED", null,
            "BEGIN :NEW.account_id := account_seq.NEXTVAL; END;", "triggers.csv:2")
        {
            ReferencedSequences = dependencies,
        };

    [Fact]
    public void A_pattern_whose_sequence_is_among_the_dependencies_is_confirmed() =>
        Assert.Equal(MappingConfidence.Certain,
            Assert.Single(TriggerAnalyzer.Analyze([Trigger(["FINANCE.ACCOUNT_SEQ"])], Sequences)).Confidence);

    [Fact]
    public void A_name_the_compiler_did_not_link_to_a_sequence_is_not_the_pattern() =>
        Assert.Empty(TriggerAnalyzer.Analyze([Trigger(["FINANCE.ORDER_SEQ"])], Sequences));

    [Fact]
    public void Without_dependency_data_the_catalog_alone_decides_and_the_mapping_is_only_likely() =>
        Assert.Equal(MappingConfidence.Likely,
            Assert.Single(TriggerAnalyzer.Analyze([Trigger(null)], Sequences)).Confidence);
}
