using System.Diagnostics;
using System.Text.Json;

namespace CutoverSequencer.IntegrationTests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A started cutover-sequencer process.</summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private readonly IReadOnlyList<string> arguments;
    private readonly DateTime startedUtc;

    public RunningCli(Process process, IReadOnlyList<string> arguments, DateTime startedUtc)
    {
        this.process = process;
        this.arguments = arguments;
        this.startedUtc = startedUtc;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    /// <summary>SIGKILL: no chance to clean up, as with kill -9 or a host crash.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        ProducedJson.Validate(arguments, result.Stdout, startedUtc);
        return result;
    }

    public void Dispose() => process.Dispose();
}

/// <summary>Runs the real cutover-sequencer process, as an operator or an orchestrator would.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        return await process.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts the CLI without waiting, for tests that interrupt it.</summary>
    public static RunningCli Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cutover-sequencer.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("CUTOVER", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var started = DateTime.UtcNow;
        return new RunningCli(Process.Start(start)!, arguments, started);
    }

    public static JsonElement Report(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "cutover-report.json"))).RootElement;

    public static JsonElement Journal(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "apply-journal.json"))).RootElement;

    public static JsonElement Sequence(JsonElement report, string name) =>
        report.GetProperty("sequences").EnumerateArray().Single(s => s.GetProperty("sequence").GetString() == name);

    public static IEnumerable<string> FindingCodes(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!);
}
