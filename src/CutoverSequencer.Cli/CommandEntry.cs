using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>The entry point of one stage command (plan, apply or verify).</summary>
public delegate Task<int> CommandEntry(StageRequest request, TextWriter output, ILogger log, CancellationToken token);
