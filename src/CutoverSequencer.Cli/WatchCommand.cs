using System.CommandLine;
using System.CommandLine.Parsing;
using CutoverSequencer.Core.Watch;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>The <c>watch</c> command's options, each value parsed once (a bad one is a usage error, exit 2).</summary>
internal static class WatchCommand
{
    /// <summary>The watch's exit codes, in every command's --help after the others.</summary>
    public const string ExitCodeHelp = """

          watch: 0 ended (--until or Ctrl+C) with no margin used up; 1 a sequence moved backwards, a margin
                 alert with --fail-on low, or a margin still used up at the end; 2 a bad option value;
                 3 cannot connect; a --re-advance whose apply does not verify ends with apply's exit code
        """;

    public static void Add(RootCommand root, Option<FileInfo> configOption, Option<DirectoryInfo?> reportDirOption,
        Option<bool> forceOption,
        Func<ParseResult, string, Func<ILogger, RunOutcome, Task<int>>, Task<int>> withLogger, TextWriter output)
    {
        var interval = new Option<TimeSpan?>("--interval")
        {
            Description = "Time between rounds: 60s (default), 5m, 1h30m, or below a second (500ms) for tests.",
            CustomParser = r => Parsed(r, t => (WatchTime.ParseDuration(t, "--interval", out var p), p)),
        };
        var until = new Option<DateTimeOffset?>("--until")
        {
            Description = "End the watch after a duration (30m, 2h) or at a time (ISO 8601; HH:mm local, HH:mmZ " +
                "UTC: the next such time). Default: until interrupted (Ctrl+C ends it normally, reports written).",
            CustomParser = r => Parsed(r, t =>
                (WatchTime.ParseUntil(t, DateTimeOffset.Now, TimeZoneInfo.Local, out var p), p)),
        };
        var cutoverAt = new Option<DateTimeOffset?>("--cutover-at")
        {
            Description = "When the application switches (ISO 8601; HH:mm local, HH:mmZ UTC): alert when a margin " +
                "runs out before it at the measured rate.",
            CustomParser = r => Parsed(r, t =>
                (WatchTime.ParseTime(t, "--cutover-at", DateTimeOffset.Now, TimeZoneInfo.Local, out var p), p)),
        };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "Alert when the margin left falls under this share of the sequence's margin (default 25%).",
            CustomParser = r => Parsed(r, t => (WatchTime.ParseShare(t, "--threshold", out var p), p)),
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "low: stop with exit code 1 at the first margin alert (under the threshold, used up, or " +
                "running out before --cutover-at).",
        };
        failOn.AcceptOnlyFromAmong("low");
        var reAdvance = new Option<bool>("--re-advance")
        {
            Description = "When a margin falls under the threshold, apply again (as 'apply': the cutover lock, a " +
                "journal; never backwards) into re-advance-<n>/ of the report directory, and go on watching.",
        };
        var command = new Command("watch",
            "After apply, re-read the source and the target every --interval until --until or Ctrl+C: per " +
            "sequence the margin left (next value - max(source, keys)), the rate it is consumed at and when it runs " +
            "out; alert under --threshold, stop on a sequence that moved backwards. Writes watch-status.json each " +
            "round and watch-report.{md,html,json} at the end. Writes to no database unless --re-advance." +
            CliApp.ExitCodeHelp)
        {
            configOption, reportDirOption, forceOption, interval, until, cutoverAt, threshold, failOn, reAdvance,
        };
        // --log-format, --no-progress and --verbose are the root's (recursive) options: read by name.
        command.SetAction((result, token) => withLogger(result, "watch", (log, outcome) => WatchRunner.RunAsync(
            new WatchRequest
            {
                ConfigPath = result.GetValue(configOption)!.FullName,
                ReportDirectory = result.GetValue(reportDirOption)?.FullName,
                Force = result.GetValue(forceOption),
                Interval = result.GetValue(interval) ?? TimeSpan.FromSeconds(60),
                Until = result.GetValue(until),
                CutoverAt = result.GetValue(cutoverAt),
                Threshold = result.GetValue(threshold) ?? WatchSettings.DefaultThreshold,
                FailOnLow = result.GetValue(failOn) == "low",
                ReAdvance = result.GetValue(reAdvance),
                Display = TerminalProgress.For(result.GetValue<string>("--log-format") ?? "text",
                    result.GetValue<bool>("--no-progress")),
                Verbose = result.GetValue<bool>("--verbose"),
                Outcome = outcome,
            }, output, log, token)));
        root.Subcommands.Add(command);
    }

    /// <summary>The option's value, or null with the parser's one-line problem as a usage error.</summary>
    private static T? Parsed<T>(ArgumentResult result, Func<string, (T? Value, string? Problem)> parse)
        where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var (value, problem) = parse(text);
        if (value is null)
        {
            result.AddError(problem ?? $"'{text}': not a valid value");
        }
        return value;
    }
}
