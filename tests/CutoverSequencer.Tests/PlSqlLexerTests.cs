using CutoverSequencer.Core.Analysis.PlSql;

namespace CutoverSequencer.Tests;

public class PlSqlLexerTests
{
    private static List<string> Values(string text) =>
        [.. PlSqlLexer.Tokenize(text).Select(t => $"{t.Kind}:{t.Value}")];

    [Fact]
    public void Comments_are_dropped_and_lines_counted_across_them()
    {
        var tokens = PlSqlLexer.Tokenize("a -- :NEW.x := s.NEXTVAL\n/* b\n c */ d", lineOffset: 10);

        Assert.Equal(["A", "D"], tokens.Select(t => t.Value));
        Assert.Equal([11, 13], tokens.Select(t => t.Line));
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("q'[a ] b]'", "a ] b")]
    [InlineData("q'{x := s.NEXTVAL}'", "x := s.NEXTVAL")]
    [InlineData("Q'<a'b>'", "a'b")]
    [InlineData("q'(a)'", "a")]
    [InlineData("q'!don't!'", "don't")]
    [InlineData("nq'#n#'", "n")]
    [InlineData("N'nat'", "nat")]
    public void String_literals_of_every_form_are_one_token(string text, string value) =>
        Assert.Equal([$"String:{value}"], Values(text));

    [Fact]
    public void Quoted_identifiers_keep_their_case_and_words_fold_to_upper_case() =>
        Assert.Equal(["QuotedWord:My Col", "Symbol:.", "Word:NEXTVAL"], Values("\"My Col\".nextval"));

    [Fact]
    public void Binds_are_read_with_or_without_blanks_after_the_colon_and_assignment_is_one_symbol() =>
        Assert.Equal(["Bind:NEW", "Symbol:.", "Word:ID", "Symbol::=", "Bind:NEW", "Symbol:.", "QuotedWord:Id"],
            Values(":new.id:=: New.\"Id\""));

    [Fact]
    public void Operators_are_read_whole() =>
        Assert.Equal(
            ["Symbol:=>", "Symbol:||", "Number:1", "Symbol:..", "Number:10", "Symbol:<<", "Symbol:>>", "Symbol:<>"],
            Values("=> || 1..10 << >> <>"));

    [Fact]
    public void Conditional_compilation_keeps_the_code_of_every_branch_and_drops_errors() =>
        Assert.Equal(["A", "B", "C"],
            PlSqlLexer.Tokenize("$IF DBMS_DB_VERSION.VER_LE_11 $THEN a $ELSIF $$x $THEN b\n"
                + "$ELSE $ERROR 'no' $END c $END")
                .Select(t => t.Value));
}
