using System.CommandLine;
using System.CommandLine.Invocation;
using CutoverSequencer.Core.Runtime;

namespace CutoverSequencer.Cli;

/// <summary><c>--version</c>: the version and the commit the tool was built from.</summary>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(ToolVersion.Display);
        return 0;
    }
}
