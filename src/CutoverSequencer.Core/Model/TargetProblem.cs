namespace CutoverSequencer.Core.Model;

/// <summary>A configured object the target does not have (or cannot be used as configured).</summary>
public sealed record TargetProblem(string Code, string Object, string Message, string Resolution);
