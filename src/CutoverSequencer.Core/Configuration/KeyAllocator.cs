namespace CutoverSequencer.Core.Configuration;

/// <summary>How the application turns sequence values into keys (a table entry's <c>allocator</c>).</summary>
public enum KeyAllocator
{
    /// <summary>Keys are the sequence's values (plain nextval, identity, or a pooled ORM optimizer).</summary>
    Sequence,

    /// <summary>
    /// A hilo optimizer: each sequence value opens a block of <see cref="TableEntry.BlockSize"/> keys,
    /// so keys are about sequence value × block size.
    /// </summary>
    Hilo,
}
