using System.Numerics;
using System.Text;
using CutoverSequencer.Core;
using CutoverSequencer.Oracle.Export;

namespace CutoverSequencer.Tests;

public class ExportReaderTests : IDisposable
{
    private const string Header = "\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\",\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\"";
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private CutoverSequencer.Core.Model.SourceCatalog Read(string sequencesCsv, params string[] owners)
    {
        files.Write("sequences.csv", sequencesCsv);
        return new OracleExportReader(files.Root, owners).Read();
    }

    private string Error(string sequencesCsv) =>
        Assert.Throws<InvalidInputException>(() => Read(sequencesCsv)).Message;

    [Fact]
    public void Reads_the_bundled_sample_export()
    {
        var sample = Path.Combine(Repository.Root, "configs", "sample", "export");

        var catalog = new OracleExportReader(sample, ["finance"]).Read();

        Assert.Equal(10, catalog.Sequences.Count);
        Assert.Equal("ISEQ$$_74512", Assert.Single(catalog.IdentityColumns).SequenceName);
        Assert.Equal(3, catalog.Triggers.Count);
        var trigger = catalog.Triggers.Single(t => t.Name == "ORDER_HEADER_BI");
        Assert.StartsWith("TRIGGER ORDER_HEADER_BI\n  BEFORE INSERT ON ORDER_HEADER\n", trigger.Text, StringComparison.Ordinal);
        Assert.EndsWith("END IF;\nEND;", trigger.Text, StringComparison.Ordinal);
        Assert.False(catalog.Triggers.Single(t => t.Name == "PAYMENT_BI").Enabled);
        Assert.Equal(6, catalog.Columns.Count);
        Assert.Equal("\"FINANCE\".\"INVOICE_SEQ\".\"NEXTVAL\"", catalog.Columns.Single(c => c.Table == "INVOICE").DataDefault);
        var routine = Assert.Single(catalog.Routines);
        Assert.Equal(("FINANCE.STATEMENT_API", "PACKAGE BODY"), (routine.FullName, routine.Type));
        Assert.Equal(["FINANCE.STATEMENT_SEQ"], routine.ReferencedSequences);
        Assert.StartsWith("PACKAGE BODY statement_api AS\n", routine.Text, StringComparison.Ordinal);
        Assert.Equal(5, catalog.Samples.Count);
        var account = catalog.Sequences.Single(s => s.Name == "ACCOUNT_SEQ");
        Assert.Equal(847_331, account.LastNumber);
        Assert.Equal(BigInteger.Parse("9999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture), account.MaxValue);
        Assert.Equal("account_seq", CutoverSequencer.Core.Naming.NameMapping.Default("public").Name(account.Name));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 23, 58, 12, TimeSpan.Zero), catalog.CapturedAt);
        Assert.Equal("48213377102", catalog.CurrentScn);
    }

    [Fact]
    public void Accepts_a_byte_order_mark_crlf_lines_lower_case_headers_and_extra_columns()
    {
        var text = "\uFEFFsequence_owner,Sequence_Name,MIN_VALUE,MAX_VALUE,INCREMENT_BY,CYCLE_FLAG,ORDER_FLAG,CACHE_SIZE,LAST_NUMBER,EXTRA\r\n" +
                   "FINANCE,ACCOUNT_SEQ,1,9999999999999999999999999999,1,N,N,20,847331,whatever\r\n";

        var sequence = Assert.Single(Read(text).Sequences);

        Assert.Equal("FINANCE", sequence.Owner);
        Assert.Equal(847_331, sequence.LastNumber);
    }

    [Fact]
    public void Reads_rfc4180_quoting_and_keeps_quoted_mixed_case_names_exact()
    {
        var text = Header + "\n" +
                   "\"FINANCE\",\"Order Seq, v2\",1,1000,1,\"N\",\"N\",0,77\n" +
                   "\n" +
                   "\"FINANCE\",\"ACCOUNT_SEQ\",1,9999999999999999999999999999,1,\"N\",\"N\",20,5\n";

        var sequences = Read(text).Sequences;

        Assert.Equal("Order Seq, v2", sequences[0].Name);
        Assert.Equal("Order Seq, v2", CutoverSequencer.Core.Naming.NameMapping.Default("public").Name(sequences[0].Name));
        Assert.Equal("account_seq", CutoverSequencer.Core.Naming.NameMapping.Default("public").Name(sequences[1].Name));
    }

    [Fact]
    public void Empty_optional_fields_mean_null_and_default_to_no()
    {
        var text = Header + ",\"SCALE_FLAG\",\"SESSION_FLAG\"\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0,7,,\n";

        var sequence = Assert.Single(Read(text).Sequences);

        Assert.False(sequence.Scalable);
        Assert.False(sequence.SessionScoped);
    }

    [Fact]
    public void Accepts_a_rounded_maxvalue_but_not_a_rounded_last_number()
    {
        var rounded = Header + "\n\"FINANCE\",\"S\",1,1.0000E+28,1,\"N\",\"N\",0,7\n";
        Assert.Equal(BigInteger.Pow(10, 28), Assert.Single(Read(rounded).Sequences).MaxValue);

        var message = Error(Header + "\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0,8.4733E+05\n");
        Assert.Equal("sequences.csv:2: LAST_NUMBER is '8.4733E+05', not a whole number (select it with TO_CHAR(x, 'TM9'))", message);
    }

    [Fact]
    public void Filters_by_owner_with_oracle_folding()
    {
        var text = Header + "\n\"FINANCE\",\"A\",1,100,1,\"N\",\"N\",0,7\n\"HR\",\"B\",1,100,1,\"N\",\"N\",0,7\n";

        Assert.Equal(["A"], Read(text, "finance").Sequences.Select(s => s.Name));
    }

    [Theory]
    [InlineData("\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\"\n", "sequences.csv:1: missing columns MIN_VALUE, MAX_VALUE, INCREMENT_BY, CYCLE_FLAG, ORDER_FLAG, CACHE_SIZE, LAST_NUMBER in the header")]
    [InlineData(Header + ",\"last_number\"\n", "sequences.csv:1: column LAST_NUMBER appears twice in the header")]
    [InlineData(Header + "\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0\n", "sequences.csv:2: 8 fields where the header has 9")]
    [InlineData(Header + "\n\"FINANCE\",\"S\",1,100,1,\"X\",\"N\",0,7\n", "sequences.csv:2: CYCLE_FLAG is 'X'; expected Y or N")]
    [InlineData(Header + "\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0,\n", "sequences.csv:2: LAST_NUMBER is empty")]
    [InlineData(Header + "\n\"FINANCE\",\"S\",1,100,0,\"N\",\"N\",0,7\n", "sequences.csv:2: INCREMENT_BY is 0")]
    [InlineData(Header + "\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0,7\n\"FINANCE\",\"S\",1,100,1,\"N\",\"N\",0,9\n", "sequences.csv:3: sequence FINANCE.S is listed twice (first at sequences.csv:2)")]
    [InlineData("", "sequences.csv: the file is empty, without a header row (the export writes its header row even when there is no sequence): the export did not finish; run it again")]
    public void Broken_files_name_the_file_and_line(string text, string expected) =>
        Assert.Equal(expected, Error(text));

    [Fact]
    public void Broken_quoting_names_the_line()
    {
        var message = Error(Header + "\n\"FINANCE\",\"S\"x,1,100,1,\"N\",\"N\",0,7\n");

        Assert.Equal("sequences.csv:2: malformed CSV (unbalanced or misplaced double quote)", message);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\n\"FINANCE\",\"S").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\",1,100,1,\"N\",\"N\",0,7\n")).ToArray();
        files.WriteBytes("sequences.csv", bytes);

        var message = Assert.Throws<InvalidInputException>(() => new OracleExportReader(files.Root, []).Read()).Message;

        Assert.StartsWith("sequences.csv:2: not valid UTF-8 (byte 137): ", message, StringComparison.Ordinal);
        Assert.Contains("set NLS_LANG=.AL32UTF8", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_missing_sequences_file_is_named()
    {
        var message = Assert.Throws<InvalidInputException>(() => new OracleExportReader(files.Root, []).Read()).Message;

        Assert.EndsWith("sequences.csv: required export file not found", message, StringComparison.Ordinal);
    }
}
