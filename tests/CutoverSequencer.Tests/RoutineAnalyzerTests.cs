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

    [Fact]
    public void Each_call_of_a_function_that_returns_NEXTVAL_makes_a_new_key_and_a_nested_functions_return_is_its_own()
    {
        var unit = new SourceRoutine("FINANCE", "DOCS", "PACKAGE BODY", """
            PACKAGE BODY docs AS
              FUNCTION next_id RETURN NUMBER IS
              BEGIN
                RETURN legacy_seq.NEXTVAL;
              END;
              FUNCTION counted RETURN NUMBER IS
                FUNCTION inner_id RETURN NUMBER IS BEGIN RETURN order_seq.NEXTVAL; END;
                v_count NUMBER;
              BEGIN
                SELECT COUNT(*) INTO v_count FROM orders;
                RETURN v_count;
              END;
              PROCEDURE two IS
                v1 NUMBER;
                v2 NUMBER;
              BEGIN
                v1 := next_id;
                INSERT INTO legacy_doc (doc_id) VALUES (v1);
                v2 := next_id;
                INSERT INTO legacy_note (note_id) VALUES (v2);
                INSERT INTO orders (order_id) VALUES (counted);
              END;
            END docs;
            """, "source_code.csv:2") { ReferencedSequences = ["FINANCE.LEGACY_SEQ", "FINANCE.ORDER_SEQ"] };

        var found = RoutineAnalyzer.Analyze([unit], TriggerCorpus.Sequences);

        Assert.Equal(["LEGACY_DOC.DOC_ID <- FINANCE.LEGACY_SEQ (likely)", "LEGACY_NOTE.NOTE_ID <- FINANCE.LEGACY_SEQ (likely)"],
            found.Select(RoutineCorpus.Describe).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_value_inserted_on_exclusive_branches_is_a_key_of_each_table()
    {
        var unit = new SourceRoutine("FINANCE", "SPLIT", "PROCEDURE", """
            PROCEDURE split(p_kind VARCHAR2) IS
              v NUMBER;
            BEGIN
              v := order_seq.NEXTVAL;
              IF p_kind = 'A' THEN
                INSERT INTO orders (order_id) VALUES (v);
              ELSE
                INSERT INTO order_archive (order_id) VALUES (v);
              END IF;
            END;
            """, "source_code.csv:2") { ReferencedSequences = ["FINANCE.ORDER_SEQ"] };

        var found = RoutineAnalyzer.Analyze([unit], TriggerCorpus.Sequences);

        Assert.Equal(["ORDERS", "ORDER_ARCHIVE"], found.Select(u => u.Table).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_package_in_two_schemas_resolves_to_each_schemas_own_sequence()
    {
        SourceRoutine Ids(string owner) => new(owner, "IDS", "PACKAGE BODY", """
            PACKAGE BODY ids AS
              FUNCTION next_id RETURN NUMBER IS BEGIN RETURN tenant_seq.NEXTVAL; END;
            END ids;
            """, "source_code.csv:2") { ReferencedSequences = [$"{owner}.TENANT_SEQ"] };
        SourceRoutine Add(string owner) => new(owner, "ADD_ROW", "PROCEDURE", """
            PROCEDURE add_row IS BEGIN INSERT INTO items (item_id) VALUES (ids.next_id); END;
            """, "source_code.csv:9") { ReferencedSequences = [] };
        SourceSequence[] sequences = [OracleSeq("TENANT_SEQ", 1, owner: "T1"), OracleSeq("TENANT_SEQ", 1, owner: "T2")];

        var found = RoutineAnalyzer.Analyze([Ids("T1"), Ids("T2"), Add("T1"), Add("T2")], sequences);

        Assert.Equal(["T1.ITEMS <- T1.TENANT_SEQ", "T2.ITEMS <- T2.TENANT_SEQ"],
            found.Select(u => $"{u.TableOwner}.{u.Table} <- {u.Sequence.FullName}").Order(StringComparer.Ordinal));
    }
}
