namespace CutoverSequencer.Core.Stage;

public enum StageCommand
{
    Plan,
    Apply,
    Verify,
}
