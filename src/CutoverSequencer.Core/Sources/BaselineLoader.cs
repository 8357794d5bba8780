using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Sources;

/// <summary>
/// <c>--baseline</c>: an earlier report (a file), or an export directory with its capture time, read by
/// the configured kind when it reads directories, else by the first registered kind that does.
/// </summary>
public static class BaselineLoader
{
    public static Baseline Load(string path, SourceConfig source, SourceKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(kinds);
        if (File.Exists(path))
        {
            return Baseline.FromReport(path);
        }
        if (!Directory.Exists(path))
        {
            throw new InvalidInputException($"--baseline {path}: no such file or directory");
        }
        var kind = kinds.Find(source.Kind) is { ReadExport: not null } configured
            ? configured
            : kinds.Kinds.FirstOrDefault(k => k.ReadExport is not null)
                ?? throw new InvalidInputException(
                    $"--baseline {path}: no source kind of this build reads a directory");
        var catalog = kind.ReadExport!(path, source.Schemas);
        if (catalog.CapturedAt is not { } captured)
        {
            throw new InvalidInputException(
                $"--baseline {path}: {kind.CaptureTimeFile ?? "a capture time"} is needed to measure rates");
        }
        return new Baseline($"export {path}", captured,
            catalog.Sequences.ToDictionary(s => s.FullName, s => s.LastNumber, StringComparer.Ordinal),
            new Dictionary<string, BigInteger>(StringComparer.Ordinal));
    }
}
