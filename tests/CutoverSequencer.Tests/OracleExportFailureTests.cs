using System.Text;
using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Oracle.Export;

namespace CutoverSequencer.Tests;

/// <summary>
/// What SQL*Plus writes when an export goes wrong, read back: empty files of queries without rows,
/// error text spooled in place of rows, another character set; each one line naming file and line.
/// </summary>
public sealed class OracleExportFailureTests : IDisposable
{
    private const string SequencesHeader = "\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\",\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\",\"SCALE_FLAG\",\"SESSION_FLAG\"";
    private const string Sequence = "\"FINANCE\",\"ACCOUNT_SEQ\",\"1\",\"9999999999999999999999999999\",\"1\",\"N\",\"N\",\"20\",\"847331\",\"N\",\"N\"";
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private CutoverSequencer.Core.Model.SourceCatalog Read() => new OracleExportReader(files.Root, ["FINANCE"]).Read();

    private string Error() => Assert.Throws<InvalidInputException>(Read).Message;

    [Theory]
    [InlineData("identity_columns.csv")]
    [InlineData("triggers.csv")]
    [InlineData("trigger_source.csv")]
    [InlineData("trigger_dependencies.csv")]
    [InlineData("columns.csv")]
    [InlineData("guid_samples.csv")]
    public void An_empty_optional_file_is_a_query_without_rows(string file)
    {
        files.Write("sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write(file, "");

        var catalog = Read();

        Assert.Single(catalog.Sequences);
        Assert.Empty(catalog.IdentityColumns);
        Assert.Empty(catalog.Triggers);
        Assert.Empty(catalog.Columns);
        Assert.Empty(catalog.Samples);
    }

    [Fact]
    public void A_schema_without_sequences_gives_a_header_only_file_and_zero_sequences()
    {
        files.Write("sequences.csv", "\n" + SequencesHeader + "\n");

        Assert.Empty(Read().Sequences);
    }

    [Theory]
    [InlineData("sequences.csv", "the export writes its header row even when there is no sequence")]
    [InlineData("export_info.csv", "the export writes this file last, always with one row")]
    public void An_empty_file_that_an_export_always_writes_with_a_header_means_the_export_did_not_finish(string file, string why)
    {
        files.Write("sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write(file, "\n\n");

        Assert.Equal($"{file}: the file is empty, without a header row ({why}): the export did not finish; run it again", Error());
    }

    [Fact]
    public void Error_text_spooled_after_the_header_is_named_with_its_line()
    {
        files.Write("sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write("export_info.csv", "\"CAPTURED_AT\",\"CURRENT_SCN\",\"DB_VERSION\"\nBEGIN\n*\nERROR at line 1:\nORA-00942: table or view does not exist\nORA-06512: at line 2\n");

        var message = Error();

        Assert.StartsWith("export_info.csv:4: SQL*Plus wrote an error into this file instead of rows (ERROR at line 1:): the export did not complete;", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("ORA-01031: insufficient privileges\n", 1, "ORA-01031: insufficient privileges")]
    [InlineData("SP2-0158: unknown SET option beginning \"MARKUP CSV...\"\n", 1, "SP2-0158: unknown SET option beginning \"MARKUP CSV...\"")]
    [InlineData(SequencesHeader + "\n" + Sequence + "\nORA-01013: user requested cancel of current operation\n", 3, "ORA-01013: user requested cancel of current operation")]
    public void Error_text_in_the_required_file_is_named_rather_than_mis_parsed(string content, int line, string text)
    {
        files.Write("sequences.csv", content);

        Assert.StartsWith($"sequences.csv:{line}: SQL*Plus wrote an error into this file instead of rows ({text})", Error(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_text_inside_a_quoted_trigger_line_is_data()
    {
        files.Write("sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write("triggers.csv", "\"OWNER\",\"TRIGGER_NAME\",\"TABLE_OWNER\",\"TABLE_NAME\",\"TRIGGER_TYPE\",\"TRIGGERING_EVENT\",\"STATUS\",\"REFERENCING_NAMES\"\n\"FINANCE\",\"T_BI\",\"FINANCE\",\"T\",\"BEFORE EACH ROW\",\"INSERT\",\"ENABLED\",\"REFERENCING NEW AS NEW OLD AS OLD\"\n");
        files.Write("trigger_source.csv", "\"OWNER\",\"NAME\",\"LINE\",\"TEXT\"\n\"FINANCE\",\"T_BI\",\"1\",\"ORA-20001 raised here\n\"\n");

        Assert.Contains("ORA-20001", Assert.Single(Read().Triggers).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trigger_owned_by_a_code_schema_on_a_listed_owners_table_is_read()
    {
        files.Write("sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write("triggers.csv", "\"OWNER\",\"TRIGGER_NAME\",\"TABLE_OWNER\",\"TABLE_NAME\",\"TRIGGER_TYPE\",\"TRIGGERING_EVENT\",\"STATUS\",\"REFERENCING_NAMES\"\n" +
            "\"APP_CODE\",\"ACCOUNT_BI\",\"FINANCE\",\"ACCOUNT\",\"BEFORE EACH ROW\",\"INSERT\",\"ENABLED\",\"REFERENCING NEW AS NEW OLD AS OLD\"\n" +
            "\"APP_CODE\",\"OTHER_BI\",\"HR\",\"EMPLOYEE\",\"BEFORE EACH ROW\",\"INSERT\",\"ENABLED\",\"REFERENCING NEW AS NEW OLD AS OLD\"\n");
        files.Write("trigger_source.csv", "\"OWNER\",\"NAME\",\"LINE\",\"TEXT\"\n\"APP_CODE\",\"ACCOUNT_BI\",\"1\",\"TRIGGER account_bi BEFORE INSERT ON finance.account FOR EACH ROW\n\"\n\"APP_CODE\",\"ACCOUNT_BI\",\"2\",\"BEGIN :NEW.account_id := finance.account_seq.NEXTVAL; END;\n\"\n");

        var trigger = Assert.Single(Read().Triggers);

        Assert.Equal(("APP_CODE", "ACCOUNT_BI", "FINANCE", "ACCOUNT"), (trigger.Owner, trigger.Name, trigger.TableOwner, trigger.Table));
    }

    [Fact]
    public void Invalid_utf8_names_the_file_line_and_nls_lang()
    {
        // "SÉQ" in ISO-8859-1, as a client with NLS_LANG=.WE8ISO8859P1 spools it.
        var text = Encoding.Latin1.GetBytes(SequencesHeader + "\n" + Sequence + "\n\"FINANCE\",\"S\u00C9Q\",\"1\",\"100\",\"1\",\"N\",\"N\",\"0\",\"7\",\"N\",\"N\"\n");
        files.WriteBytes("sequences.csv", text);

        var message = Error();

        Assert.StartsWith("sequences.csv:3: not valid UTF-8 (byte ", message, StringComparison.Ordinal);
        Assert.Contains("set NLS_LANG=.AL32UTF8 before running sqlplus", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    /// <summary>plan through the CLI (its messages go to the console log; the reader tests above hold their wording).</summary>
    private async Task<int> Plan()
    {
        var config = files.Write("cutover.yaml", """
            source:
              kind: oracle-export
              exportDirectory: ./export
              schemas: [FINANCE]
            target:
              connectionString: Host=127.0.0.1;Port=1;Database=finance;Username=migrator;Timeout=2
              schema: public
            sequenceAdvancement:
              enabled: true
              safetyMargin: 10000
              tables:
                - table: account
                  pkColumn: account_id
                  sequence: account_seq
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["plan", "--config", config, "--report-dir", Path.Combine(files.Root, "report")], output, error);
        return code;
    }

    [Fact]
    public async Task The_cli_refuses_spooled_error_text_with_exit_2()
    {
        files.Write("export/sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write("export/columns.csv", "\"OWNER\",\"TABLE_NAME\",\"COLUMN_NAME\",\"DATA_TYPE\",\"DATA_LENGTH\",\"CHAR_LENGTH\"\n  FROM \"FINANCE\".\"SECRET\"\n       *\nERROR at line 3:\nORA-00942: table or view does not exist\n");

        Assert.Equal(ExitCodes.InvalidInput, await Plan());
    }

    [Fact]
    public async Task The_cli_refuses_invalid_utf8_with_exit_2()
    {
        files.WriteBytes("export/sequences.csv", [.. Encoding.UTF8.GetBytes(SequencesHeader + "\n\"FINANCE\",\""), 0xC9, .. Encoding.UTF8.GetBytes("\",\"1\",\"100\",\"1\",\"N\",\"N\",\"0\",\"7\",\"N\",\"N\"\n")]);

        Assert.Equal(ExitCodes.InvalidInput, await Plan());
    }

    [Fact]
    public async Task The_cli_reads_past_empty_optional_files()
    {
        files.Write("export/sequences.csv", SequencesHeader + "\n" + Sequence + "\n");
        files.Write("export/identity_columns.csv", "");
        files.Write("export/triggers.csv", "");

        // The source reads; the run then stops at the unreachable target (exit 3), not at the files (exit 2).
        Assert.Equal(ExitCodes.CannotConnect, await Plan());
    }
}
