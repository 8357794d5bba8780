namespace CutoverSequencer.Core;

/// <summary>A database cannot be reached or refuses us. Exit code 3.</summary>
public sealed class ConnectionFailedException(string message, Exception? inner = null)
    : CutoverException(message, ExitCodes.CannotConnect, inner);
