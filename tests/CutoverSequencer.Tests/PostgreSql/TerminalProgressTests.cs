using CutoverSequencer.Core.Stage;
using CutoverSequencer.Cli;
using CutoverSequencer.PostgreSql;

namespace CutoverSequencer.Tests.PostgreSql;

public sealed class TerminalProgressTests
{
    [Fact]
    public void The_status_line_shows_tables_share_of_size_and_the_longest_scans()
    {
        var progress = new KeyReadProgress(3, 5, 1L << 30, 4L << 30,
            [new RunningScan("big.b1.id", 2L << 30, TimeSpan.FromSeconds(14)), new RunningScan("big.b2.id", 1L << 29, TimeSpan.FromSeconds(3))]);

        Assert.Equal("Key reads: 3/5 tables, ~25% of 4 GB; scanning big.b1.id (2 GB, 14 s), big.b2.id (512 MB, 3 s)", TerminalProgress.Line(progress, 200));
    }

    [Fact]
    public void A_line_wider_than_the_terminal_is_cut_and_the_display_clears_when_done()
    {
        var progress = new KeyReadProgress(1, 2, 0, 0, [new RunningScan(new string('x', 300), 8192, TimeSpan.Zero)]);
        Assert.Equal(80, TerminalProgress.Line(progress, 80).Length);

        var terminal = new StringWriter();
        var display = new TerminalProgress(terminal);
        display.Show(progress);
        display.Show(progress with { Done = 2 });
        Assert.EndsWith("\r\u001b[2K", terminal.ToString(), StringComparison.Ordinal);
    }
}
