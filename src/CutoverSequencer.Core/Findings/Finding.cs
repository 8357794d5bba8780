namespace CutoverSequencer.Core.Findings;

/// <summary>
/// Something the operator must know; blocking findings stop any write. <see cref="Message"/> is
/// rendered once, by <see cref="FindingCatalog.Render"/>, from the code's template and
/// <see cref="Arguments"/>.
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Object, string Message, string Resolution)
{
    /// <summary>The values the message was rendered from.</summary>
    public IReadOnlyList<FindingArgument> Arguments { get; init; } = [];

    /// <summary>A finding rendered from its code's message template.</summary>
    public static Finding Create(string code, string obj, params (string Name, object? Value)[] arguments) =>
        Create(code, null, obj, arguments);

    /// <summary>A finding rendered from one of its code's alternative templates.</summary>
    public static Finding Create(string code, string? variant, string obj, params (string Name,
        object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var definition = FindingCatalog.Get(code);
        IReadOnlyList<FindingArgument> values = [.. arguments.Select(a => new FindingArgument(a.Name, a.Value))];
        return new Finding(code, definition.Severity, obj, FindingCatalog.Render(code, variant, values),
            definition.Resolution)
        {
            Arguments = values,
        };
    }

    /// <summary>The report order: blocking first, then by code and object.</summary>
    public static IReadOnlyList<Finding> Ordered(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Object, StringComparer.Ordinal)];
}
