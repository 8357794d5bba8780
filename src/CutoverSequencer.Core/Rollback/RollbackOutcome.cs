using CutoverSequencer.Core.Sequences;
using System.Globalization;

namespace CutoverSequencer.Core.Rollback;

/// <summary>What rollback found, did and read back for one journal entry.</summary>
/// <param name="ReadBack">
/// The position read back after the writes (for every entry, restored or not); null: missing.
/// </param>
public sealed record RollbackOutcome(RollbackDecision Decision, RollbackResultKind Result, SequenceReading? ReadBack)
{
    public string Sequence => Decision.Entry.Sequence;

    /// <summary>The position read before any write; null: the sequence no longer exists.</summary>
    public SequenceReading? Found => Decision.Found;

    /// <summary>The result as the console and the reports spell it.</summary>
    public string Action => Result switch
    {
        RollbackResultKind.Restored => "restored",
        RollbackResultKind.RestoredForced => "restored (forced)",
        RollbackResultKind.Unchanged => "unchanged",
        RollbackResultKind.Moved => "moved",
        RollbackResultKind.Missing => "missing",
        RollbackResultKind.WouldRestore => "would restore",
        _ => throw new InvalidOperationException($"unknown rollback result {Result}"),
    };

    public bool Restored => Result is RollbackResultKind.Restored or RollbackResultKind.RestoredForced;

    /// <summary>The positions behind the decision: now, planned next, before.</summary>
    public string Detail
    {
        get
        {
            if (Decision.Found is not { } now)
            {
                return "the sequence no longer exists";
            }
            var entry = Decision.Entry;
            return string.Create(CultureInfo.InvariantCulture,
                $"now last_value {now.LastValue}, is_called {now.IsCalled}, increment {now.Increment}; " +
                $"planned next {entry.Planned.NextValue}; before last_value {entry.Before.LastValue}, " +
                $"is_called {entry.Before.IsCalled}, increment {entry.Before.Increment}");
        }
    }
}
