namespace CutoverSequencer.Core.Planning;

/// <summary>What a <see cref="VerificationCheck"/> compares the next value with.</summary>
public enum VerificationSubject
{
    /// <summary>The highest key (lowest when descending) read back.</summary>
    Keys,

    /// <summary>The source sequence's value.</summary>
    SourceValue,
}
