namespace CutoverSequencer.IntegrationTests;

/// <summary>The version matrix runs each server it names (scripts/test.sh sets CUTOVER_PG_EXPECT_MAJOR).</summary>
[Collection(PostgresCollection.Name)]
[Trait("Subset", "versions")]
public sealed class ServerVersionTests(PostgresCluster postgres)
{
    [PostgresFact]
    public async Task The_test_cluster_runs_the_server_version_the_run_asked_for()
    {
        var cs = await postgres.NewDatabaseAsync();

        var number = int.Parse(await PostgresCluster.ScalarAsync<string>(cs, "SHOW server_version_num"),
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(number >= 140000, $"server_version_num {number}: PostgreSQL 14 or later is supported");
        if (Environment.GetEnvironmentVariable("CUTOVER_PG_EXPECT_MAJOR") is { Length: > 0 } expected)
        {
            Assert.Equal(expected, (number / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
