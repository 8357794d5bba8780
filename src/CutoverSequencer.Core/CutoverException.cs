namespace CutoverSequencer.Core;

/// <summary>The documented process exit codes.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int BlockedOrUnverified = 1;
    public const int InvalidInput = 2;
    public const int CannotConnect = 3;
    public const int ApplyFailedPartway = 4;
    public const int InternalError = 5;
}

/// <summary>An error that ends the run with a known exit code and one line for the operator.</summary>
public class CutoverException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Bad input: usage, configuration, export files. Exit code 2; nothing touches a database.</summary>
public sealed class InvalidInputException(string message, Exception? inner = null)
    : CutoverException(message, ExitCodes.InvalidInput, inner);

/// <summary>A database cannot be reached or refuses us. Exit code 3.</summary>
public sealed class ConnectionFailedException(string message, Exception? inner = null)
    : CutoverException(message, ExitCodes.CannotConnect, inner);
