using CutoverSequencer.Core.Analysis.PlSql;

namespace CutoverSequencer.Tests;

public class PlSqlFlowAnalysisTests
{
    private static List<PlSqlWrite> Writes(string text, Func<IReadOnlyList<PlSqlToken>, bool?>? known = null) =>
        [.. new PlSqlFlowAnalysis(text, known).Run(new PlSqlReader(PlSqlLexer.Tokenize(text)).ReadAll())];

    [Fact]
    public void Any_block_is_followed_not_only_triggers()
    {
        var text = "DECLARE\n  v_id NUMBER;\nBEGIN\n  SELECT app.order_seq.NEXTVAL INTO v_id FROM dual;\n"
            + "  INSERT INTO orders (order_id) VALUES (v_id);\n  RETURN v_id;\nEND;";

        var returned = Assert.Single(Writes(text), w => w.Form == PlSqlWriteForm.Return);

        Assert.Equal(["APP", "ORDER_SEQ"], returned.Origin.Name);
        Assert.Equal(["V_ID"], returned.Origin.Variables);
        Assert.Equal([4, 6], returned.Origin.Evidence.Select(e => e.Line));
    }

    [Fact]
    public void A_branch_the_caller_rules_out_is_not_followed_and_the_else_then_runs_on_every_path()
    {
        var text = "BEGIN IF UPDATING THEN :NEW.id := s.NEXTVAL; ELSE :NEW.other := s.NEXTVAL; END IF; END;";

        var writes = Writes(text, PlSqlTriggerText.OnInsert);

        Assert.Equal(["OTHER"], writes.Select(w => w.Target[0]));
        Assert.False(writes[0].Origin.Conditional);
    }

    [Fact]
    public void A_reassigned_variable_no_longer_carries_the_sequence()
    {
        var writes = Writes("BEGIN v := s.NEXTVAL; v := 0; :NEW.id := v; END;");

        Assert.DoesNotContain(writes, w => w.Bind == "NEW");
    }

    [Fact]
    public void Select_into_targets_are_matched_by_position()
    {
        var writes = Writes("BEGIN SELECT SYSDATE, s.NEXTVAL, USER INTO :NEW.a, :NEW.b, :NEW.c FROM dual; END;");

        Assert.Equal("B", Assert.Single(writes).Target[0]);
    }
}
