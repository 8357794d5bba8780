using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// Loads the YAML configuration, layers <c>CUTOVER__SECTION__KEY</c> environment variables and
/// explicit overrides on top (Microsoft.Extensions.Configuration), and validates everything before
/// any connection is opened. Every problem is one line naming the file and line (or the variable).
/// </summary>
public static partial class ConfigLoader
{
    public const string EnvironmentPrefix = "CUTOVER__";

    /// <summary>A configuration is a page of YAML; anything this large is not one.</summary>
    public const long MaxConfigBytes = 16L * 1024 * 1024;

    /// <param name="kinds">The source kinds source.kind may name, with the keys each reads.</param>
    /// <param name="connectionStringCheck">
    /// Checks a PostgreSQL connection string (already in Npgsql form) against the driver's keywords;
    /// returns what is wrong without quoting any value, or null. Core has no driver: the caller passes it.
    /// </param>
    public static CutoverConfig Load(
        string path,
        SourceKeyRuleSet kinds,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Func<string, string?>? connectionStringCheck = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(kinds);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidInputException($"{path}: configuration file not found");
        }

        if (new FileInfo(fullPath).Length > MaxConfigBytes)
        {
            const int MB = 1024 * 1024;
            throw new InvalidInputException($"{path}: the configuration file is " +
                $"{new FileInfo(fullPath).Length / MB} MB; the limit is {MaxConfigBytes / MB} MB");
        }
        string text;
        try
        {
            text = File.ReadAllText(fullPath, StrictUtf8.Encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException
                                       or System.Text.DecoderFallbackException)
        {
            throw new InvalidInputException($"{path}: cannot read the configuration file: {e.Message}", e);
        }

        var schema = ConfigSchema.For(kinds);
        var flat = new YamlFlattener(path, schema);
        flat.Load(text);
        var environment = EnvironmentOverrides(flat.Errors, schema);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(flat.Values)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

        var reader = new TypedReader(configuration, flat, environment, overrides, path, kinds)
        {
            ConnectionStringCheck = connectionStringCheck,
        };
        var config = reader.Read(Path.GetDirectoryName(fullPath)!);
        if (flat.Errors.Count > 0)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, flat.Errors));
        }
        return config!;
    }

    /// <summary>
    /// The table of docs/configuration.md "Source keys per kind": the keys each registered kind refuses.
    /// </summary>
    public static string SourceKeysTable(SourceKeyRuleSet kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return kinds.RefusedKeysTable(ConfigSchema.SourceKeyOrder);
    }

    /// <summary>CUTOVER__* variables, keyed by configuration path; unknown paths are errors.</summary>
    private static Dictionary<string, string> EnvironmentOverrides(List<string> errors, ConfigSchema root)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var key = name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            var problem = ValidatePath(key, root);
            if (problem is not null)
            {
                errors.Add($"environment variable {name}: {problem}");
                continue;
            }
            result[key] = name;
        }
        return result;
    }

    private static string? ValidatePath(string key, ConfigSchema root)
    {
        var schema = root;
        var path = "";
        foreach (var segment in key.Split(':'))
        {
            if (schema.Kind == ConfigSchema.NodeKind.Dictionary)
            {
                schema = schema.Item!;
                path = $"{path}.{segment}";
                continue;
            }
            if (schema.Kind == ConfigSchema.NodeKind.List)
            {
                if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"'{path}' is a list: expected an index, not '{segment}'";
                }
                schema = schema.Item!;
            }
            else if (schema.Kind == ConfigSchema.NodeKind.Map)
            {
                if (!schema.TryGetChild(segment, out var canonical, out var child))
                {
                    var hint = schema.Suggest(segment) is { } s ? $" (did you mean '{s}'?)" : "";
                    return $"unknown key '{segment}'{(path.Length > 0 ? $" under '{path}'" : "")}{hint}";
                }
                schema = child;
                path = path.Length == 0 ? canonical : $"{path}.{canonical}";
                continue;
            }
            else
            {
                return $"'{path}' is a single value and has no key '{segment}'";
            }
            path = $"{path}[{segment}]";
        }
        return schema.Kind == ConfigSchema.NodeKind.Scalar ? null : $"'{path}' is not a single value";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlPositionPrefix();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
