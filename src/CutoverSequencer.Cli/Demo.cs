using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.PostgreSql;
using Npgsql;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>
/// The whole stage on a throwaway PostgreSQL: start a cluster, load the bundled sample (the
/// financial schema of a freshly bulk-loaded target, sequences still at 1), run apply with the
/// sample Oracle export, show the first insert succeeding, stop the cluster.
/// </summary>
public static class Demo
{
    public static async Task<int> RunAsync(
        string? reportDirectory, TextWriter output, ILogger log, CancellationToken cancellationToken,
        RunOutcome? outcome = null, IProgress<KeyReadProgress>? progress = null)
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "sample");
        log.Information("Starting a throwaway PostgreSQL cluster");
        await using var cluster = await LocalCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        log.Information("Cluster on port {Port}; loading the sample financial schema", cluster.Port);
        await cluster.CreateDatabaseAsync("finance", cancellationToken).ConfigureAwait(false);
        var schema = await File.ReadAllTextAsync(Path.Combine(sample, "target-schema.sql"), cancellationToken)
            .ConfigureAwait(false);
        await cluster.ExecuteAsync("finance", schema, cancellationToken).ConfigureAwait(false);

        var directory = reportDirectory ?? ReportWriter.NewDefaultDirectory("demo", DateTimeOffset.UtcNow);
        var overrides = new Dictionary<string, string?>
        {
            ["target:connectionString"] = cluster.ConnectionString("finance"),
        };
        var request = new StageRequest
        {
            Command = StageCommand.Apply,
            ConfigPath = Path.Combine(sample, "cutover.yaml"),
            ReportDirectory = directory,
            Overrides = overrides,
            Outcome = outcome,
            Progress = progress,
        };
        var exitCode = await Commands.ApplyAsync(request, output, log, cancellationToken).ConfigureAwait(false);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString("finance"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO account (user_name) VALUES ('first customer after cutover') RETURNING account_id", connection);
        var id = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"First application insert after cutover: account_id = {id} (no duplicate key).")
            .ConfigureAwait(false);
        log.Information("Stopping the throwaway cluster");
        return exitCode;
    }
}
