using System.Text.RegularExpressions;
using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Tests;

/// <summary>
/// The generated SQL*Plus export script (docs/oracle/export-catalog.sql), read as text: nothing here
/// runs SQL*Plus, so these assertions hold the script to what its documentation says it does.
/// </summary>
public class OracleExportScriptTests
{
    private static readonly string Script = ExportScript.Text();

    private static IEnumerable<string> Lines => Script.Split('\n');

    [Fact]
    public void No_column_the_script_formats_shares_a_name_with_a_column_an_export_query_selects()
    {
        var formatted = Lines
            .Select(l => Regex.Match(l, @"^COLUMN (\w+) ", RegexOptions.IgnoreCase))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.ToUpperInvariant())
            .ToList();
        var selected = CatalogQueries.ExportFiles
            .SelectMany(f => CatalogQueries.SelectedColumns(CatalogQueries.Load(f.Query)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(formatted);
        Assert.All(formatted, c => Assert.StartsWith("PROBE_", c, StringComparison.Ordinal));
        Assert.DoesNotContain(formatted, selected.Contains);
        Assert.Contains("SCALE_FLAG", selected);
        Assert.Contains("SESSION_FLAG", selected);
    }

    [Fact]
    public void Column_formats_are_cleared_before_the_first_spool()
    {
        var clear = Script.IndexOf("\nCLEAR COLUMNS\n", StringComparison.Ordinal);

        Assert.InRange(Script.LastIndexOf("\nCOLUMN ", StringComparison.Ordinal), 0, clear);
        Assert.InRange(clear, 0, Script.IndexOf("\nSPOOL ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_file_gets_its_header_row_even_when_the_query_returns_no_rows()
    {
        Assert.Contains("\nSET HEADING OFF\n", Script, StringComparison.Ordinal);
        foreach (var (file, query) in CatalogQueries.ExportFiles)
        {
            var columns = CatalogQueries.SelectedColumns(CatalogQueries.Load(query));
            var header = "SELECT " + string.Join(", ", columns.Select((c, i) => $"'{c}' AS h{i + 1}")) + " FROM dual;";

            var spool = Script.LastIndexOf($"\nSPOOL {file}\n", StringComparison.Ordinal);
            var block = Script[spool..Script.IndexOf("\nSPOOL OFF\n", spool, StringComparison.Ordinal)];

            Assert.StartsWith($"\nSPOOL {file}\n{header}\nBEGIN\n", block, StringComparison.Ordinal);
            Assert.EndsWith("END;\n/\nPRINT rc", block, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_header_holds_the_columns_the_reader_requires()
    {
        var required = new Dictionary<string, string[]>
        {
            ["sequences.csv"] = CatalogMapping.SequenceColumns,
            ["identity_columns.csv"] = CatalogMapping.IdentityColumns,
            ["triggers.csv"] = CatalogMapping.TriggerColumns,
            ["trigger_source.csv"] = CatalogMapping.TriggerSourceColumns,
            ["trigger_dependencies.csv"] = CatalogMapping.DependencyColumns,
            ["columns.csv"] = CatalogMapping.ColumnColumns,
            ["source_code.csv"] = CatalogMapping.RoutineSourceColumns,
            ["dependencies.csv"] = CatalogMapping.CodeDependencyColumns,
            ["guid_samples.csv"] = CatalogMapping.SampleColumns,
            ["export_info.csv"] = ["CAPTURED_AT", "CURRENT_SCN", "DB_VERSION"],
        };
        foreach (var (file, query) in CatalogQueries.ExportFiles)
        {
            Assert.Superset(required[file].ToHashSet(), CatalogQueries.SelectedColumns(CatalogQueries.Load(query)).ToHashSet());
        }
    }

    [Fact]
    public void Every_query_is_opened_in_plsql_and_export_info_falls_back_without_v_database()
    {
        Assert.Equal(CatalogQueries.ExportFiles.Count, Regex.Matches(Script, @"\nPRINT rc\n").Count);
        var info = Script[Script.LastIndexOf("\nSPOOL export_info.csv\n", StringComparison.Ordinal)..];

        Assert.Matches(@"OPEN :rc FOR q'~\n[^~]*FROM v\$database d\n~';\nEXCEPTION\n  WHEN OTHERS THEN\n    OPEN :rc FOR q'~\n[^~]*FROM dual\n~';", info);
        Assert.Contains("\nWHENEVER SQLERROR EXIT FAILURE\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sqlplus_release_is_checked_before_markup_csv_is_set()
    {
        var check = Script.IndexOf("TO_NUMBER(SUBSTR(LPAD('&_SQLPLUS_RELEASE', 10, '0'), 1, 4)) < 1202", StringComparison.Ordinal);

        Assert.InRange(check, 0, Script.IndexOf("\nSET MARKUP CSV ON", StringComparison.Ordinal));
        Assert.True(check > Script.IndexOf("WHENEVER SQLERROR EXIT FAILURE", StringComparison.Ordinal));
        Assert.Contains("needs SQL*Plus 12.2 or later (SET MARKUP CSV)", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_says_to_set_nls_lang_to_al32utf8()
    {
        var header = string.Join("\n", Lines.TakeWhile(l => l.StartsWith("--", StringComparison.Ordinal)));

        Assert.Contains("export NLS_LANG=.AL32UTF8", header, StringComparison.Ordinal);
        Assert.Contains("set NLS_LANG=.AL32UTF8", header, StringComparison.Ordinal);
        Assert.Contains("SQL*Plus 12.2 or later", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Owners_are_folded_as_the_live_reader_folds_them()
    {
        Assert.Contains("owner_list VARCHAR2(4000) := q'~&1~';", Script, StringComparison.Ordinal);
        Assert.Contains("item := SUBSTR(item, 2, LENGTH(item) - 2);", Script, StringComparison.Ordinal);
        Assert.Contains("item := UPPER(item);", Script, StringComparison.Ordinal);
        Assert.DoesNotContain("EXEC :owners := '&1'", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dictionary_is_probed_by_reading_the_view_not_by_looking_it_up_in_all_views()
    {
        Assert.DoesNotContain("all_views", Script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("all_tab_columns", Script, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SELECT * FROM {{view}} WHERE 1 = 0", Script, StringComparison.Ordinal);
        Assert.Contains("PRAGMA EXCEPTION_INIT(not_readable, -942);", Script, StringComparison.Ordinal);
        Assert.Contains("PRAGMA EXCEPTION_INIT(no_privilege, -1031);", Script, StringComparison.Ordinal);
        Assert.Contains(":dict := CASE WHEN columns_of('DBA_SEQUENCES') IS NULL THEN 'ALL' ELSE 'DBA' END;", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_is_emptied_before_any_is_written()
    {
        var firstHeader = Script.IndexOf("\nSELECT 'SEQUENCE_OWNER'", StringComparison.Ordinal);

        foreach (var (file, _) in CatalogQueries.ExportFiles)
        {
            Assert.InRange(Script.IndexOf($"\nSPOOL {file}\nSPOOL OFF\n", StringComparison.Ordinal), 0, firstHeader);
        }
    }

    [Fact]
    public void Every_substitution_variable_is_one_the_script_defines()
    {
        var defined = DictionaryProbe.Columns.Select(c => c.Token).Append("dict").Append("1").Append("_SQLPLUS_RELEASE")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var used = Regex.Matches(Script, @"&(\w+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Subset(defined, used);
        Assert.DoesNotContain("{{", Script.Replace("{{view}}", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Guid_samples_skip_unreadable_tables_one_column_at_a_time()
    {
        var sql = CatalogQueries.Load("guid_samples");

        Assert.Contains("RETURN DBMS_XMLGEN.GETXMLTYPE(query);\n  EXCEPTION\n    WHEN OTHERS THEN\n      RETURN NULL;", sql, StringComparison.Ordinal);
        Assert.Contains("PASSING sample_values(", sql, StringComparison.Ordinal);
        Assert.Contains("tb.iot_type IS NULL OR tb.iot_type = 'IOT'", sql, StringComparison.Ordinal);
        Assert.Contains("tb.nested = 'NO'", sql, StringComparison.Ordinal);
        Assert.Contains("tb.dropped = 'NO'", sql, StringComparison.Ordinal);
        Assert.Contains("{{dict}}_external_tables", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("triggers")]
    [InlineData("trigger_source")]
    [InlineData("trigger_dependencies")]
    public void Triggers_are_read_when_they_or_their_table_belong_to_a_listed_owner(string query) =>
        Assert.Contains("(t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))",
            CatalogQueries.Load(query), StringComparison.Ordinal);

    [Fact]
    public void Selected_columns_are_the_aliases_of_the_outermost_select()
    {
        Assert.Equal(
            ["SEQUENCE_OWNER", "SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY", "CYCLE_FLAG", "ORDER_FLAG", "CACHE_SIZE", "LAST_NUMBER", "SCALE_FLAG", "SESSION_FLAG"],
            CatalogQueries.SelectedColumns(CatalogQueries.Load("sequences")));
        Assert.Equal(["OWNER", "TABLE_NAME", "COLUMN_NAME", "VALUE"], CatalogQueries.SelectedColumns(CatalogQueries.Load("guid_samples")));
        Assert.Throws<InvalidOperationException>(() => CatalogQueries.SelectedColumns("SELECT a + 1 FROM dual"));
    }
}
