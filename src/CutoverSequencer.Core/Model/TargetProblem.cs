using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Model;

/// <summary>
/// A configured object the target does not have (or cannot be used as configured): the finding the plan
/// reports, rendered from its code's template.
/// </summary>
public sealed record TargetProblem(Finding Finding)
{
    public string Code => Finding.Code;

    public string Object => Finding.Object;

    public string Message => Finding.Message;

    public static TargetProblem Create(string code, string obj, params (string Name, object? Value)[] arguments) =>
        new(Finding.Create(code, obj, arguments));

    public static TargetProblem Create(string code, string? variant, string obj,
        params (string Name, object? Value)[] arguments) =>
        new(Finding.Create(code, variant, obj, arguments));
}
