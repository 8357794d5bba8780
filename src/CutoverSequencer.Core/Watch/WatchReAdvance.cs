namespace CutoverSequencer.Core.Watch;

/// <summary>
/// One --re-advance: the apply run after round <paramref name="Round"/> for the sequences under the threshold,
/// into <paramref name="Directory"/> (its reports and apply-journal.json), and how it ended.
/// </summary>
public sealed record WatchReAdvance(int Round, DateTimeOffset At, string Directory,
    IReadOnlyList<string> Sequences, string Status, int ExitCode);
