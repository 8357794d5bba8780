using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// Stored code that inserts NEXTVAL (Pattern B), over the corpus under Data/routines (see
/// <see cref="RoutineCorpus"/>): p* files hold keys, n* files hold none.
/// </summary>
public sealed class RoutineAnalyzerTests
{
    public static TheoryData<string> Positives => [.. RoutineCorpus.Files("p")];

    public static TheoryData<string> Negatives => [.. RoutineCorpus.Files("n")];

    [Theory]
    [MemberData(nameof(Positives))]
    public void Every_key_the_code_inserts_from_a_sequence_is_found_with_its_confidence(string file)
    {
        var corpus = RoutineCorpus.Load(file);

        var found = RoutineAnalyzer.Analyze([corpus.Routine], TriggerCorpus.Sequences);

        Assert.Equal(corpus.Expected.Order(StringComparer.Ordinal),
            found.Select(RoutineCorpus.Describe).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Code_that_does_not_insert_a_sequence_value_as_a_key_maps_nothing(string file)
    {
        var corpus = RoutineCorpus.Load(file);

        var found = RoutineAnalyzer.Analyze([corpus.Routine], TriggerCorpus.Sequences);

        Assert.Empty(found.Select(RoutineCorpus.Describe));
    }

    [Fact]
    public void The_corpus_holds_at_least_thirty_shapes()
    {
        Assert.True(RoutineCorpus.Files("p").Count() + RoutineCorpus.Files("n").Count() >= 30);
    }

    [Fact]
    public void Every_mapping_carries_the_statements_and_lines_it_was_read_from()
    {
        var corpus = RoutineCorpus.Load("p01-select-into-dual-then-insert.sql");

        var usage = Assert.Single(RoutineAnalyzer.Analyze([corpus.Routine], TriggerCorpus.Sequences));

        Assert.Equal([4, 5], usage.Evidence.Select(e => e.Line));
        Assert.StartsWith("SELECT order_seq.NEXTVAL INTO v_id", usage.Evidence[0].Statement, StringComparison.Ordinal);
        Assert.Equal("ADD_ORDER", usage.Subprogram);
    }

    [Fact]
    public void A_function_of_another_package_that_returns_NEXTVAL_feeds_the_insert_that_calls_it()
    {
        var ids = new SourceRoutine("FINANCE", "ID_API", "PACKAGE BODY", """
            PACKAGE BODY id_api AS
              FUNCTION next_invoice RETURN NUMBER IS
              BEGIN
                RETURN sales.invoice_seq.NEXTVAL;
              END;
            END id_api;
            """, "source_code.csv:2") { ReferencedSequences = ["SALES.INVOICE_SEQ"] };
        var billing = new SourceRoutine("SALES", "BILLING", "PROCEDURE", """
            PROCEDURE billing(p_order NUMBER) IS
            BEGIN
              INSERT INTO invoices (invoice_id, order_id) VALUES (finance.id_api.next_invoice(), p_order);
            END;
            """, "source_code.csv:9") { ReferencedSequences = [] };

        var usage = Assert.Single(RoutineAnalyzer.Analyze([ids, billing], TriggerCorpus.Sequences));

        Assert.Equal(("SALES", "INVOICES", "INVOICE_ID"), (usage.TableOwner, usage.Table, usage.Column));
        Assert.Equal("SALES.INVOICE_SEQ", usage.Sequence.FullName);
        Assert.Equal(MappingConfidence.Likely, usage.Confidence);
    }

    [Fact]
    public void The_same_sequence_inserted_by_several_routines_into_several_tables_counts_every_table()
    {
        var a = RoutineCorpus.Load("p03-nextval-in-values.sql").Routine;
        var b = new SourceRoutine("FINANCE", "ARCHIVE_LINE", "PROCEDURE", """
            PROCEDURE archive_line IS
            BEGIN
              INSERT INTO order_line_archive (line_id) VALUES (line_seq.NEXTVAL);
            END;
            """, "source_code.csv:20") { ReferencedSequences = ["FINANCE.LINE_SEQ"] };

        var found = RoutineAnalyzer.Analyze([a, b], TriggerCorpus.Sequences);

        Assert.Equal(["ORDER_LINE", "ORDER_LINE_ARCHIVE"], found.Select(u => u.Table).Order(StringComparer.Ordinal));
        Assert.All(found, u => Assert.Equal("FINANCE.LINE_SEQ", u.Sequence.FullName));
    }
}
