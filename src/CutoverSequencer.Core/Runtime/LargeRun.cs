using System.Globalization;
using System.Runtime;

namespace CutoverSequencer.Core.Runtime;

/// <summary>
/// Runs of many thousand sequences: each stage leaves large transient data behind (parsed files,
/// query results, rendered rows). A full compacting collection between stages returns it, so the
/// process peaks near its live data instead of the sum of every stage's garbage. Small runs skip it.
/// </summary>
public static class LargeRun
{
    /// <summary>The process's memory and compilation figures, for the debug log after each stage.</summary>
    public static string Figures() => string.Create(CultureInfo.InvariantCulture,
        $"managed heap {GC.GetTotalMemory(false) >> 20} MB, process {Environment.WorkingSet >> 20} MB, " +
        $"allocated so far {GC.GetTotalAllocatedBytes() >> 20} MB, " +
        $"JIT {(int)JitInfo.GetCompilationTime().TotalMilliseconds} ms for {JitInfo.GetCompiledMethodCount()} methods");

    public const int Threshold = 10_000;

    public static bool Applies(int count) => count >= Threshold;

    public static void Compact()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
