using CutoverSequencer.PostgreSql;
using Npgsql;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// Positions read the same on every release: PostgreSQL 18's pg_get_sequence_data() and the classic
/// <c>SELECT last_value, is_called</c> (the version matrix runs this on 14 to 18).
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Subset", "versions")]
public sealed class SequencePositionTests(PostgresCluster postgres)
{
    [PostgresFact]
    public async Task Every_sequence_position_is_read_exactly_and_a_refused_one_is_named()
    {
        var cs = await postgres.NewDatabaseAsync(""""
            CREATE SCHEMA "Odd Schema";
            CREATE SEQUENCE fresh;
            CREATE SEQUENCE used; SELECT setval('used', 9007199254740993, true);
            CREATE SEQUENCE "Odd Schema"."Mixed ""Name""" INCREMENT BY -5 MINVALUE -1000 MAXVALUE -1;
            SELECT setval('"Odd Schema"."Mixed ""Name"""', -400, false);
            CREATE SEQUENCE secret;
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'position_reader') THEN
                CREATE ROLE position_reader LOGIN;
              END IF;
            END $$;
            GRANT USAGE ON SCHEMA "Odd Schema" TO position_reader;
            GRANT SELECT ON fresh, used, "Odd Schema"."Mixed ""Name""" TO position_reader;
            """");
        (string, string)[] names = [("public", "fresh"), ("public", "used"), ("Odd Schema", "Mixed \"Name\"")];

        var read = await ReadAsync(cs, names);

        Assert.Equal([(1L, false), (9007199254740993L, true), (-400L, false)], read);

        var reader = new NpgsqlConnectionStringBuilder(cs) { Username = "position_reader" }.ConnectionString;
        Assert.Equal(read, await ReadAsync(reader, names));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ReadAsync(reader, [("public", "secret")]));
        Assert.Equal("42501", refused.SqlState);
    }

    private static async Task<List<(long, bool)>> ReadAsync(string cs, (string, string)[] names)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        var result = new (long, bool)[names.Length];
        await SequencePositionReader.ReadAllAsync(connection, names, (i, value, called) => result[i] = (value, called),
            CancellationToken.None);
        return [.. result];
    }
}
