using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Cli;

/// <summary>
/// The source read (one call: nothing to count) as a spinner with the time elapsed on the live display,
/// shown only when it takes longer than half a second, so a quick read of export files leaves no flicker.
/// </summary>
internal sealed class SourceReadStatus(ISourceCatalogReader inner, TerminalProgress display, string text)
    : ISourceCatalogReader
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(500);

    public async Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        var read = inner.ReadAsync(cancellationToken);
        using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (await Task.WhenAny(read, Task.Delay(Quick, quick.Token)).ConfigureAwait(false) == read)
        {
            await quick.CancelAsync().ConfigureAwait(false);
            return await read.ConfigureAwait(false);
        }
        await using var shown = display.Status(text);
        return await read.ConfigureAwait(false);
    }
}
