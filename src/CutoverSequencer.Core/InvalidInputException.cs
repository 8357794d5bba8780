namespace CutoverSequencer.Core;

/// <summary>Bad input: usage, configuration, export files. Exit code 2; nothing touches a database.</summary>
public sealed class InvalidInputException(string message, Exception? inner = null)
    : CutoverException(message, ExitCodes.InvalidInput, inner);
