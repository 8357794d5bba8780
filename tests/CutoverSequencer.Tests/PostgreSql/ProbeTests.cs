using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.PostgreSql;

namespace CutoverSequencer.Tests.PostgreSql;

/// <summary>The per-table query that query_to_xml runs on the server, and the reading of its answer.</summary>
public sealed class ProbeTests
{
    private static readonly TargetColumn Key = new(new QualifiedName("Billing", "Invoice \"2\""), "Invoice Id", "bigint");

    [Fact]
    public void The_key_query_quotes_every_identifier_and_casts_outside_the_ordering()
    {
        var sql = ProbeQueries.ProbeQuery(Key, descending: false, new QualifiedName("Billing", "inv_seq"));

        Assert.Equal(
            "SELECT (SELECT \"Invoice Id\" FROM \"Billing\".\"Invoice \"\"2\"\"\" WHERE \"Invoice Id\" IS NOT NULL ORDER BY \"Invoice Id\" DESC LIMIT 1)::pg_catalog.text AS k, " +
            "last_value AS l, is_called AS c FROM \"Billing\".\"inv_seq\"",
            sql);
    }

    [Fact]
    public void A_descending_sequence_reads_the_lowest_key_and_a_sequence_alone_reads_no_key()
    {
        Assert.Contains("ORDER BY \"Invoice Id\" ASC LIMIT 1", ProbeQueries.ProbeQuery(Key, descending: true, null), StringComparison.Ordinal);
        Assert.Equal("SELECT NULL::pg_catalog.text AS k, last_value AS l, is_called AS c FROM \"public\".\"s\"",
            ProbeQueries.ProbeQuery(null, descending: false, new QualifiedName("public", "s")));
    }

    [Fact]
    public void A_text_key_reads_the_numeric_extreme_of_its_whole_numbers_and_an_example_of_the_rest_in_one_scan()
    {
        var text = new TargetColumn(new QualifiedName("public", "t"), "Code", "character varying(20)");

        var sql = ProbeQueries.ProbeQuery(text, descending: false, new QualifiedName("public", "s"));

        Assert.StartsWith("SELECT x.k, x.b, last_value AS l, is_called AS c FROM (SELECT pg_catalog.max(CASE WHEN \"Code\"::pg_catalog.text ~ '^[[:space:]]*[+-]?[0-9]+[[:space:]]*$'", sql, StringComparison.Ordinal);
        Assert.EndsWith("FROM \"public\".\"t\") x CROSS JOIN \"public\".\"s\"", sql, StringComparison.Ordinal);
        Assert.Contains("pg_catalog.min(", ProbeQueries.ScanQuery(text, descending: true), StringComparison.Ordinal);
        Assert.Equal("A-<17>", ProbeQueries.ProbeBadValue("<row>\n  <k>12</k>\n  <b>A-&lt;17&gt;</b>\n  <l>1</l>\n  <c>false</c>\n</row>\n"));
        Assert.Null(ProbeQueries.ProbeBadValue("<row>\n  <k>12</k>\n  <l>1</l>\n  <c>false</c>\n</row>\n"));
    }

    [Theory]
    [InlineData("<row xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n  <k>5000</k>\n  <l>1</l>\n  <c>false</c>\n</row>\n", "5000", 1L, false)]
    [InlineData("<row xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n  <l>-9223372036854775808</l>\n  <c>true</c>\n</row>\n", null, long.MinValue, true)]
    [InlineData("<row>\n  <k>-100.25</k>\n  <l>7</l>\n  <c>true</c>\n</row>\n", "-100.25", 7L, true)]
    public void The_answer_is_read_from_its_elements_and_an_empty_table_has_no_key(string xml, string? key, long last, bool called)
    {
        Assert.Equal((key, last, called), ProbeQueries.ParseProbe(xml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<row>\n  <k>1</k>\n</row>\n")]
    [InlineData("<row>\n  <l>x</l>\n  <c>true</c>\n</row>\n")]
    [InlineData("<row>\n  <l>1</l>\n  <c>t</c>\n</row>\n")]
    public void An_unexpected_answer_is_an_error_not_a_guess(string xml)
    {
        Assert.Throws<InvalidOperationException>(() => ProbeQueries.ParseProbe(xml));
    }

    [Theory]
    [InlineData("100", false, 100)]
    [InlineData("99.5", false, 100)]
    [InlineData("-99.5", false, -99)]
    [InlineData("-99.5", true, -100)]
    [InlineData("99.5", true, 99)]
    [InlineData("12.000", false, 12)]
    public void Fractional_keys_round_to_the_safe_side(string text, bool descending, long expected)
    {
        Assert.Equal(expected, (long)ProbeQueries.WholeBound(text, descending));
    }
}
