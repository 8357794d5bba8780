using System.Data;
using CutoverSequencer.Oracle.Catalog;
using CutoverSequencer.Oracle.Live;

namespace CutoverSequencer.Tests;

/// <summary>
/// The release probe: the columns each view has on 12.1 to 23ai (Oracle Database Reference), given as
/// the empty result of <c>SELECT * FROM view WHERE 1 = 0</c> through a real ADO.NET reader, and what the
/// queries then name.
/// </summary>
public class OracleDictionaryProbeTests
{
    private static readonly string[] Sequences12 =
    [
        "SEQUENCE_OWNER", "SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY", "CYCLE_FLAG", "ORDER_FLAG",
        "CACHE_SIZE", "LAST_NUMBER", "PARTITION_COUNT", "SESSION_FLAG", "KEEP_VALUE",
    ];

    private static readonly string[] Sequences18 =
    [
        "SEQUENCE_OWNER", "SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY", "CYCLE_FLAG", "ORDER_FLAG",
        "CACHE_SIZE", "LAST_NUMBER", "SCALE_FLAG", "EXTEND_FLAG", "SHARDED_FLAG", "SESSION_FLAG", "KEEP_VALUE",
    ];

    private static readonly string[] Identity12101 = ["OWNER", "TABLE_NAME", "COLUMN_NAME", "GENERATION_TYPE", "IDENTITY_OPTIONS"];

    private static readonly string[] Identity12102 =
        ["OWNER", "TABLE_NAME", "COLUMN_NAME", "GENERATION_TYPE", "SEQUENCE_NAME", "IDENTITY_OPTIONS"];

    private static readonly string[] Columns12 = ["OWNER", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "DATA_DEFAULT", "IDENTITY_COLUMN"];

    private static readonly string[] Columns23 = ["OWNER", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "DATA_DEFAULT", "IDENTITY_COLUMN", "DATA_DEFAULT_VC"];

    private static readonly string[] Version12 = ["PRODUCT", "VERSION", "STATUS"];

    private static readonly string[] Version18 = ["PRODUCT", "VERSION", "VERSION_FULL", "STATUS"];

    public static TheoryData<string, string[], string[], string[], bool, bool, bool, bool> Releases => new()
    {
        { "12.1.0.1", Sequences12, Identity12101, Version12, false, true, false, false },
        { "12.1.0.2", Sequences12, Identity12102, Version12, false, true, true, false },
        { "12.2", Sequences12, Identity12102, Version12, false, true, true, false },
        { "18c", Sequences18, Identity12102, Version18, true, true, true, true },
        { "19c", Sequences18, Identity12102, Version18, true, true, true, true },
        { "21c", Sequences18, Identity12102, Version18, true, true, true, true },
        { "23ai", Sequences18, Identity12102, Version18, true, true, true, true },
    };

    /// <summary>What ODP.NET returns for the probe: the view's columns and no row.</summary>
    private static IReadOnlyCollection<string> Probe(string[] columns)
    {
        using var table = new DataTable();
        foreach (var column in columns)
        {
            table.Columns.Add(column, typeof(string));
        }
        using var reader = table.CreateDataReader();
        return DictionaryProbe.FieldNames(reader);
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void The_probe_names_each_release_specific_column_only_where_the_release_has_it(
        string release, string[] sequences, string[] identity, string[] version, bool scale, bool session, bool identitySequence, bool versionFull)
    {
        var views = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["DBA_SEQUENCES"] = Probe(sequences),
            ["DBA_TAB_IDENTITY_COLS"] = Probe(identity),
            ["PRODUCT_COMPONENT_VERSION"] = Probe(version),
            ["DBA_TAB_COLUMNS"] = Probe(release == "23ai" ? Columns23 : Columns12),
        };

        var choice = DictionaryProbe.Choose("DBA", v => views.GetValueOrDefault(v));

        Assert.Equal((scale, session, identitySequence, versionFull), (choice.ScaleFlag, choice.SessionFlag, choice.IdentitySequence, choice.VersionFull));
        Assert.Equal(release == "23ai", choice.DataDefaultText);
        Assert.Contains(release == "23ai" ? "UPPER(c.data_default_vc) LIKE '%NEXTVAL%'" : "c.default_length > 0))", CatalogQueries.Render("columns", choice), StringComparison.Ordinal);
        var sequencesSql = CatalogQueries.Render("sequences", choice);
        Assert.Contains(scale ? "s.scale_flag                 AS scale_flag" : "CAST(NULL AS VARCHAR2(1))                 AS scale_flag", sequencesSql, StringComparison.Ordinal);
        Assert.Contains(session ? "s.session_flag               AS session_flag" : "CAST(NULL AS VARCHAR2(1))               AS session_flag", sequencesSql, StringComparison.Ordinal);
        Assert.Contains(identitySequence ? "i.sequence_name AS sequence_name" : "CAST(NULL AS VARCHAR2(128)) AS sequence_name", CatalogQueries.Render("identity_columns", choice), StringComparison.Ordinal);
        Assert.Contains(versionFull ? "(SELECT p.version_full FROM" : "(SELECT p.version FROM", CatalogQueries.Render("export_info", choice), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_dba_views_the_all_views_are_probed_and_read()
    {
        var views = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["ALL_SEQUENCES"] = Probe(Sequences18),
            ["ALL_TAB_IDENTITY_COLS"] = Probe(Identity12102),
            ["PRODUCT_COMPONENT_VERSION"] = Probe(Version18),
        };

        var choice = DictionaryProbe.Choose("ALL", v => views.GetValueOrDefault(v));

        Assert.Equal(["ALL_SEQUENCES", "ALL_TAB_IDENTITY_COLS", "ALL_TAB_COLUMNS", "PRODUCT_COMPONENT_VERSION"], DictionaryProbe.Views("ALL"));
        Assert.Equal(new DictionaryChoice("ALL", true, true, true) { VersionFull = true }, choice);
        Assert.Contains("FROM ALL_sequences s", CatalogQueries.Render("sequences", choice), StringComparison.Ordinal);
    }

    [Fact]
    public void A_view_that_cannot_be_read_has_none_of_its_columns()
    {
        var choice = DictionaryProbe.Choose("DBA", v => v == "DBA_SEQUENCES" ? Probe(Sequences18) : null);

        Assert.Equal(new DictionaryChoice("DBA", true, true, false), choice);
    }

    [Fact]
    public void Field_names_are_compared_without_regard_to_case()
    {
        var choice = DictionaryProbe.Choose("DBA", v => v == "DBA_SEQUENCES" ? ["sequence_owner", "scale_flag"] : null);

        Assert.True(choice.ScaleFlag);
        Assert.False(choice.SessionFlag);
    }

    [Theory]
    [InlineData(942, "ORA-00942: table or view does not exist", true)]
    [InlineData(1031, "ORA-01031: insufficient privileges", true)]
    [InlineData(null, "ORA-00942: table or view does not exist", true)]
    [InlineData(null, "ORA-01031: insufficient privileges", true)]
    [InlineData(null, "ORA-00942: table or view \"SYS\".\"DBA_SEQUENCES\" does not exist", true)]
    [InlineData(904, "ORA-00904: \"SCALE_FLAG\": invalid identifier", false)]
    [InlineData(3113, "ORA-03113: end-of-file on communication channel", false)]
    [InlineData(null, "ORA-12541: TNS:no listener", false)]
    public void Only_a_missing_view_or_privilege_counts_as_not_readable(int? number, string message, bool notReadable) =>
        Assert.Equal(notReadable, DictionaryProbe.IsNotReadable(number, message));

    [Fact]
    public void The_probe_query_reads_no_rows_and_takes_only_a_view_name()
    {
        Assert.Equal("SELECT * FROM DBA_SEQUENCES WHERE 1 = 0", CatalogQueries.Probe("DBA_SEQUENCES"));
        Assert.Throws<ArgumentException>(() => CatalogQueries.Probe("DBA_SEQUENCES; DROP TABLE x"));
    }

    private sealed class OdpLikeCommand
    {
        public long FetchSize { get; set; } = 131_072;

        public int RowSize { get; }
    }

    [Fact]
    public void The_fetch_size_is_set_where_the_command_has_one()
    {
        var command = new OdpLikeCommand();

        Assert.True(OracleCommandTuning.SetIfPresent(command, "FetchSize", OracleCommandTuning.FetchSizeBytes));
        Assert.Equal(4L * 1024 * 1024, command.FetchSize);
        Assert.False(OracleCommandTuning.SetIfPresent(command, "RowSize", 1));
        Assert.False(OracleCommandTuning.SetIfPresent(new object(), "FetchSize", 1));
    }
}
