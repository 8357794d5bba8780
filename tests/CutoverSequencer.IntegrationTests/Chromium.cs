using System.Diagnostics;

namespace CutoverSequencer.IntegrationTests;

/// <summary>A real headless Chromium, one process per call, killed when it outlives its timeout.</summary>
internal static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CUTOVER_CHROMIUM"), "/usr/bin/chromium" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Where(d => d.Length > 0).Select(d => Path.Combine(d, "chromium")));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Runs Chromium headless on a file with the given flags; returns its standard output.</summary>
    public static async Task<string> RunAsync(string file, params string[] flags)
    {
        var executable = Find() ?? throw new InvalidOperationException("chromium not found; run scripts/setup.sh");
        var profile = Directory.CreateTempSubdirectory("cutover-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                    $"--user-data-dir={profile}",
                }.Concat(flags).Append(new Uri(file).AbsoluteUri))
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {string.Join(' ', flags)} did not finish in {Timeout}");
            }
            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
            }
            return output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
