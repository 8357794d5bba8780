using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using Npgsql;

namespace CutoverSequencer.Tests;

/// <summary>PostgreSQL connection strings as libpq URIs, libpq keyword/value pairs and Npgsql's form.</summary>
[Collection("process environment")]
public class ConnectionStringTests : IDisposable
{
    private const string Secret = "Sup3r$ecret";

    private readonly TempDirectory files = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CUTOVER_TEST_TARGET_CS", null);
        Environment.SetEnvironmentVariable("CUTOVER__TARGET__CONNECTIONSTRING", null);
        files.Dispose();
    }

    private static NpgsqlConnectionStringBuilder Npgsql(string text) => new(PostgresConnectionString.ToNpgsql(text));

    private static string Problem(string text)
    {
        try
        {
            var converted = PostgresConnectionString.ToNpgsql(text);
            return ConnectionStringCheck.Problem(converted) ?? "accepted";
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private string ConfigError(string connectionString, string sourceKind = "none") =>
        Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(files.Write("cutover.yaml", $"""
            source:
              kind: {sourceKind}
            {(sourceKind == "postgres" ? $"  connectionString: \"{connectionString}\"" : "")}
            target:
              connectionString: "{(sourceKind == "postgres" ? "Host=pg" : connectionString)}"
            """), SourceKinds.All, null, ConnectionStringCheck.Problem)).Message;

    [Fact]
    public void A_libpq_uri_becomes_the_npgsql_form()
    {
        var b = Npgsql("postgresql://migrator:s%40cret%2Fx@pg.internal:5433/fin%20ance?sslmode=require&application_name=cutover&connect_timeout=10&target_session_attrs=read-write");

        Assert.Equal("pg.internal", b.Host);
        Assert.Equal(5433, b.Port);
        Assert.Equal("fin ance", b.Database);
        Assert.Equal("migrator", b.Username);
        Assert.Equal("s@cret/x", b.Password);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("cutover", b.ApplicationName);
        Assert.Equal(10, b.Timeout);
        Assert.Equal(TargetSessionAttributes.ReadWrite.ToString(), b.TargetSessionAttributes?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
    }

    [Fact]
    public void The_postgres_scheme_multiple_hosts_and_ports_are_kept()
    {
        var b = Npgsql("postgres://app@h1:5432,h2:5433/db");

        Assert.Equal("h1:5432,h2:5433", b.Host);
        Assert.Equal("app", b.Username);
        Assert.Equal("db", b.Database);
        Assert.Null(ConnectionStringCheck.Problem(b.ConnectionString));
    }

    [Fact]
    public void Ipv6_hosts_unix_socket_directories_and_query_hosts_are_decoded()
    {
        Assert.Equal("::1", Npgsql("postgresql://[::1]:5432/db").Host);
        Assert.Equal(5432, Npgsql("postgresql://[::1]:5432/db").Port);
        Assert.Equal("/var/run/postgresql", Npgsql("postgresql://%2Fvar%2Frun%2Fpostgresql/db").Host);
        Assert.Equal("/tmp", Npgsql("postgresql:///db?host=/tmp&port=5439").Host);
        Assert.Equal(5439, Npgsql("postgresql:///db?host=/tmp&port=5439").Port);
        Assert.Equal("localhost", Npgsql("postgresql://localhost").Host);
    }

    [Fact]
    public void Libpq_keyword_value_pairs_take_quotes_and_backslash_escapes()
    {
        var b = Npgsql(@"host=pg.internal port = 5432 dbname=finance user=migrator password='it\'s a \\secret' sslmode=verify-full sslrootcert=/etc/ca.pem options='-c search_path=fin'");

        Assert.Equal("pg.internal", b.Host);
        Assert.Equal(5432, b.Port);
        Assert.Equal("finance", b.Database);
        Assert.Equal("migrator", b.Username);
        Assert.Equal(@"it's a \secret", b.Password);
        Assert.Equal(SslMode.VerifyFull, b.SslMode);
        Assert.Equal("/etc/ca.pem", b.RootCertificate);
        Assert.Equal("-c search_path=fin", b.Options);
    }

    [Fact]
    public void Keyword_value_lists_of_hosts_and_ports_pair_up()
    {
        Assert.Equal("a:5432,b:5433", Npgsql("host=a,b port=5432,5433 dbname=x").Host);
        Assert.Equal("10.0.0.5", Npgsql("hostaddr=10.0.0.5 dbname=x").Host);
    }

    [Fact]
    public void The_npgsql_form_passes_through_unchanged()
    {
        const string text = "Host=pg;Database=finance;Username=migrator;Password=x;SSL Mode=Require";

        Assert.Equal(text, PostgresConnectionString.ToNpgsql(text));
        Assert.Null(ConnectionStringCheck.Problem(text));
    }

    [Theory]
    [InlineData("host=pg hots=x", "unknown keyword 'hots' (did you mean 'host'?)")]
    [InlineData("postgresql://pg/db?sslmod=require", "unknown keyword 'sslmod' (did you mean 'sslmode'?)")]
    [InlineData("host=pg sslmode=sometimes", "'sslmode' must be one of disable, allow, prefer, require, verify-ca, verify-full")]
    [InlineData("host=pg password='unclosed", "the quoted value of 'password' has no closing quote")]
    [InlineData("host=pg dbname", "keyword 'dbname' is not followed by '='")]
    [InlineData("postgresql://pg:99999/db", "a port is not a number from 1 to 65535")]
    [InlineData("postgresql://u:%zz@pg/db", "invalid percent-encoding in the password (write % as %25)")]
    [InlineData("postgresql://pg/db?service=x", "libpq keyword 'service' has no equivalent in the PostgreSQL driver used here; remove it")]
    [InlineData("host=a,b,c port=1,2", "3 host(s) but 2 ports: give one port, or one per host")]
    [InlineData("host=a hostaddr=10.0.0.1", "'hostaddr' together with 'host' is not supported by the driver: give the address as 'host' alone")]
    [InlineData("Host=pg;Hots=x", "unknown keyword 'hots'")]
    [InlineData("Host=pg;Port=abc", "'port' has an invalid value")]
    [InlineData("just text", "it is not a postgresql:// URI, libpq keyword=value pairs or Npgsql Key=Value;... pairs")]
    [InlineData("", "it is empty")]
    public void A_bad_connection_string_says_what_is_wrong(string text, string expected) =>
        Assert.Equal(expected, Problem(text));

    public static TheoryData<string> WithSecret =>
    [
        $"postgresql://u:{Secret}@pg:99999/db",
        $"postgresql://u:{Secret}@pg/db?sslmode={Secret}",
        $"host=pg password={Secret} hots=1",
        $"host=pg password='{Secret}",
        $"host=pg password={Secret} connect_timeout=soon",
        $"Host=pg;Password={Secret};Hots=1",
        $"Host=pg;Password={Secret};Port={Secret}",
        $"Host=pg;Password='{Secret}",
        $"postgresql://u:{Secret}%zz@pg/db",
        $"host=pg password=xy {Secret}",
        $"host=pg password=xy {Secret}=1",
        $"Host=pg;Password=ab;{Secret}=1",
    ];

    [Theory]
    [MemberData(nameof(WithSecret))]
    public void The_password_never_appears_in_an_error(string text)
    {
        var message = ConfigError(text);

        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
        Assert.DoesNotContain("ecret", message, StringComparison.Ordinal);
        Assert.Contains("'target.connectionString' is not a valid PostgreSQL connection string: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_keyword_after_a_quoted_password_is_named() =>
        Assert.Equal("unknown keyword 'hots' (did you mean 'host'?)", Problem("password='a b' hots=x"));

    [Fact]
    public void A_word_after_an_unquoted_password_is_not_named() =>
        Assert.Equal("an unknown keyword follows 'password' (quote a value with spaces: password='...')", Problem("host=pg password=a bc=1"));

    [Fact]
    public void A_misspelt_npgsql_keyword_is_named_even_beside_a_password() =>
        Assert.Equal("unknown keyword 'databse'", Problem("Host=pg;Databse=x;Password=y"));

    [Fact]
    public void The_configuration_holds_the_converted_form()
    {
        var config = ConfigLoader.Load(files.Write("cutover.yaml", """
            source:
              kind: postgres
              connectionString: host=old-primary dbname=finance user=reader
            target:
              connectionString: postgresql://migrator@new-primary:5433/finance
            """), SourceKinds.All, null, ConnectionStringCheck.Problem);

        Assert.Equal("new-primary", new NpgsqlConnectionStringBuilder(config.Target.ConnectionString).Host);
        Assert.Equal(5433, new NpgsqlConnectionStringBuilder(config.Target.ConnectionString).Port);
        Assert.Equal("old-primary", new NpgsqlConnectionStringBuilder(config.Source.ConnectionString).Host);
    }

    [Fact]
    public void A_bad_source_connection_string_names_its_key() =>
        Assert.Contains("cutover.yaml:3: 'source.connectionString' is not a valid PostgreSQL connection string: unknown keyword 'hots'",
            ConfigError("host=pg hots=1", "postgres"), StringComparison.Ordinal);

    [Fact]
    public void A_bad_connection_string_from_a_variable_names_the_variable()
    {
        Environment.SetEnvironmentVariable("CUTOVER_TEST_TARGET_CS", $"postgresql://u:{Secret}@pg/db?sslmod=require");

        var message = ConfigError("${CUTOVER_TEST_TARGET_CS}");

        Assert.Contains("'target.connectionString' (from ${CUTOVER_TEST_TARGET_CS}) is not a valid PostgreSQL connection string: unknown keyword 'sslmod'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_connection_string_from_an_override_variable_names_it()
    {
        Environment.SetEnvironmentVariable("CUTOVER__TARGET__CONNECTIONSTRING", $"host=pg bogus=1 password={Secret}");

        var message = ConfigError("Host=pg");

        Assert.StartsWith("environment variable CUTOVER__TARGET__CONNECTIONSTRING: 'target.connectionString' is not a valid PostgreSQL connection string: unknown keyword 'bogus'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }
}
