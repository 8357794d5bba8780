namespace CutoverSequencer.Core;

/// <summary>An error that ends the run with a known exit code and one line for the operator.</summary>
public class CutoverException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
