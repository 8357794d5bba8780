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
