using System.Text.Json;
using CutoverSequencer.Cli;
using CutoverSequencer.Core;

namespace CutoverSequencer.Tests;

/// <summary>
/// --log-format json: every line on the error writer is one JSON object, and the last one is the result event
/// (the integration tests check the same through the real process).
/// </summary>
public sealed class JsonLogTests
{
    private static List<JsonElement> Lines(StringWriter error) =>
        [.. error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static JsonElement Result(List<JsonElement> lines)
    {
        var properties = lines[^1].GetProperty("Properties");
        Assert.Equal("result", properties.GetProperty("Event").GetString());
        return properties;
    }

    [Theory]
    [InlineData("plan --bogus --log-format json")]
    [InlineData("plan --log-format=json")]
    [InlineData("--log-format:json frobnicate")]
    public async Task Argument_errors_are_json_lines_ending_with_an_invalid_input_result(string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(arguments.Split(' '), output, error);

        Assert.Equal(ExitCodes.InvalidInput, code);
        var lines = Lines(error);
        Assert.True(lines.Count >= 2, error.ToString());
        Assert.All(lines.SkipLast(1), l => Assert.Equal("Error", l.GetProperty("Level").GetString()));
        var result = Result(lines);
        Assert.Equal("invalid-input", result.GetProperty("Status").GetString());
        Assert.Equal(2, result.GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Argument_errors_without_json_logs_stay_plain_text()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await CliApp.RunAsync(["plan", "--bogus"], output, error));

        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_json_error_and_an_internal_error_result()
    {
        using var error = new StringWriter();

        var code = await CliApp.GuardAsync("json", verbose: false, error, _ => throw new InvalidOperationException("broken"));

        Assert.Equal(ExitCodes.InternalError, code);
        var lines = Lines(error);
        Assert.Equal(2, lines.Count);
        Assert.Equal("internal error: broken", lines[0].GetProperty("RenderedMessage").GetString());
        Assert.Equal("internal-error", Result(lines).GetProperty("Status").GetString());
    }

    [Fact]
    public async Task A_cutover_error_s_result_is_named_after_its_exit_code_and_a_recorded_status_wins()
    {
        using var error = new StringWriter();
        await CliApp.GuardAsync("json", false, error, _ => throw new ConnectionFailedException("cannot connect"));
        Assert.Equal("cannot-connect", Result(Lines(error)).GetProperty("Status").GetString());

        using var recorded = new StringWriter();
        var outcome = new RunOutcome { Command = "rollback" };
        await CliApp.GuardAsync("json", false, recorded, _ =>
        {
            outcome.Record("refused", "/r/rollback", [("json", "rollback-report.json")]);
            return Task.FromResult(ExitCodes.BlockedOrUnverified);
        }, outcome);
        var result = Result(Lines(recorded));
        Assert.Equal("refused", result.GetProperty("Status").GetString());
        Assert.Equal("rollback", result.GetProperty("Command").GetString());
        Assert.Equal(Path.Combine(Path.GetFullPath("/r/rollback"), "rollback-report.json"),
            result.GetProperty("Reports").GetProperty("json").GetString());
    }

    [Fact]
    public async Task Text_logs_have_no_result_event()
    {
        using var error = new StringWriter();

        await CliApp.GuardAsync("text", false, error, _ => Task.FromResult(0));

        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Version_prints_the_version_and_the_commit()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await CliApp.RunAsync(["--version"], output, error));

        Assert.Equal(Core.Runtime.ToolVersion.Display, output.ToString().Trim());
        Assert.Matches(@"^cutover-sequencer \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{40}|unknown)\)$", output.ToString().Trim());
    }
}
