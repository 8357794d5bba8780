using System.Data;
using CutoverSequencer.Core;
using CutoverSequencer.Oracle.Catalog;
using CutoverSequencer.Oracle.Export;
using CutoverSequencer.Oracle.Live;

namespace CutoverSequencer.Tests;

/// <summary>
/// The live reader's row mapping, through real ADO.NET readers shaped as ODP.NET returns them:
/// TO_CHAR'd numbers as strings, small NUMBERs as decimal, NULL as DBNull.
/// </summary>
public class OracleLiveReaderTests
{
    private static DataTable Table(string name, params (string Column, Type Type)[] columns)
    {
        var table = new DataTable(name);
        foreach (var (column, type) in columns)
        {
            table.Columns.Add(column, type);
        }
        return table;
    }

    private static DataTable Sequences(bool release18OrLater)
    {
        var table = Table("sequences", ("SEQUENCE_OWNER", typeof(string)), ("SEQUENCE_NAME", typeof(string)), ("MIN_VALUE", typeof(string)),
            ("MAX_VALUE", typeof(string)), ("INCREMENT_BY", typeof(string)), ("CYCLE_FLAG", typeof(string)), ("ORDER_FLAG", typeof(string)),
            ("CACHE_SIZE", typeof(string)), ("LAST_NUMBER", typeof(string)), ("SCALE_FLAG", typeof(string)), ("SESSION_FLAG", typeof(string)));
        object Flag(string value) => release18OrLater ? value : DBNull.Value;
        table.Rows.Add("FINANCE", "ACCOUNT_SEQ", "1", "9999999999999999999999999999", "1", "N", "N", "20", "847331", Flag("N"), Flag("N"));
        table.Rows.Add("FINANCE", "EVENT_SEQ", "1", "9999999999999999999999999999", "1", "N", "N", "0", "123456789012345678", Flag("Y"), Flag("N"));
        return table;
    }

    private static Oracle.Catalog.CatalogTable Read(DataTable table, string file) =>
        ArrayRow.ReadAll(table.CreateDataReader(), file, $"DBA {table.TableName}");

    private static Core.Model.SourceCatalog Assemble(params Oracle.Catalog.CatalogTable[] tables)
    {
        var byFile = tables.ToDictionary(t => t.File);
        return CatalogAssembler.Assemble("oracle", "oracle test", (file, _) => byFile.TryGetValue(file, out var t) ? t.Rows : null, ["FINANCE"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Maps_sequences_of_every_release(bool release18OrLater)
    {
        var catalog = Assemble(Read(Sequences(release18OrLater), "sequences.csv"));

        var account = catalog.Sequences[0];
        Assert.Equal(847_331, account.LastNumber);
        Assert.Equal("DBA sequences row 1", account.Location);
        Assert.Equal(release18OrLater, catalog.Sequences[1].Scalable);
    }

    [Fact]
    public void Maps_identity_triggers_source_lines_columns_and_samples()
    {
        var identity = Table("identity", ("OWNER", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)),
            ("GENERATION_TYPE", typeof(string)), ("SEQUENCE_NAME", typeof(string)));
        identity.Rows.Add("FINANCE", "CUSTOMER", "CUSTOMER_ID", "ALWAYS", DBNull.Value);
        var triggers = Table("triggers", ("OWNER", typeof(string)), ("TRIGGER_NAME", typeof(string)), ("TABLE_OWNER", typeof(string)),
            ("TABLE_NAME", typeof(string)), ("TRIGGER_TYPE", typeof(string)), ("TRIGGERING_EVENT", typeof(string)), ("STATUS", typeof(string)),
            ("REFERENCING_NAMES", typeof(string)));
        triggers.Rows.Add("FINANCE", "ORDERS_BI", "FINANCE", "ORDERS", "BEFORE EACH ROW", "INSERT", "ENABLED", "REFERENCING NEW AS NEW OLD AS OLD");
        var source = Table("source", ("OWNER", typeof(string)), ("NAME", typeof(string)), ("LINE", typeof(decimal)), ("TEXT", typeof(string)));
        source.Rows.Add("FINANCE", "ORDERS_BI", 2m, "BEGIN :NEW.order_id := order_seq.NEXTVAL; END;\n");
        source.Rows.Add("FINANCE", "ORDERS_BI", 1m, "TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW\n");
        var columns = Table("columns", ("OWNER", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)),
            ("DATA_TYPE", typeof(string)), ("DATA_LENGTH", typeof(decimal)), ("CHAR_LENGTH", typeof(decimal)));
        columns.Rows.Add("FINANCE", "TOKEN", "TOKEN_ID", "RAW", 16m, 0m);
        var samples = Table("samples", ("OWNER", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)), ("VALUE", typeof(string)));
        samples.Rows.Add("FINANCE", "TOKEN", "TOKEN_ID", "6F9619FF8B86D011B42D00C04FC964FF");

        var catalog = Assemble(Read(Sequences(true), "sequences.csv"), Read(identity, "identity_columns.csv"), Read(triggers, "triggers.csv"),
            Read(source, "trigger_source.csv"), Read(columns, "columns.csv"), Read(samples, "guid_samples.csv"));

        Assert.Null(Assert.Single(catalog.IdentityColumns).SequenceName);
        Assert.Equal("TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW\nBEGIN :NEW.order_id := order_seq.NEXTVAL; END;", Assert.Single(catalog.Triggers).Text);
        Assert.Equal(16, Assert.Single(catalog.Columns).DataLength);
        Assert.Equal("6F9619FF8B86D011B42D00C04FC964FF", Assert.Single(catalog.Samples).Value);
    }

    [Fact]
    public void A_non_numeric_value_names_the_view_and_row()
    {
        var table = Sequences(true);
        table.Rows[1]["LAST_NUMBER"] = "1.2E+17";

        var error = Assert.Throws<InvalidInputException>(() => Assemble(Read(table, "sequences.csv")));

        Assert.Equal("DBA sequences row 2: LAST_NUMBER is '1.2E+17', not a whole number (select it with TO_CHAR(x, 'TM9'))", error.Message);
    }

    [Fact]
    public void Written_export_files_read_back_to_the_same_catalog()
    {
        using var directory = new TempDirectory();
        var tables = new[] { Read(Sequences(true), "sequences.csv") };

        ExportWriter.Write(directory.Root, tables);
        var fromFiles = new OracleExportReader(directory.Root, ["FINANCE"]).Read();

        Assert.Equal(Assemble(tables).Sequences.Select(s => (s.FullName, s.LastNumber, s.Scalable)), fromFiles.Sequences.Select(s => (s.FullName, s.LastNumber, s.Scalable)));
    }

    [Theory]
    [InlineData(false, false, false, "CAST(NULL AS VARCHAR2(1))                 AS scale_flag")]
    [InlineData(true, true, true, "s.scale_flag                 AS scale_flag")]
    public void Probed_columns_are_named_only_where_the_release_has_them(bool scale, bool session, bool identity, string expected)
    {
        var sql = CatalogQueries.Render("sequences", new DictionaryChoice("ALL", scale, session, identity));

        Assert.Contains(expected, sql, StringComparison.Ordinal);
        Assert.Contains("FROM ALL_sequences s", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_are_listed_in_order_and_string_literals_are_skipped()
    {
        Assert.Equal(["owners", "owners"], CatalogQueries.BindOrder(CatalogQueries.Load("sequences")));
        Assert.Empty(CatalogQueries.BindOrder(CatalogQueries.Load("export_info")));
        Assert.Empty(CatalogQueries.BindOrder(CatalogQueries.Probe("DBA_SEQUENCES")));
    }

    [Fact]
    public void Maps_column_defaults_stored_code_and_its_dependencies_from_live_rows()
    {
        var columns = Table("columns", ("OWNER", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)),
            ("DATA_TYPE", typeof(string)), ("DATA_LENGTH", typeof(decimal)), ("CHAR_LENGTH", typeof(decimal)), ("DATA_DEFAULT", typeof(string)));
        columns.Rows.Add("FINANCE", "INVOICE", "INVOICE_ID", "NUMBER", 22m, 0m, "\"FINANCE\".\"INVOICE_SEQ\".\"NEXTVAL\" ");
        columns.Rows.Add("FINANCE", "TOKEN", "TOKEN_ID", "RAW", 16m, 0m, DBNull.Value);
        var code = Table("code", ("OWNER", typeof(string)), ("NAME", typeof(string)), ("TYPE", typeof(string)), ("LINE", typeof(decimal)),
            ("TEXT", typeof(string)));
        code.Rows.Add("FINANCE", "API", "PACKAGE BODY", 2m, "  PROCEDURE p IS BEGIN NULL; END;\n");
        code.Rows.Add("FINANCE", "API", "PACKAGE BODY", 1m, "PACKAGE BODY api AS\n");
        code.Rows.Add("FINANCE", "API", "PACKAGE BODY", 3m, "END api;\n");
        code.Rows.Add("FINANCE", "LOADER", "PROCEDURE", 1m, "PROCEDURE loader IS BEGIN NULL; END;\n");
        var dependencies = Table("dependencies", ("OWNER", typeof(string)), ("NAME", typeof(string)), ("TYPE", typeof(string)),
            ("REFERENCED_OWNER", typeof(string)), ("REFERENCED_NAME", typeof(string)), ("REFERENCED_TYPE", typeof(string)));
        dependencies.Rows.Add("FINANCE", "API", "PACKAGE BODY", "FINANCE", "ORDER_SEQ", "SEQUENCE");
        dependencies.Rows.Add("FINANCE", "API", "PACKAGE BODY", "FINANCE", "ORDERS", "TABLE");

        var catalog = Assemble(Read(Sequences(true), "sequences.csv"), Read(columns, "columns.csv"), Read(code, "source_code.csv"),
            Read(dependencies, "dependencies.csv"));

        Assert.Equal("\"FINANCE\".\"INVOICE_SEQ\".\"NEXTVAL\"", catalog.Columns.Single(c => c.Table == "INVOICE").DataDefault);
        Assert.Null(catalog.Columns.Single(c => c.Table == "TOKEN").DataDefault);
        var api = catalog.Routines.Single(r => r.Name == "API");
        Assert.Equal("PACKAGE BODY api AS\n  PROCEDURE p IS BEGIN NULL; END;\nEND api;", api.Text);
        Assert.Equal(["FINANCE.ORDER_SEQ"], api.ReferencedSequences);
        Assert.Empty(catalog.Routines.Single(r => r.Name == "LOADER").ReferencedSequences!);
    }

    [Theory]
    [InlineData(true, "c.data_default_vc AS data_default", "UPPER(c.data_default_vc) LIKE '%NEXTVAL%'")]
    [InlineData(false, "c.data_default AS data_default", "c.default_length > 0")]
    public void Column_defaults_are_read_as_text_where_the_release_has_it_and_as_the_long_before(bool text, string select,
        string filter)
    {
        var sql = CatalogQueries.Render("columns", new DictionaryChoice("DBA", true, true, true) { DataDefaultText = text });

        Assert.Contains(select, sql, StringComparison.Ordinal);
        Assert.Contains(filter, sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_export_query_renders_for_every_dictionary_choice()
    {
        foreach (var (_, query) in CatalogQueries.ExportFiles)
        {
            foreach (var choice in new[] { DictionaryChoice.Full, new DictionaryChoice("ALL", false, false, false),
                DictionaryChoice.Full with { DataDefaultText = false } })
            {
                var sql = CatalogQueries.Render(query, choice);
                Assert.DoesNotContain("{{", sql, StringComparison.Ordinal);
                // Only the PL/SQL function of the GUID sampling holds semicolons; no query ends with one.
                Assert.False(sql.TrimEnd().EndsWith(';'), query);
                Assert.True(query == "guid_samples" || !sql.Contains(';', StringComparison.Ordinal), query);
            }
        }
    }

    [Fact]
    public void The_shipped_export_script_is_generated_from_the_same_queries()
    {
        var path = Path.Combine(Repository.Root, "docs", "oracle", "export-catalog.sql");
        var generated = ExportScript.Text();
        if (File.ReadAllText(path) != generated)
        {
            File.WriteAllText(path + ".received", generated);
            Assert.Fail($"{path} differs from the generated script; see {path}.received");
        }
    }

    [Fact]
    public void Without_the_driver_the_error_says_how_to_get_it()
    {
        var error = Assert.Throws<ConnectionFailedException>(() => OracleDriver.Load(null));

        Assert.Equal(ExitCodes.CannotConnect, error.ExitCode);
        Assert.Contains("-p:WithOracleClient=true", error.Message, StringComparison.Ordinal);
        Assert.Contains("source.driverPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_never_shows_the_password() =>
        Assert.Equal("oracle://migrator@db.example:1521/ORCLPDB1", OracleDriver.Describe("User Id=migrator;Password=S3cret;Data Source=db.example:1521/ORCLPDB1"));
}
