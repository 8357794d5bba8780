using System.Diagnostics;
using System.Text.Json;

namespace CutoverSequencer.IntegrationTests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real cutover-sequencer process, as an operator or an orchestrator would.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
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
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static JsonElement Report(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "cutover-report.json"))).RootElement;

    public static JsonElement Sequence(JsonElement report, string name) =>
        report.GetProperty("sequences").EnumerateArray().Single(s => s.GetProperty("sequence").GetString() == name);

    public static IEnumerable<string> FindingCodes(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!);
}
