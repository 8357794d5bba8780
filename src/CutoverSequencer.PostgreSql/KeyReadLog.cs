using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.PostgreSql;

/// <summary>Key-read progress as a log line at most every 5 s, where no display takes it.</summary>
internal sealed class KeyReadLog(ILogger log) : IProgress<KeyReadProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private DateTime lastLog = DateTime.UtcNow;

    public void Report(KeyReadProgress value)
    {
        var now = DateTime.UtcNow;
        if (now - lastLog < Interval)
        {
            return;
        }
        lastLog = now;
        log.LogInformation("Key reads: {Done} of {Total} tables; scanning: {Running}", value.Done, value.Total,
            string.Join(", ", value.Running.Take(3)
                .Select(r => $"{r.Entry} ({r.EstimatedBytes >> 20} MB, {r.Elapsed.TotalSeconds:0} s)")));
    }
}
