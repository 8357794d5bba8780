using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Stage;

/// <summary>Reads the target's sequences, key columns and key extremes for the configured entries.</summary>
public interface ITargetInspector
{
    /// <param name="previous">
    /// An earlier reading of the same entries (apply's read-back): its name resolution is reused; every
    /// position and key is read again. Null: resolve and read everything.
    /// </param>
    Task<TargetSnapshot> InspectAsync(IReadOnlyList<TableEntry> entries, CancellationToken cancellationToken,
        TargetSnapshot? previous = null);

    /// <summary>
    /// Every column of these schemas fed by a sequence (nextval default, identity, OWNED BY), from the catalogs.
    /// </summary>
    Task<IReadOnlyList<TableEntry>> DiscoverAsync(IReadOnlyList<string> schemas, CancellationToken cancellationToken);
}
