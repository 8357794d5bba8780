using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CutoverSequencer.Core.Findings;
using Npgsql;

namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>The outcome of one seed: the violations found (empty when every invariant held).</summary>
internal sealed record SeedResult(int Seed, Scenario Scenario, List<string> Violations, string? KeptDirectory, TimeSpan Elapsed)
{
    public bool Passed => Violations.Count == 0;

    public string Render(string replay)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {Seed} FAILED [{string.Join(", ", Scenario.Families)}]");
        foreach (var violation in Violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {violation}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  replay: {replay}");
        if (KeptDirectory is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  scenario files (DDL, config, export, reports): {KeptDirectory}");
        }
        text.Append(Scenario.Describe());
        return text.ToString();
    }
}

/// <summary>
/// Runs one seed end to end on a fresh database: apply, the oracle's checks, a second apply (no-op),
/// the first inserts, a random tampering and verify (verdict against the oracle's).
/// </summary>
internal static class InvariantRun
{
    public static string KeepRoot => Environment.GetEnvironmentVariable("CUTOVER_INVARIANT_KEEP_DIR") is { Length: > 0 } root
        ? root
        : Path.Combine(Path.GetTempPath(), "cutover-invariants");

    public static async Task<SeedResult> RunAsync(PostgresCluster postgres, int seed, GeneratorOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scenario = ScenarioGenerator.Generate(seed, options);
        var violations = new List<string>();
        var directory = Path.Combine(KeepRoot, $"seed-{seed}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "scenario.sql"), scenario.Ddl);
            await File.WriteAllTextAsync(Path.Combine(directory, "scenario.txt"), scenario.Describe());
            var cs = await postgres.NewDatabaseAsync(scenario.Ddl);
            var export = Path.Combine(directory, "export");
            ScenarioFiles.WriteExport(scenario, export);
            var config = Path.Combine(directory, "cutover.yaml");
            await File.WriteAllTextAsync(config, ScenarioFiles.Config(scenario, export, cs));
            await CheckAsync(scenario, cs, config, directory, violations, seed, export);
        }
        catch (Exception e)
        {
            violations.Add($"harness error: {e}");
        }
        var kept = violations.Count > 0 ? directory : null;
        if (kept is null)
        {
            Directory.Delete(directory, recursive: true);
        }
        return new SeedResult(seed, scenario, violations, kept, clock.Elapsed);
    }

    private static async Task CheckAsync(Scenario scenario, string cs, string config, string directory, List<string> violations, int seed, string export)
    {
        if (await InvariantOracle.CrossCheckFeedsAsync(cs, scenario) is { } generatorBug)
        {
            violations.Add("generator: " + generatorBug);
            return;
        }
        var before = await InvariantOracle.ReadAsync(cs, scenario);
        var expectations = scenario.Sequences.Select(s => InvariantOracle.Expect(scenario, s, before)).ToList();
        var causes = expectations.Where(e => e.BlockCause is not null).ToList();

        string? savedPlan = null;
        if (seed % 4 == 0)
        {
            // Every fourth seed: plan first. It writes nothing and gives the same verdict as the oracle. Every
            // eighth saves it, and the apply below applies that saved plan: nothing moved in between, so it must
            // come out exactly as a plain apply would.
            var planDir = Path.Combine(directory, "reports", "plan");
            var planFile = Path.Combine(directory, "plan.json");
            var plan = await Cli.RunAsync(null, [.. new[] { "plan", "--config", config, "--report-dir", planDir },
                .. seed % 8 == 0 ? new[] { "--out", planFile } : []]);
            if (plan.ExitCode == 0 && File.Exists(planFile))
            {
                savedPlan = planFile;
                scenario.Families.Add("saved-plan");
            }
            violations.AddRange(InvariantOracle.Unchanged(scenario, before, await InvariantOracle.ReadAsync(cs, scenario), "plan wrote"));
            var planExpected = causes.Count > 0 ? 1 : 0;
            if (plan.ExitCode != planExpected)
            {
                violations.Add($"plan exited {plan.ExitCode}, oracle expects {planExpected} ({(causes.Count > 0 ? string.Join("; ", causes.Select(c => c.BlockCause)) : "nothing must block")}); blocking findings: {(TryReport(planDir) is { } pr ? Render(Blocking(pr)) : "(no report)")}{Tail(plan)}");
            }
        }

        // Every sixteenth seed: the source keeps issuing between plan and apply, by up to one and a half margins
        // (within --max-drift or past it). apply --plan either refuses with PLAN_DRIFT, writing nothing, or
        // applies the plan's values, and its next value is then past the source as it is now.
        var drift = savedPlan is not null && seed % 16 == 0
            ? expectations.FirstOrDefault(e => e.InScope && e.Margin > 0 && e.Sequence.SourceValue is not null
                && e.Sequence.Link != SourceLink.None)
            : null;
        BigInteger? planned = drift?.Sequence.SourceValue;
        BigInteger? driftedTo = null;
        if (drift is { Sequence: var moving } && planned is { } from)
        {
            var by = (BigInteger)Math.Max(1, drift.Margin * new Random(seed).Next(1, 151) / 100);
            driftedTo = moving.SourceValue = moving.Descending ? from - by : from + by;
            ScenarioFiles.WriteExport(scenario, export);
            scenario.Families.Add("saved-plan-drift");
        }

        var applyDir = Path.Combine(directory, "reports", "apply");
        var apply = await Cli.RunAsync(null, [.. new[] { "apply", "--config", config, "--report-dir", applyDir },
            .. savedPlan is null ? [] : new[] { "--plan", savedPlan }]);
        var afterApply = await InvariantOracle.ReadAsync(cs, scenario);
        var report = TryReport(applyDir);
        if (drift is { Sequence: var drifted } && driftedTo is { } now)
        {
            // The export as planned again: the checks below and the second apply judge the planned state.
            drifted.SourceValue = planned;
            ScenarioFiles.WriteExport(scenario, export);
            // --max-drift's default: half the margin past the planned reference (rounding aside).
            var over = drift.Reference is { } reference ? (drifted.Descending ? reference - now : now - reference) : (BigInteger?)null;
            var half = (BigInteger)drift.Margin / 2;
            if (causes.Count == 0 && over is { } past)
            {
                if (apply.ExitCode == 0 && past > half + 1)
                {
                    violations.Add($"apply --plan exited 0 though the source drifted {Scenario.Num(past)} past the planned reference (margin {drift.Margin}: half is allowed)");
                }
                if (apply.ExitCode != 0 && past < half - 1)
                {
                    violations.Add($"apply --plan exited {apply.ExitCode} though the source drifted only {Scenario.Num(past)} past the planned reference (margin {drift.Margin}){Tail(apply)}");
                }
            }
            if (causes.Count == 0 && apply.ExitCode == 1 && report is { } refused
                && Blocking(refused).Any(f => f.Code == "PLAN_DRIFT"))
            {
                scenario.Families.Add("saved-plan-drift-refused");
                violations.AddRange(InvariantOracle.Unchanged(scenario, before, afterApply, "refused saved plan wrote"));
                return;
            }
            if (apply.ExitCode == 0)
            {
                scenario.Families.Add("saved-plan-drift-accepted");
            }
            if (apply.ExitCode == 0 && afterApply.Sequences.TryGetValue(drifted, out var state)
                && state.Next(drifted.Increment) is var next
                && (drifted.Descending ? next >= now : next <= now))
            {
                violations.Add($"apply --plan exited 0 but {drifted.Display} hands out {Scenario.Num(next)} next, " +
                    $"not past the source value {Scenario.Num(now)} it drifted to (planned {Scenario.Num(planned!.Value)})");
            }
        }

        if (causes.Count > 0)
        {
            if (apply.ExitCode != 1)
            {
                violations.Add($"must block ({string.Join("; ", causes.Select(c => c.BlockCause))}) but apply exited {apply.ExitCode}{Tail(apply)}");
                if (apply.ExitCode == 0)
                {
                    violations.AddRange(InvariantOracle.CheckApplied(scenario, expectations, before, afterApply).Select(v => "apply (exit 0): " + v));
                }
                return;
            }
            violations.AddRange(InvariantOracle.Unchanged(scenario, before, afterApply, "blocked apply wrote"));
            if (report is null)
            {
                violations.Add($"apply exited 1 but wrote no cutover-report.json{Tail(apply, always: true)}");
                return;
            }
            var blocking = Blocking(report.Value).ToList();
            if (report.Value.GetProperty("status").GetString() != "blocked")
            {
                violations.Add($"blocked run reports status '{report.Value.GetProperty("status").GetString()}'");
            }
            foreach (var cause in causes)
            {
                var names = new[] { cause.Sequence.Name }.Concat(cause.Sequence.Tables.Select(t => t.Name));
                if (!blocking.Any(f => names.Any(n => f.Object.Contains(n, StringComparison.OrdinalIgnoreCase) || f.Message.Contains(n, StringComparison.OrdinalIgnoreCase))))
                {
                    violations.Add($"no blocking finding names the planted cause ({cause.BlockCause}); blocking findings: {Render(blocking)}");
                }
            }
            return;
        }

        if (apply.ExitCode != 0)
        {
            var findings = report is { } r ? Render(Blocking(r)) : "(no report)";
            violations.Add($"must succeed but apply exited {apply.ExitCode}; blocking findings: {findings}{Tail(apply)}");
            if (apply.ExitCode == 1 && report?.GetProperty("status").GetString() == "blocked")
            {
                violations.AddRange(InvariantOracle.Unchanged(scenario, before, afterApply, "blocked apply wrote"));
            }
            return;
        }
        var applied = InvariantOracle.CheckApplied(scenario, expectations, before, afterApply).Select(v => "after apply: " + v).ToList();
        violations.AddRange(applied);
        if (report is { } appliedReport)
        {
            violations.AddRange(CheckReport(scenario, appliedReport, afterApply));
        }
        else
        {
            violations.Add("apply exited 0 but wrote no cutover-report.json");
        }

        // A second apply is a no-op.
        var againDir = Path.Combine(directory, "reports", "apply-again");
        var again = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", againDir);
        var afterAgain = await InvariantOracle.ReadAsync(cs, scenario);
        if (again.ExitCode != 0)
        {
            violations.Add($"second apply exited {again.ExitCode}{Tail(again)}");
        }
        else if (TryReport(againDir) is { } againReport)
        {
            var moved = againReport.GetProperty("sequences").EnumerateArray()
                .Where(s => s.GetProperty("action").GetString() != "unchanged")
                .Select(s => $"{s.GetProperty("sequence").GetString()}: {s.GetProperty("action").GetString()}").ToList();
            if (moved.Count > 0)
            {
                violations.Add($"second apply is not a no-op: {string.Join(", ", moved)}");
            }
        }
        violations.AddRange(InvariantOracle.Unchanged(scenario, afterApply, afterAgain, "second apply"));

        // The first application insert into every table an in-scope sequence feeds, and nextval of sequence-only entries.
        await FirstInsertsAsync(scenario, cs, afterAgain, violations);

        // Tampering, then verify must agree with the oracle.
        var random = new Random(unchecked(seed * 31 + 7));
        var tamper = await TamperAsync(scenario, cs, random);
        var beforeVerify = await InvariantOracle.ReadAsync(cs, scenario);
        var (safe, why) = InvariantOracle.Safe(scenario, beforeVerify);
        var verifyDir = Path.Combine(directory, "reports", "verify");
        var verify = await Cli.RunAsync(null, "verify", "--config", config, "--report-dir", verifyDir);
        var afterVerify = await InvariantOracle.ReadAsync(cs, scenario);
        violations.AddRange(InvariantOracle.Unchanged(scenario, beforeVerify, afterVerify, "verify wrote"));
        var expected = safe ? 0 : 1;
        if (verify.ExitCode != expected)
        {
            violations.Add($"verify after tampering ({tamper}) exited {verify.ExitCode}, oracle expects {expected} ({(safe ? "every sequence clears every key and source value" : string.Join("; ", why))}); report findings: {(TryReport(verifyDir) is { } v ? Render(Blocking(v)) : "(none)")}{Tail(verify)}");
        }
    }

    private static async Task FirstInsertsAsync(Scenario scenario, string cs, Reading reading, List<string> violations)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        foreach (var sequence in scenario.Sequences.Where(s => InvariantOracle.InScope(scenario, s)))
        {
            foreach (var table in sequence.Tables)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"INSERT INTO {table.Sql} DEFAULT VALUES RETURNING {table.ColumnSql}::text", connection);
                    var key = InvariantOracle.ParseKey((string)(await command.ExecuteScalarAsync())!);
                    var keys = reading.Keys[table];
                    if (sequence.Descending ? keys.Min is { } mn && key >= mn : keys.Max is { } mx && key <= mx)
                    {
                        violations.Add($"first insert into {table.Display} got key {Scenario.Num(key)}, not past the loaded keys ({keys.Min}..{keys.Max})");
                    }
                    if (sequence.SourceValue is { } source && (sequence.Descending ? key >= source : key <= source))
                    {
                        violations.Add($"first insert into {table.Display} got key {Scenario.Num(key)}, not past the source value {Scenario.Num(source)}");
                    }
                }
                catch (PostgresException e)
                {
                    violations.Add($"first insert into {table.Display} failed: {e.SqlState} {e.MessageText}");
                }
            }
            if (sequence.SequenceOnlyEntry && sequence.SourceValue is { } value)
            {
                await using var command = new NpgsqlCommand($"SELECT nextval('{sequence.Sql.Replace("'", "''", StringComparison.Ordinal)}')::text", connection);
                var next = BigInteger.Parse((string)(await command.ExecuteScalarAsync())!, CultureInfo.InvariantCulture);
                if (sequence.Descending ? next >= value : next <= value)
                {
                    violations.Add($"nextval of sequence-only entry {sequence.Display} returned {Scenario.Num(next)}, not past the source value {Scenario.Num(value)}");
                }
            }
        }
    }

    /// <summary>Leave alone, move a sequence back below a key, or insert a key at the next value.</summary>
    private static async Task<string> TamperAsync(Scenario scenario, string cs, Random random)
    {
        var reading = await InvariantOracle.ReadAsync(cs, scenario);
        var candidates = scenario.Sequences.Where(s => InvariantOracle.InScope(scenario, s) && s.Tables.Count > 0).ToList();
        var roll = random.Next(4);
        if (candidates.Count == 0 || roll == 0)
        {
            return "none";
        }
        var sequence = candidates[random.Next(candidates.Count)];
        if (roll == 1)
        {
            var withKeys = sequence.Tables.Where(t => reading.Keys[t].Max is not null).ToList();
            if (withKeys.Count == 0)
            {
                return "none";
            }
            var table = withKeys[random.Next(withKeys.Count)];
            var edge = sequence.Descending ? reading.Keys[table].Min!.Value : reading.Keys[table].Max!.Value;
            var target = edge - sequence.Increment;
            if (target < sequence.Min || target > sequence.Max)
            {
                return "none";
            }
            await PostgresCluster.ExecuteAsync(cs, $"SELECT setval('{sequence.Sql.Replace("'", "''", StringComparison.Ordinal)}', {Scenario.Num(target)}, true)");
            return $"setval {sequence.Display} back to {Scenario.Num(target)} (next = key {Scenario.Num(edge)} of {table.Display})";
        }
        if (roll == 2)
        {
            var table = sequence.Tables[random.Next(sequence.Tables.Count)];
            var next = reading.Sequences[sequence].Next(sequence.Increment);
            if (next > InvariantOracle.TypeMax(table.KeyType) || next < InvariantOracle.TypeMin(table.KeyType))
            {
                return "none";
            }
            var overriding = sequence.Kind == FeedKind.IdentityAlways ? " OVERRIDING SYSTEM VALUE" : "";
            await PostgresCluster.ExecuteAsync(cs, $"INSERT INTO {table.Sql} ({table.ColumnSql}){overriding} VALUES ({Scenario.Num(next)})");
            return $"inserted key {Scenario.Num(next)} (the next value) into {table.Display}";
        }
        // Forward only: still safe.
        var ahead = reading.Sequences[sequence].LastValue + (sequence.Increment * 3);
        if (ahead < sequence.Min || ahead > sequence.Max || sequence.Tables.Any(t => ahead > InvariantOracle.TypeMax(t.KeyType) || ahead < InvariantOracle.TypeMin(t.KeyType)))
        {
            return "none";
        }
        await PostgresCluster.ExecuteAsync(cs, $"SELECT setval('{sequence.Sql.Replace("'", "''", StringComparison.Ordinal)}', {Scenario.Num(ahead)}, true)");
        return $"setval {sequence.Display} forward to {Scenario.Num(ahead)}";
    }

    /// <summary>The report of a verified apply: status verified, every in-scope sequence listed, its nextValue what the database holds.</summary>
    private static IEnumerable<string> CheckReport(Scenario scenario, JsonElement report, Reading after)
    {
        var status = report.GetProperty("status").GetString();
        if (status != "verified")
        {
            yield return $"apply exited 0 with report status '{status}'";
        }
        var rows = report.GetProperty("sequences").EnumerateArray()
            .GroupBy(r => r.GetProperty("sequence").GetString() ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var sequence in scenario.Sequences.Where(s => InvariantOracle.InScope(scenario, s)))
        {
            var name = $"{ReportName(sequence.Schema)}.{ReportName(sequence.Name)}";
            if (!rows.TryGetValue(name, out var row))
            {
                yield return $"report of a verified apply does not list in-scope sequence {name}";
                continue;
            }
            var next = after.Sequences[sequence].Next(sequence.Increment);
            if (row.TryGetProperty("action", out var action) && action.GetString() == "advance"
                && row.TryGetProperty("nextValue", out var reported) && reported.ValueKind == JsonValueKind.Number
                && BigInteger.Parse(reported.GetRawText(), CultureInfo.InvariantCulture) != next)
            {
                yield return $"report says {name} nextValue {reported.GetRawText()}, the database's next value is {Scenario.Num(next)}";
            }
        }
    }

    /// <summary>How PostgreSQL prints an identifier: plain when lower case, else double-quoted.</summary>
    private static string ReportName(string name) =>
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]) ? name : Scenario.Quote(name);

    internal sealed record ReportFinding(string Code, string Severity, string Object, string Message);

    internal static JsonElement? TryReport(string directory)
    {
        var path = Path.Combine(directory, "cutover-report.json");
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement : null;
    }

    internal static IEnumerable<ReportFinding> Blocking(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray()
            .Select(f => new ReportFinding(Text(f, "code"), Text(f, "severity"), Text(f, "object"), Text(f, "message")))
            .Where(f => f.Severity == "blocking");

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    internal static string Render(IEnumerable<ReportFinding> findings)
    {
        var list = findings.Select(f => $"{f.Code} {f.Object}: {f.Message}").ToList();
        return list.Count == 0 ? "(none)" : string.Join(" | ", list);
    }

    internal static string Tail(CliResult result, bool always = false)
    {
        var lines = (result.Stdout + "\n" + result.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return result.ExitCode is 0 or 1 && !always ? "" : "\n      output: " + string.Join("\n      ", lines.TakeLast(8));
    }
}
