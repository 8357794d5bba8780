using System.Text;
using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

public class TriggerFlowTests
{
    private static readonly SourceSequence[] Sequences = [OracleSeq("ACCOUNT_SEQ", 1), OracleSeq("ORDER_SEQ", 1)];

    private static SourceTrigger Trigger(string text, IReadOnlyList<string>? dependencies = null) =>
        new("FINANCE", "T_BI", "FINANCE", "T", "BEFORE EACH ROW", "INSERT", "ENABLED", null, text, "triggers.csv:2")
        {
            ReferencedSequences = dependencies,
        };

    [Fact]
    public void The_whole_corpus_is_found_with_full_recall_and_precision()
    {
        var corpus = TriggerCorpus.Files("").Select(TriggerCorpus.Load).ToList();
        var expected = corpus.SelectMany(c => c.Expected.Select(e => $"{c.File}: {e}"))
            .ToHashSet(StringComparer.Ordinal);
        var found = corpus
            .SelectMany(c => TriggerAnalyzer.Analyze([c.Trigger], TriggerCorpus.Sequences)
                .Select(p => $"{c.File}: {TriggerAnalyzerTests.Describe(p)}"))
            .ToHashSet(StringComparer.Ordinal);

        var truePositives = found.Count(expected.Contains);
        var recall = (double)truePositives / expected.Count;
        var precision = found.Count == 0 ? 1 : (double)truePositives / found.Count;

        Assert.True(corpus.Count >= 40);
        Assert.True(recall == 1 && precision == 1,
            $"recall {recall:F3}, precision {precision:F3}; missed: {string.Join("; ", expected.Except(found))}; "
            + $"extra: {string.Join("; ", found.Except(expected))}");
    }

    [Fact]
    public void Every_mapping_names_the_statements_it_came_through_with_their_lines()
    {
        var text = "TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nDECLARE\n  v NUMBER;\nBEGIN\n"
            + "  SELECT order_seq.NEXTVAL\n    INTO v FROM dual;\n  :NEW.order_id := v;\nEND;";

        var pattern = Assert.Single(TriggerAnalyzer.Analyze([Trigger(text)], Sequences));

        Assert.Equal(["line 5: SELECT order_seq.NEXTVAL INTO v FROM dual", "line 7: :NEW.order_id := v"],
            pattern.Evidence.Select(e => e.ToString()));
        Assert.Equal(":NEW := V, SELECT ... NEXTVAL INTO V", pattern.Variant);
        Assert.Equal(MappingConfidence.Likely, pattern.Confidence);
    }

    [Theory]
    [InlineData("SELECT account_seq.NEXTVAL INTO :NEW.account_id FROM DUAL;", "SELECT ... NEXTVAL INTO :NEW")]
    [InlineData("SELECT NVL(:NEW.account_id, account_seq.NEXTVAL) INTO :NEW.account_id FROM DUAL;",
        "SELECT NVL/COALESCE(...) INTO :NEW")]
    [InlineData(":NEW.account_id := account_seq.NEXTVAL;", ":NEW := NEXTVAL")]
    [InlineData(":NEW.account_id := COALESCE(:NEW.account_id, account_seq.NEXTVAL);",
        ":NEW := NVL/COALESCE(:NEW, NEXTVAL)")]
    [InlineData(":NEW.account_id := DECODE(:NEW.account_id, NULL, account_seq.NEXTVAL, :NEW.account_id);",
        ":NEW := DECODE(... NEXTVAL ...)")]
    public void The_direct_forms_keep_the_words_the_report_has_always_used(string statement, string variant)
    {
        var pattern = Assert.Single(TriggerAnalyzer.Analyze([Trigger($"BEGIN\n  {statement}\nEND;")], Sequences));

        Assert.Equal(variant, pattern.Variant);
    }

    [Fact]
    public void A_direct_flow_the_dependencies_confirm_is_certain_and_a_guarded_one_likely()
    {
        var direct = Trigger("BEGIN :NEW.account_id := account_seq.NEXTVAL; END;", ["FINANCE.ACCOUNT_SEQ"]);
        var guarded = Trigger(
            "BEGIN IF :NEW.account_id IS NULL THEN :NEW.account_id := account_seq.NEXTVAL; END IF; END;",
            ["FINANCE.ACCOUNT_SEQ"]);

        Assert.Equal(MappingConfidence.Certain, Assert.Single(TriggerAnalyzer.Analyze([direct], Sequences)).Confidence);
        Assert.Equal(MappingConfidence.Likely, Assert.Single(TriggerAnalyzer.Analyze([guarded], Sequences)).Confidence);
    }

    [Fact]
    public void A_key_filled_by_a_package_function_is_reported_with_the_function_and_its_statement()
    {
        var trigger = Trigger("BEGIN\n  :NEW.order_id := id_pkg.next_id('ORDERS');\nEND;");

        var found = TriggerAnalyzer.AnalyzeAll([trigger], Sequences);

        Assert.Empty(found.Patterns);
        var function = Assert.Single(found.Functions);
        Assert.Equal(("ORDER_ID", "ID_PKG.NEXT_ID"), (function.Column, function.Function));
        Assert.Equal("line 2: :NEW.order_id := id_pkg.next_id('ORDERS')", Assert.Single(function.Evidence).ToString());
    }

    [Fact]
    public void A_megabyte_body_is_read_whole()
    {
        var body = new StringBuilder("TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nDECLARE\n  v NUMBER;\nBEGIN\n");
        while (body.Length < 1_000_000)
        {
            body.Append("  IF :NEW.note IS NULL THEN :NEW.note := 'q''[x]'' -- /* ' || v; END IF; /* c */ -- d\n");
        }
        body.Append("  :NEW.order_id := order_seq.NEXTVAL;\nEND;");

        var pattern = Assert.Single(TriggerAnalyzer.Analyze([Trigger(body.ToString())], Sequences));

        Assert.Equal("ORDER_ID", pattern.Column);
        Assert.Equal(body.ToString().Split('\n').Length - 1, Assert.Single(pattern.Evidence).Line);
    }

    [Fact]
    public void The_bundled_sample_triggers_keep_their_wording()
    {
        var sequences = new[] { OracleSeq("ORDER_HEADER_SEQ", 1), OracleSeq("PAYMENT_SEQ", 1) };
        var order = new SourceTrigger("FINANCE", "ORDER_HEADER_BI", "FINANCE", "ORDER_HEADER", "BEFORE EACH ROW",
            "INSERT", "ENABLED", "REFERENCING NEW AS NEW OLD AS OLD",
            "TRIGGER ORDER_HEADER_BI\n  BEFORE INSERT ON ORDER_HEADER\n  FOR EACH ROW\nBEGIN\n"
            + "  IF :NEW.ORDER_ID IS NULL THEN\n"
            + "    SELECT ORDER_HEADER_SEQ.NEXTVAL INTO :NEW.ORDER_ID FROM DUAL;\n  END IF;\nEND;", "triggers.csv:2")
        {
            ReferencedSequences = ["FINANCE.ORDER_HEADER_SEQ"],
        };
        var payment = new SourceTrigger("FINANCE", "PAYMENT_BI", "FINANCE", "PAYMENT", "BEFORE EACH ROW", "INSERT",
            "DISABLED", "REFERENCING NEW AS N OLD AS OLD",
            "TRIGGER PAYMENT_BI BEFORE INSERT ON PAYMENT\nREFERENCING NEW AS N OLD AS OLD FOR EACH ROW\nBEGIN\n"
            + "  :N.PAYMENT_ID := NVL(:N.PAYMENT_ID, PAYMENT_SEQ.NEXTVAL);"
            + " -- replaced by application-side ids in 2021\nEND;",
            "triggers.csv:3")
        {
            ReferencedSequences = ["FINANCE.PAYMENT_SEQ"],
        };

        var found = TriggerAnalyzer.Analyze([order, payment], sequences);

        Assert.Equal(["ORDER_ID <- FINANCE.ORDER_HEADER_SEQ: SELECT ... NEXTVAL INTO :NEW, line 6",
                "PAYMENT_ID <- FINANCE.PAYMENT_SEQ: :NEW := NVL/COALESCE(:NEW, NEXTVAL), line 4"],
            found.Select(p =>
                $"{p.Column} <- {p.Sequence.FullName}: {p.Variant}, line {Assert.Single(p.Evidence).Line}"));
    }
}
