using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CutoverSequencer.Core;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temporary directory, pg_ctl start on a free
/// loopback port, trust authentication, removed on dispose. initdb refuses to run as root, so
/// when we are root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string binDirectory;
    private readonly string? runAs;

    private LocalCluster(string binDirectory, string root, int port, string? runAs)
    {
        this.binDirectory = binDirectory;
        this.runAs = runAs;
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(Root, "data");

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            Pooling = false,
        }.ConnectionString;

    /// <summary>
    /// The directory holding initdb and pg_ctl: $CUTOVER_PG_BIN, then PATH, then the newest
    /// /usr/lib/postgresql/N/bin (where Debian's packages put them, off PATH).
    /// </summary>
    public static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("CUTOVER_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d =>
                File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }
        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => (
                    Dir: Path.Combine(d, "bin"),
                    Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;
    }

    /// <param name="settings">Extra server settings, e.g. <c>max_locks_per_transaction=1024</c>.</param>
    public static async Task<LocalCluster> StartAsync(
        CancellationToken cancellationToken, params string[] settings)
    {
        var bin = FindBinDirectory() ?? throw new ConnectionFailedException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: " +
            "install PostgreSQL (apt-get install postgresql) or set CUTOVER_PG_BIN");
        var runAs = Environment.UserName == "root" || IsRoot() ? "postgres" : null;
        var root = Directory.CreateTempSubdirectory("cutover-pg-").FullName;
        var cluster = new LocalCluster(bin, root, FreePort(), runAs);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", runAs, root], cancellationToken).ConfigureAwait(false);
            }
            await cluster.RunPgAsync(
                "initdb",
                ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions",
                    "--no-sync"],
                cancellationToken).ConfigureAwait(false);
            var options = $"-p {cluster.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root}"
                + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                + string.Concat(settings.Select(setting => $" -c {setting}"));
            await cluster.RunPgAsync(
                "pg_ctl",
                ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60",
                    "start"],
                cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A hot standby of this cluster: pg_basebackup -R (streaming from this cluster, which initdb's
    /// default pg_hba.conf lets replicate over loopback), started on a port of its own.
    /// </summary>
    public async Task<LocalCluster> StartStandbyAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("cutover-pg-standby-").FullName;
        var standby = new LocalCluster(binDirectory, root, FreePort(), runAs);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", runAs, root], cancellationToken).ConfigureAwait(false);
            }
            // pg_basebackup sits beside the real pg_ctl (PATH may hold links to initdb and pg_ctl alone).
            var basebackup = Path.Combine(binDirectory, "pg_basebackup");
            if (!File.Exists(basebackup)
                && new FileInfo(Path.Combine(binDirectory, "pg_ctl")).ResolveLinkTarget(true) is { } real)
            {
                basebackup = Path.Combine(Path.GetDirectoryName(real.FullName)!, "pg_basebackup");
            }
            var primaryPort = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await standby.RunPgAsync(
                basebackup,
                ["-D", standby.DataDirectory, "-R", "-X", "stream", "-c", "fast", "-h", "127.0.0.1", "-p", primaryPort,
                    "-U", "postgres", "--no-sync"],
                cancellationToken).ConfigureAwait(false);
            var options = $"-p {standby.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root}"
                + " -c hot_standby=on";
            try
            {
                await standby.RunPgAsync(
                    "pg_ctl",
                    ["-D", standby.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t",
                        "60", "start"],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionFailedException e) when (File.Exists(Path.Combine(root, "server.log")))
            {
                // A standby that never opens for reads says why in its log (often a primary transaction it
                // must see end first): the last lines go with the error.
                var tail = File.ReadLines(Path.Combine(root, "server.log")).TakeLast(8);
                throw new ConnectionFailedException(e.Message + " | standby log: " + string.Join(" | ", tail), e);
            }
            return standby;
        }
        catch
        {
            await standby.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // the name is quoted
        await using var command = new NpgsqlCommand(
            $"CREATE DATABASE {Core.Naming.Identifier.Quote(name)}", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // trusted script text (the bundled sample, test fixtures)
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunPgAsync(
                    "pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (CutoverException)
            {
                // Already stopped: nothing to do.
            }
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(binDirectory, tool);
        return runAs is null
            ? RunAsync(path, arguments, cancellationToken)
            : RunAsync("runuser", ["-u", runAs, "--", path, .. arguments], cancellationToken);
    }

    private static async Task RunAsync(
        string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new ConnectionFailedException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var detail = (await error.ConfigureAwait(false)).Trim();
            if (detail.Length == 0)
            {
                detail = (await output.ConfigureAwait(false)).Trim();
            }
            throw new ConnectionFailedException(
                $"{Path.GetFileName(file)} failed (exit {process.ExitCode}): {detail.ReplaceLineEndings(" ")}");
        }
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").Any(l =>
                l.StartsWith("Uid:", StringComparison.Ordinal)
                && l.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
