using CutoverSequencer.Cli;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;
using Spectre.Console;
using Spectre.Console.Testing;

namespace CutoverSequencer.Tests;

/// <summary>The live key-read display, rendered to a test console, and the choice of when it is drawn.</summary>
public sealed class KeyReadDisplayTests
{
    private static readonly KeyReadProgress Midway = new(3, 5, 1L << 30, 4L << 30,
    [
        new RunningScan("big.b2.id", 1L << 29, TimeSpan.FromSeconds(3)),
        new RunningScan("big.b1.id", 2L << 30, TimeSpan.FromSeconds(14)),
    ]);

    private static string Rendered(KeyReadProgress progress, TimeSpan elapsed)
    {
        using var console = new TestConsole().Width(120);
        console.Write(KeyReadView.Render(progress, elapsed, unicode: false));
        return console.Output;
    }

    [Fact]
    public void The_display_shows_tables_share_of_size_time_left_and_the_longest_scan_first()
    {
        var text = Rendered(Midway, TimeSpan.FromSeconds(20));

        Assert.Contains("Key reads: 3/5 tables, ~25% of 4 GB", text, StringComparison.Ordinal);
        // 1 GB read in 20 s: 3 GB left at 51.2 MB/s.
        Assert.Contains("Time left: about 1 min 00 s at 51.2 MB/s so far (elapsed 20 s)", text,
            StringComparison.Ordinal);
        Assert.Contains("Scanning now", text, StringComparison.Ordinal);
        var first = text.IndexOf("big.b1.id", StringComparison.Ordinal);
        var second = text.IndexOf("big.b2.id", StringComparison.Ordinal);
        Assert.True(first >= 0 && first < second, text);
        Assert.Matches(@"big\.b1\.id\s+2 GB\s+14 s", text);
        Assert.Matches(@"big\.b2\.id\s+512 MB\s+3 s", text);
        Assert.Contains("#######---", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_table_is_read_the_time_left_is_not_guessed()
    {
        var text = Rendered(Midway with { Done = 0, EstimatedBytesDone = 0 }, TimeSpan.FromSeconds(9));

        Assert.Contains("Key reads: 0/5 tables, ~0% of 4 GB", text, StringComparison.Ordinal);
        Assert.Contains("Time left: estimating (elapsed 9 s, nothing finished yet)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_sizes_the_share_and_rate_are_by_tables_and_at_most_five_scans_are_listed()
    {
        var running = Enumerable.Range(1, 7)
            .Select(i => new RunningScan($"s.t{i}.id", 0, TimeSpan.FromSeconds(i))).ToList();
        var text = Rendered(new KeyReadProgress(2, 10, 0, 0, running), TimeSpan.FromSeconds(10));

        Assert.Contains("Key reads: 2/10 tables", text, StringComparison.Ordinal);
        Assert.DoesNotContain("% of", text, StringComparison.Ordinal);
        Assert.Contains("Time left: about 40 s at 0.2 tables/s so far", text, StringComparison.Ordinal);
        Assert.Contains("s.t7.id", text, StringComparison.Ordinal);
        Assert.Contains("s.t3.id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s.t2.id", text, StringComparison.Ordinal);
        Assert.Contains("and 2 more", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_display_draws_while_reads_run_puts_log_lines_above_it_and_ends_when_all_are_read()
    {
        using var console = new TestConsole().Width(120).Interactive().SupportsAnsi(true).EmitAnsiSequences();
        var display = new TerminalProgress(console);

        display.Report(Midway);
        await Task.Delay(600);
        Assert.Same(display, TerminalProgress.Live);
        TerminalProgress.Live!.WriteAbove("07:00:00 WRN Key read of big.b3.id stopped by statement_timeout\n");
        await Task.Delay(300);
        display.Report(Midway with { Done = 5, EstimatedBytesDone = 4L << 30, Running = [] });

        Assert.Null(TerminalProgress.Live);
        Assert.Contains("Key reads: 3/5 tables, ~25% of 4 GB", console.Output, StringComparison.Ordinal);
        Assert.Contains("stopped by statement_timeout", console.Output, StringComparison.Ordinal);
        await display.DisposeAsync();
    }

    [Fact]
    public async Task A_read_that_stops_reporting_clears_the_display_and_disposing_ends_it()
    {
        using var console = new TestConsole().Width(120).Interactive().SupportsAnsi(true);
        var display = new TerminalProgress(console);

        display.Report(Midway);
        await Task.Delay(300);
        await display.DisposeAsync();

        Assert.Null(TerminalProgress.Live);
    }

    [Fact]
    public async Task A_slow_source_read_shows_a_spinner_with_the_time_elapsed_and_a_quick_one_shows_nothing()
    {
        using var console = new TestConsole().Width(120).Interactive().SupportsAnsi(true).EmitAnsiSequences();
        await using var display = new TerminalProgress(console);

        await new SourceReadStatus(new SlowSource(TimeSpan.Zero), display, "Reading the source (oracle)")
            .ReadAsync(CancellationToken.None);
        Assert.DoesNotContain("Reading the source", console.Output, StringComparison.Ordinal);

        var catalog = await new SourceReadStatus(new SlowSource(TimeSpan.FromSeconds(2.6)), display,
            "Reading the source (oracle)").ReadAsync(CancellationToken.None);

        Assert.Equal("slow", catalog.Description);
        Assert.Matches(@"Reading the source \(oracle\) .*\([12] s\)", console.Output);
        Assert.Null(TerminalProgress.Live);
    }

    [Fact]
    public async Task A_terminal_that_fails_ends_the_display_and_never_the_run()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(new HungUpTerminal()),
        });
        await using var display = new TerminalProgress(console);

        display.Report(Midway);
        await Task.Delay(400);
        display.Report(Midway with { Done = 4 });
        display.Report(Midway with { Done = 5, Running = [] });

        Assert.Null(TerminalProgress.Live);
    }

    private sealed class HungUpTerminal : StringWriter
    {
        public override void Write(string? value) => throw new IOException("terminal hung up");

        public override void Write(char value) => throw new IOException("terminal hung up");
    }

    private sealed class SlowSource(TimeSpan delay) : ISourceCatalogReader
    {
        public async Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new SourceCatalog("test", "slow", []);
        }
    }

    [Theory]
    [InlineData("text", false, false, "xterm-256color", null, true)]
    [InlineData("text", true, false, "xterm-256color", null, false)]
    [InlineData("json", false, false, "xterm-256color", null, false)]
    [InlineData("text", false, true, "xterm-256color", null, false)]
    [InlineData("text", false, false, "dumb", null, false)]
    [InlineData("text", false, false, null, null, false)]
    [InlineData("text", false, false, "xterm", "true", false)]
    [InlineData("text", false, false, "xterm", "false", true)]
    public void The_live_display_is_drawn_only_on_an_interactive_terminal_with_text_logs(
        string format, bool noProgress, bool redirected, string? term, string? ci, bool wanted) =>
        Assert.Equal(wanted, TerminalProgress.Wanted(format, noProgress, redirected, term, ci));

    [Theory]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("verify")]
    [InlineData("demo")]
    [InlineData("export")]
    [InlineData("rollback")]
    public async Task Every_command_lists_no_progress_in_its_help(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await CliApp.RunAsync([command, "--help"], output, error));

        Assert.Contains("--no-progress", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("verify")]
    public async Task No_progress_parses_on_the_stage_commands(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml");

        var code = await CliApp.RunAsync(
            [command, "--config", missing, "--no-progress", "--log-format", "json"], output, error);

        // The missing file is the only problem: an input error, not a usage error.
        Assert.Equal(2, code);
        Assert.DoesNotContain("\"usage\"", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(missing.Replace("\\", "\\\\", StringComparison.Ordinal), error.ToString(),
            StringComparison.Ordinal);
    }
}
