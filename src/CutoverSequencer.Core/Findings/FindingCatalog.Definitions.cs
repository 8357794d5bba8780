// Length: one entry per finding code, in the order docs/findings.md lists them; splitting it would scatter that order.
namespace CutoverSequencer.Core.Findings;

/// <summary>Each code's definition, in the order docs/findings.md lists them.</summary>
public static partial class FindingCatalog
{
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        new(SequenceLimitExceeded, Severity.Blocking,
            "The value the plan needs is beyond the sequence's MAXVALUE (MINVALUE when descending); nextval would " +
            "fail or, with CYCLE, wrap onto existing keys.",
            "Raise the limit (ALTER SEQUENCE ... MAXVALUE / AS bigint) or lower the margin, then re-run plan.")
        {
            Message =
                "{sequence} would need to issue {next:N0} next, beyond its {limitName} {limit:N0}.",
        },
        new(ColumnTypeOverflow, Severity.Blocking,
            "The value the plan needs does not fit the key column's type (smallint, integer or bigint); the first " +
            "insert would fail with SQLSTATE 22003.",
            "Widen the column (ALTER TABLE ... ALTER COLUMN ... TYPE bigint) before cutover, or lower the margin if " +
            "the data allows it.")
        {
            Message =
                "{column} is {type} (limit {limit:N0}) but {sequence} would issue {next:N0} next.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hilo"] =
                    "{column} is {type} (limit {limit:N0}) but the hilo block of {sequence}'s next value {next:N0} " +
                    "(block size {blockSize}) reaches key {key:N0}.",
            },
        },
        new(KeyHeadroomLow, Severity.Warning,
            "After the plan, a key has little room left before its limit (the sequence's MAXVALUE, MINVALUE when " +
            "descending, or the key column's type): less than sequenceAdvancement.keyHeadroom.percent (default " +
            "10%) of its range, or less than keyHeadroom.time (default 365d) at the measured or declared insert " +
            "rate. Nothing fails yet; the first insert past the limit will.",
            "Widen the key before it runs out (ALTER TABLE ... ALTER COLUMN ... TYPE bigint, then ALTER SEQUENCE ... " +
            "AS bigint MAXVALUE ...), or plan the change; lower the margin only if the data allows it.")
        {
            Message =
                "{sequence} has {left:N0} values left after the plan (next value {next:N0}, last {limit:N0}, set by " +
                "{limitedBy}): {percent:0.###}% of its range[, about {time:hours} at {rate:N0} per hour].",
        },
        new(PlanDrift, Severity.Blocking,
            "apply --plan: the live state no longer satisfies the saved plan, so its values are not applied: a " +
            "source value or key is further past the planned reference than --max-drift allows, a sequence's " +
            "definition, position or tables changed, a planned sequence is gone or a new one appeared, the source is " +
            "another connection or export directory or lost a sequence a planned value came from, the file's values " +
            "are not what its readings give (edited, or other margin settings), or the configuration is not the " +
            "one the plan was made with.",
            "Make a new plan (plan --out), review and approve it, and apply that; where the drift is expected " +
            "(the source kept issuing values), a larger --max-drift accepts it, never beyond the margin.")
        {
            Message = "{file}: the configuration is not the one the plan was made with ({plannedFile}, SHA-256 " +
                "{planned} when planned; {now} now).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["target"] = "The plan was made for {planned}; the target is now {now}.",
                ["origin"] = "The plan read its source values from {planned}; this run reads {now} (another " +
                    "connection or export directory).",
                ["source-missing"] =
                    "{source}: a planned value came from its source value {planned:N0}; the source has no such " +
                    "sequence now.",
                ["missing"] = "{sequence}: in the plan, but not resolved now ({why}).",
                ["lost"] = "{sequence}: in the plan, but its own readings no longer give it a value (the file was " +
                    "edited, or made by another version).",
                ["unplanned"] = "{sequence}: not in the plan (a sequence or mapping added since it was made).",
                ["definition"] = "{sequence}: its definition changed since the plan: {changes}.",
                ["tables"] = "{sequence}: the tables it feeds changed since the plan: {changes}.",
                ["position"] =
                    "{sequence}: it moved since the plan: next value {planned:N0} when planned, {now:N0} now.",
                ["source"] =
                    "{sequence}: the source value is now {now:N0}, {over:N0} {direction} the planned reference " +
                    "{reference:N0}; --max-drift ({maxDrift}) allows {allowed:N0} of its margin {margin:N0}.",
                ["keys"] =
                    "{sequence}: the {extreme} key ({table}) is now {now:N0}, {over:N0} {direction} the planned " +
                    "reference {reference:N0}; --max-drift ({maxDrift}) allows {allowed:N0} of its margin " +
                    "{margin:N0}.",
                ["keys-hilo"] =
                    "{sequence}: the {extreme} key ({table}) is now {key:N0}, block {now:N0} of {blockSize:N0} keys, " +
                    "{over:N0} blocks {direction} the planned reference block {reference:N0}; --max-drift " +
                    "({maxDrift}) allows {allowed:N0} of its margin of {margin:N0} blocks ({marginKeys:N0} keys).",
                ["none"] = "{sequence}: the plan had no source value or key; there is now {what}.",
                ["values"] =
                    "{sequence}: the plan file's values are not what its readings give with this run's settings " +
                    "({changes}): the file was edited or made by another version, or the margin settings differ " +
                    "(CUTOVER__ overrides or environment values in the configuration, --baseline, --strict, " +
                    "--require-quiet).",
            },
        },
        new(NodeStreamsOverlap, Severity.Blocking,
            "verify --nodes: two multi-master nodes could issue the same key from a sequence: their ranges overlap " +
            "and they step by different increments, by an increment smaller than the number of nodes, or from the " +
            "same residue; or a node's next value is not past a key already present on another node.",
            "Re-run apply on each node with sequenceAdvancement.interleave (nodes: N, node: 1..N, a distinct node " +
            "each), or give each node a range of its own (MINVALUE/MAXVALUE), then verify --nodes again.")
        {
            Message = "{sequence}: nodes {a} and {b} step by different increments ({incrementA} and {incrementB}).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["stride"] =
                    "{sequence}: nodes {a} and {b} step by {increment}, fewer than the {nodes} nodes: their streams " +
                    "cannot all be distinct.",
                ["residue"] =
                    "{sequence}: nodes {a} (next value {nextA:N0}) and {b} (next value {nextB:N0}) are on the same " +
                    "residue {residue} modulo {increment}: they will issue the same keys.",
                ["keys"] =
                    "{sequence}: node {a}'s next value {next:N0} is not past key {key:N0} present on node {b}.",
                ["cycle"] =
                    "{sequence} cycles on node {a} (CYCLE) in a range it shares with other nodes: after its limit it " +
                    "restarts on another residue.",
            },
        },
        new(NodeSequenceMissing, Severity.Warning,
            "verify --nodes: a sequence exists on some nodes only, so its streams on the others were not compared.",
            "Confirm the sequence is local to those nodes, or create and interleave it on every node.")
        {
            Message = "{sequence} is on {present} but not on {missing}.",
        },
        new(TableNotFound, Severity.Blocking,
            "A configured table does not exist in the target database.",
            "Fix the table name in the configuration (unquoted names fold to lower case; quote mixed-case names) " +
            "or create the table.")
        {
            Message =
                "Table {table} does not exist in the target ({location}).",
        },
        new(ColumnNotFound, Severity.Blocking,
            "A configured key column does not exist in its table.",
            "Fix pkColumn in the configuration; unquoted names fold to lower case.")
        {
            Message =
                "Column {column} does not exist in {table} ({location}).",
        },
        new(SequenceNotFound, Severity.Blocking,
            "A configured sequence does not exist in the target database.",
            "Fix the sequence name, create the sequence, or omit 'sequence' so it is resolved from the column's " +
            "default or identity.")
        {
            Message =
                "Sequence {sequence} does not exist in the target ({location}).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["not a sequence"] =
                    "{sequence} exists in the target but is not a sequence ({location}).",
            },
        },
        new(SequenceNotResolved, Severity.Blocking,
            "No sequence was configured and the key column has neither a nextval() default nor an identity.",
            "Name the sequence in the entry, or set the column default (ALTER TABLE ... ALTER COLUMN ... SET " +
            "DEFAULT nextval('...')).")
        {
            Message =
                "No sequence is configured for {column} and the column has no nextval() default or identity " +
                "({location}).",
        },
        new(KeyColumnNotInteger, Severity.Blocking,
            "The key column is not of an integer or numeric type, so its values cannot be compared with a sequence.",
            "Remove the entry if the key is not sequence-fed (for example a GUID key), or point pkColumn at the " +
            "right column.")
        {
            Message =
                "{column} is {type}, not an integer type ({location}).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dependency"] =
                    "{column} is {type}, not an integer type, and {sequence} feeds it ({location}).",
            },
        },
        new(DirectionMismatch, Severity.Blocking,
            "The source sequence and the target sequence count in opposite directions.",
            "Recreate the target sequence with the source's INCREMENT BY sign, or map the entry to the right source " +
            "sequence.")
        {
            Message =
                "Source {source} has INCREMENT BY {sourceIncrement} but {sequence} has increment {increment}.",
        },
        new(IncrementMismatch, Severity.Blocking,
            "The source and target sequences have different increments. An application on a pooled ORM optimizer " +
            "(Hibernate/JPA; JPA's default allocationSize is 50) needs INCREMENT BY equal to its block size: with " +
            "a smaller increment sessions hand out overlapping keys. Blocking when either increment is above 1, " +
            "unless the entry acknowledges it ('acknowledge: [INCREMENT_MISMATCH]'), which keeps it a warning; " +
            "with interleave and a source increment of 1 it is a warning (the plan sets the node count).",
            "Run the ALTER SEQUENCE the message gives and re-run plan; if the target's increment is intended (no " +
            "pooled allocator uses the sequence), add 'acknowledge: [INCREMENT_MISMATCH]' to the entry.")
        {
            Message =
                "Source {source} has INCREMENT BY {sourceIncrement}; {sequence} has increment {increment}. To match " +
                "the source: ALTER SEQUENCE {sql} INCREMENT BY {sourceIncrement};",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["acknowledged"] =
                    "Source {source} has INCREMENT BY {sourceIncrement}; {sequence} has increment {increment} " +
                    "(acknowledged at {location}); the plan follows the target's step grid.",
                ["interleave"] =
                    "Source {source} has INCREMENT BY {sourceIncrement}; {sequence} has increment {increment}; " +
                    "the interleave plan steps it by the node count.",
            },
        },
        new(AllocatorUnsupported, Severity.Blocking,
            "The entry's allocator cannot be planned for this sequence: hilo on a descending sequence or with " +
            "interleave, or entries of one sequence that state different allocators or block sizes.",
            "Correct the entries' 'allocator' and 'blockSize' (one allocator per sequence), or remove 'allocator: " +
            "hilo' and set the sequence by hand.")
        {
            Message =
                "{sequence}: {entries} state different allocators ({allocators}); one sequence has one allocator.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["descending"] =
                    "{sequence} counts down (increment {increment}); 'allocator: hilo' ({entry}) is planned only " +
                    "for ascending sequences.",
                ["interleave"] =
                    "{sequence}: 'allocator: hilo' ({entry}) cannot be combined with sequenceAdvancement.interleave.",
            },
        },
        new(SourceSequenceAmbiguous, Severity.Blocking,
            "Several source sequences (in different owners) have the target sequence's name.",
            "Set 'sourceSequence: OWNER.NAME' on the entry, or restrict source.schemas.")
        {
            Message =
                "{sequence} matches {candidates} in the source.",
        },
        new(NoReferenceValue, Severity.Blocking,
            "A sequence listed without a table has no source value, so there is nothing to set it from.",
            "Add the sequence to the source export, give it a table and pkColumn, or remove the entry.")
        {
            Message =
                "{sequence} is listed without a table and no source sequence matches it.",
        },
        new(SourceSequenceNotFound, Severity.Warning,
            "The target sequence has no counterpart in the source; only the keys in the target table bound the new " +
            "value.",
            "Set 'sourceSequence: OWNER.NAME' on the entry if the source name differs; otherwise confirm the margin " +
            "covers writes still to arrive.")
        {
            Message =
                "No source sequence matches {sequence}; only the keys in {tables} bound the new value.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["named"] =
                    "The source has no sequence {missing} (named for {sequence}); the other source values and the " +
                    "keys bound the new value.",
            },
        },
        new(SourceValueUnusable, Severity.Warning,
            "The source sequence is scalable or session-scoped, so LAST_NUMBER does not bound the values it issued; " +
            "the target keys are used instead.",
            "Confirm the target table holds every key the source issued (full load and CDC complete) before applying.")
        {
            Message =
                "Source sequence {source} is scalable (SCALE_FLAG=Y): its LAST_NUMBER does not bound the values it " +
                "issued, so the target's keys are used instead.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["session"] =
                    "Source sequence {source} is session (SESSION_FLAG=Y): its LAST_NUMBER does not bound the " +
                    "values it issued, so the target's keys are used instead.",
            },
        },
        new(UnmappedSourceSequence, Severity.Warning,
            "A source sequence is not mapped to any target sequence, so nothing advances it.",
            "Add it to sequenceAdvancement.tables if its table was migrated; otherwise ignore.")
        {
            Message =
                "Source sequence {source} (last number {last:N0}) has no target mapping and is not advanced.",
        },
        new(CycleSequence, Severity.Warning,
            "The target sequence is CYCLE: once it reaches its limit it restarts and re-issues values that are " +
            "already keys.",
            "Make it NO CYCLE unless the application depends on wrapping (ALTER SEQUENCE ... NO CYCLE).")
        {
            Message =
                "{sequence} is CYCLE: after {limit:N0} it restarts and re-issues existing keys.",
        },
        new(SequenceCache, Severity.Warning,
            "The target sequence has CACHE > 1: sessions connected before setval keep handing out the values they " +
            "cached.",
            "Apply before the application connects, or restart application connection pools after apply.")
        {
            Message =
                "{sequence} has CACHE {cache}: sessions that already cached values keep issuing them after setval.",
        },
        new(HiloKeys, Severity.Warning,
            "The target keys are far above a used source sequence by a near-constant factor k that is a common " +
            "ORM block size: the application may allocate keys with a hilo optimizer (key ≈ sequence value × k), " +
            "and advancing the sequence to MAX(key) would multiply its future keys by k. Evidence rule: the " +
            "sequence ascends, its source value S is at least 1,000 (a used sequence; Oracle's default CACHE 20 " +
            "then moves LAST_NUMBER by at most 2%), and the highest key M is within 5% of k × S for the nearest " +
            "k of 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 250, 256, 500, 512, 1000, 1024, 32768 (smaller " +
            "factors have too many innocent causes). Never raised from a small or barely used table alone, nor " +
            "when the entry states its allocator. Blocking when the keys the application would then allocate " +
            "(next value × k) overflow the key column's type.",
            "If the application uses a hilo optimizer, set 'allocator: hilo' and 'blockSize: k' on the entry so " +
            "the sequence is planned in blocks; otherwise set 'allocator: sequence' on it.")
        {
            Message =
                "{column}: keys reach {maxKey:N0}, {ratio:0.##} × the source value {sourceLast:N0} of {source} " +
                "(about block size {blockSize}). If the application allocates keys with a hilo optimizer, " +
                "advancing {sequence} to the key moves its next keys to about {next:N0} × {blockSize} = {keys:N0}.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["overflow"] =
                    "{column}: keys reach {maxKey:N0}, {ratio:0.##} × the source value {sourceLast:N0} of {source} " +
                    "(about block size {blockSize}). If the application allocates keys with a hilo optimizer, " +
                    "advancing {sequence} to the key moves its next keys to about {next:N0} × {blockSize} = " +
                    "{keys:N0}, beyond the {type} limit {limit:N0}: its inserts would fail.",
            },
        },
        new(TargetAlreadyAhead, Severity.Info,
            "The target sequence is already at or beyond the value the plan needs; it is left unchanged (sequences " +
            "never move backwards).",
            "None: no action is needed.")
        {
            Message =
                "{sequence} already issues {next:N0} next, at or beyond the {required:N0} the plan needs; it stays " +
                "unchanged.",
        },
        new(EmptyTable, Severity.Info,
            "The target table holds no rows; the source value alone sets the new value.",
            "None, if the table is meant to be empty at this point of the cutover; otherwise check the load finished.")
        {
            Message =
                "{table} is empty: the source value alone sets {sequence}.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["no source"] =
                    "{table} is empty and no source value is known: {sequence} is only kept where it is.",
            },
        },
        new(SharedSequence, Severity.Info,
            "One sequence feeds several tables; the plan takes the extreme key over all of them and the largest " +
            "margin.",
            "None.")
        {
            Message =
                "{sequence} feeds {entries}; the plan covers all of them.",
        },
        new(AdvancementDisabled, Severity.Info,
            "sequenceAdvancement.enabled is false: the plan is reported but nothing is written.",
            "Set sequenceAdvancement.enabled: true to apply.")
        {
            Message =
                "sequenceAdvancement.enabled is false: nothing will be written.",
        },
        new(NothingConfigured, Severity.Warning,
            "sequenceAdvancement.tables is empty and source analysis found no trigger or identity mapping: there is " +
            "nothing to advance.",
            "List the sequence-backed keys under sequenceAdvancement.tables.")
        {
            Message =
                "No tables or sequences are configured, and source analysis found none.",
        },
        new(ApplyFailed, Severity.Blocking,
            "A setval failed; sequences before it in the report were set, the rest were not.",
            "Read the error, fix its cause, and re-run apply: sequences already set are left unchanged, the rest " +
            "are set.")
        {
            Message =
                "{error}",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["read-back"] =
                    "{count} sequence(s) were set, then the {why}: nothing is verified. Run verify (or apply again) " +
                    "before the application connects.",
            },
        },
        new(VerificationFailed, Severity.Blocking,
            "After apply, a sequence's next value does not clear every key (or the source value).",
            "Do not open the application. Re-run apply (keys may have arrived since), then verify again.")
        {
            Message =
                "{sequence}: {verdict}.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["not read"] =
                    "{sequence} could not be read back.",
                ["keys unreadable"] =
                    "{sequence}: the keys of {keys} could not be read back, so the next value is not proven to " +
                    "clear them.",
            },
        },
        new(TriggerSequencePattern, Severity.Warning,
            "A BEFORE INSERT row trigger fills the key from a sequence: directly, through SELECT ... INTO, local " +
            "variables, NVL/NVL2/COALESCE/DECODE/CASE, or branches taken on insert. The table is mapped to that " +
            "sequence even if the configuration does not list it.",
            "Do not migrate the trigger: after the load, set the column default with the generated ALTER TABLE ... " +
            "SET DEFAULT nextval(...) (written to post-load-defaults.sql for review).")
        {
            Message =
                "Trigger {trigger} ({type}, {state}) fills {column} from {sequence} ({variant}; {confidence}[: " +
                "{evidence}]).[{disabled} The " +
                "trigger is DISABLED in the source: confirm the application really relies on it.]",
        },
        new(TriggerKeyFromFunction, Severity.Info,
            "A BEFORE INSERT row trigger fills a key column from a function or package call, not from a sequence " +
            "directly. When the stored code read (source_code.csv, or DBA_SOURCE live) shows the function returns " +
            "one sequence's NEXTVAL, the column is mapped to that sequence; otherwise it is not mapped.",
            "Read the function: if it returns a sequence's NEXTVAL, list the table under sequenceAdvancement.tables " +
            "with that sourceSequence; otherwise plan how the key is generated after cutover.")
        {
            Message =
                "Trigger {trigger} fills {table}.{column} from {function}() ({evidence}).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["resolved"] =
                    "Trigger {trigger} fills {table}.{column} from {function}() ({evidence}), which returns " +
                    "{sequence}.NEXTVAL in the stored code read: mapped to {sequence}.",
            },
        },
        new(PlSqlSequenceUsage, Severity.Info,
            "Stored code (a package, procedure, function or type body that references the sequence) inserts the " +
            "sequence's NEXTVAL into a table: in the VALUES or SELECT list of an INSERT (also FORALL and MERGE), " +
            "directly, through a variable (SELECT ... NEXTVAL INTO v FROM DUAL; v := ...NEXTVAL) or a function " +
            "that returns it. When one value goes into several tables, the first insert is the key and the others " +
            "reference it. 'certain': straight from NEXTVAL (at most one variable) on every path, and " +
            "DBA_DEPENDENCIES names the sequence; 'likely' otherwise. With discover: true a certain reading is " +
            "mapped; a likely one is a proposal and blocks nothing.",
            "Review the evidence; to map the table, paste the entry given under sequenceAdvancement.tables.")
        {
            Message =
                "{column} is filled from {sequence}.NEXTVAL by stored code {routines} ({confidence}; {evidence}); " +
                "not mapped automatically.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["mapped"] =
                    "{column} is filled from {sequence}.NEXTVAL by stored code {routines} ({confidence}; " +
                    "{evidence}): mapped.",
                ["no column list"] =
                    "Value {position} of an INSERT into {table} that lists no columns is {sequence}.NEXTVAL, in " +
                    "stored code {routines} ({confidence}; {evidence}): not mapped, the key column cannot be read " +
                    "from the code.",
            },
        },
        new(UuidColumn, Severity.Info,
            "A *_ID / *_GUID / *_UUID column of RAW(16) or 32/36/38 characters holds GUIDs (every sampled value is " +
            "GUID-shaped); no sequence feeds it.",
            "Keep it as text (default, values preserved exactly), or convert it to uuid with the ALTER TABLE ... " +
            "USING expression in the message.")
        {
            Message =
                "{column} is {type} holding GUIDs: {samples} sampled value(s), all GUID-shaped ({forms}), e.g. " +
                "{example}. No sequence feeds it.",
        },
        new(DiscoveredMappingUnresolved, Severity.Warning,
            "A mapping found by source analysis (trigger or identity column) does not resolve in the target: the " +
            "table, column or sequence is missing there.",
            "If the table was migrated under another name, list it in sequenceAdvancement.tables; if it was not " +
            "migrated, ignore.")
        {
            Message =
                "{entry} (from {origin}) is not advanced: {problems}",
        },
        new(SourceCatalogFallback, Severity.Warning,
            "The source was read through ALL_ views because DBA_ views were not permitted: only objects visible to " +
            "the connecting user are included.",
            "Grant SELECT_CATALOG_ROLE (or SELECT ANY DICTIONARY) to the reading user, or confirm every owner's " +
            "objects are visible.")
        {
            Message =
                "DBA_ views are not permitted for this user: the catalog was read from ALL_ views, which show only " +
                "objects this user may see.",
        },
        new(SequencePrivilegeMissing, Severity.Blocking,
            "The target user lacks UPDATE on a sequence the plan advances (has_sequence_privilege), so setval would " +
            "fail part-way.",
            "GRANT UPDATE ON SEQUENCE ... TO the user in target.connectionString (or run as the sequence owner), " +
            "then re-run.")
        {
            Message =
                "The target user has no UPDATE privilege on {sequence}: setval({sequence}, ...) would fail.",
        },
        new(OtherSessionsConnected, Severity.Warning,
            "Other client sessions are connected to the target database: an application writing now can race the " +
            "advance, and sessions holding cached sequence values keep issuing them. Blocking with --require-quiet.",
            "Stop the application and its connection pools before apply (pg_stat_activity lists them), or accept " +
            "the risk knowingly.")
        {
            Message =
                "{count} other client session(s) on the target database: {sessions}.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["more"] =
                    "{count} other client session(s) on the target database: {sessions}; ....",
            },
        },
        new(EarlierApplyIncomplete, Severity.Warning,
            "An earlier apply on this target stopped part-way (crash, kill, lost connection or Ctrl+C); its journal " +
            "lists what it set. This run converges to the planned values.",
            "None if this run verifies; keep both journals with the cutover records.")
        {
            Message =
                "The apply started {started:u} stopped part-way ({status}[: {error}]): of {total} sequences, " +
                "{confirmed} confirmed set, {reached} found at their planned value, {notSet} not set. This run " +
                "converges them.",
        },
        new(NoIndexOnKey, Severity.Warning,
            "No index starts with the key column (primary keys usually come with the post-load DDL), so MAX(key) " +
            "scans the whole table; the message gives its estimated size and how long the scan took.",
            "Plan the cutover window for the scan time shown (it runs again in verify), or create the key index " +
            "first; scans of different tables run in parallel (target.maxParallelism).")
        {
            Message =
                "No index starts with {column}: MAX scans the whole table (~{size:bytes})[; the scan took " +
                "{seconds:0.0} s].",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["unknown size"] =
                    "No index starts with {column}: MAX scans the whole table (of unknown size)[; the scan took " +
                    "{seconds:0.0} s].",
            },
        },
        new(MovedDuringApply, Severity.Info,
            "Between inspection and apply something advanced the sequence past the planned value; the " +
            "compare-and-set left it where it was (sequences never move backwards).",
            "None: verification proves the sequence clears every key. Find out what was writing during the cutover " +
            "window.")
        {
            Message =
                "{sequence} was already at or past its planned value when written (something advanced it after " +
                "inspection); it was left where it was.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["plan"] = "{sequence} was already at the saved plan's value when read (an earlier apply set " +
                    "it); it was left there.",
            },
        },
        new(MarginBelowObservedRate, Severity.Warning,
            "The configured margin is smaller than rate × catch-up window × headroom (rate measured from --baseline " +
            "or declared as expectedInsertsPerHour); the plan uses the larger value. Blocking with --strict.",
            "Raise safetyMargin (or the table's safetyMargin) to at least the required value, or shorten the " +
            "catch-up window; with --strict the run stops until you do.")
        {
            Message =
                "{sequence}: the configured margin {configured:N0} is below rate {perHour:N1}/h (measured: " +
                "{delta:N0} values in "
                + "{hours:0.##} h since {baseline}) × window {window:0.##} h × headroom {headroom:0.##} = " +
                    "{required:N0}, "
                + "above the configured {configured:N0}; the plan uses {required:N0}.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["declared"] =
                    "{sequence}: the configured margin {configured:N0} is below rate {perHour:N1}/h (declared "
                    + "expectedInsertsPerHour) × window {window:0.##} h × headroom {headroom:0.##} = {required:N0}, "
                    + "above the configured {configured:N0}; the plan uses {required:N0}.",
            },
        },
        new(InterleaveUnsupported, Severity.Blocking,
            "sequenceAdvancement.interleave is set but the sequence descends; interleaved streams are planned for " +
            "ascending sequences only.",
            "Remove the sequence from this node's configuration or recreate it ascending.")
        {
            Message =
                "{sequence} descends (increment {increment}) and cannot be interleaved.",
        },
        new(LogicalReplicationSequences, Severity.Warning,
            "The target database subscribes to logical replication: subscriptions copy rows but not sequence state " +
            "(PostgreSQL 18 and earlier), so its sequences stay where they were while keys arrive.",
            "Run apply again at switchover, after the subscription has caught up and writes on the publisher have " +
            "stopped (source.kind: postgres reads the publisher's sequences).")
        {
            Message =
                "The target subscribes to {subscriptions}: logical replication does not carry sequence state, so " +
                "the values planned here hold only at this moment.",
        },
        new(MarginNotMet, Severity.Warning,
            "The sequence clears every key but sits closer to them than the configured safety margin (keys arrived " +
            "since apply).",
            "Re-run apply to restore the full margin before the application writes.")
        {
            Message =
                "{sequence} clears every key, but by less than the margin of {margin:N0} (next value {next:N0}, " +
                "reference {reference:N0}: this run's plan and the keys just read).",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["recorded"] =
                    "{sequence} clears every key, but by less than the margin of {margin:N0} (next value {next:N0}, " +
                    "reference {reference:N0}: the reference recorded by the apply verified, or the source value " +
                    "now).",
            },
        },
        new(KeyNotFinite, Severity.Blocking,
            "A numeric key column holds NaN or Infinity, so no finite sequence value can be proven to clear its keys.",
            "Find the rows (SELECT ... WHERE key IN ('NaN', 'Infinity', '-Infinity')), correct or remove them, " +
            "then re-run plan.")
        {
            Message =
                "{column} ({type}) holds {value}: no finite value of {sequence} can be proven to clear its keys.",
        },
        new(KeyNotNumeric, Severity.Blocking,
            "A text key column fed by nextval() holds values that are not whole numbers, so its highest " +
            "sequence-issued key cannot be read.",
            "Correct the non-numeric keys, or point the entry at the right column; numeric strings alone are " +
            "planned from their numeric values.")
        {
            Message =
                "{column} ({type}) is fed by {sequence} but holds values that are not whole numbers, for example " +
                "'{example}': its highest sequence-issued key cannot be read.",
        },
        new(KeyReadTimeout, Severity.Blocking,
            "Reading a table's highest key hit target.statementTimeout (SQLSTATE 57014): the run stopped before " +
            "anything was written. Exit code 3.",
            "Raise target.statementTimeout (for example 30m) or create the key index first, then re-run; the " +
            "report lists what was read.")
        {
            Message =
                "Reading the {end} key of {column} (indexed[, ~{size:bytes}]) was stopped by statement_timeout " +
                "({seconds:0.###} s, target.statementTimeout); raise target.statementTimeout or create the key " +
                "index, then re-run.",
            Variants = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["unindexed"] =
                    "Reading the {end} key of {column} (no index starts with it[, ~{size:bytes}]) was stopped by " +
                    "statement_timeout ({seconds:0.###} s, target.statementTimeout); raise " +
                    "target.statementTimeout or create the key index, then re-run.",
            },
        },
        new(TargetInRecovery, Severity.Blocking,
            "The target is a hot standby (pg_is_in_recovery()): its sequences cannot be set and it copies the " +
            "primary's state anyway.",
            "Point target.connectionString at the primary (or at the promoted server after failover), then re-run.")
        {
            Message =
                "{target} is a hot standby (pg_is_in_recovery() is true): its sequences cannot be set there, and it " +
                "replays the primary's.",
        },
        new(SequenceMovedBackwards, Severity.Blocking,
            "watch: a sequence's position (the next value it hands out, from last_value and is_called) is behind " +
            "an earlier round's (ahead of it when descending): another session set it back (setval, ALTER " +
            "SEQUENCE ... RESTART, a restore or a sequence refresh from a publisher). Values it issues now may " +
            "collide with keys. The watch stops at once with exit code 1.",
            "Find the session or job that set it (pg_stat_activity, the application's migration tooling, a " +
            "REFRESH SEQUENCES), stop it, then run apply again (it sets the sequence past every key and the " +
            "source) and restart the watch.")
        {
            Message =
                "{sequence} moved backwards: its next value was {old:N0} in round {round}, it is {new:N0} now " +
                "(another session set it lower).",
        },
        new(SourceMovedBackwards, Severity.Warning,
            "watch: the source value of a sequence is behind an earlier round's (ahead of it when descending): an " +
            "older or restored export was put in the export directory, or the source was restored. The margin " +
            "is measured against the new value; the rate starts again from it.",
            "Check that the export directory holds the latest export (export_info.csv's CAPTURED_AT) and that " +
            "the source is the live one; the earlier, higher value is what the sequence must stay past.")
        {
            Message =
                "The source value of {sequence} moved backwards: {old:N0} in round {round}, {new:N0} now (an older " +
                "or restored export, or a restored source?).",
        },
        new(WatchMarginLow, Severity.Warning,
            "watch: the margin left (the next value minus max(source value, highest key); mirrored when " +
            "descending) is under --threshold (default 25%) of the margin the plan gives the sequence " +
            "(safetyMargin, or the rate-aware margin). With --fail-on low the watch stops with exit code 1; " +
            "with --re-advance it applies again.",
            "Run apply again (or watch with --re-advance) before the margin runs out; if the source keeps " +
            "consuming values, raise safetyMargin for the sequence.")
        {
            Message =
                "{sequence} has {left:N0} values of margin left, {share:0.#}% of its margin {margin:N0} (threshold " +
                "{threshold:0.#}%)[; consumed at {rate:0.###} per second, it runs out at {runsOut}].",
        },
        new(WatchMarginExhausted, Severity.Blocking,
            "watch: the sequence's next value is at or behind max(source value, highest key) (ahead of the " +
            "lowest when descending): the next value it hands out may already be in use. The watch's exit code " +
            "is 1 while it lasts at the end, whatever --fail-on says.",
            "Run apply now (it sets the sequence past every key and the source), or watch with --re-advance; then " +
            "find out why the margin was not enough.")
        {
            Message =
                "{sequence} has no margin left: its next value {next:N0} is not past max(source, keys) " +
                "{reference:N0} ({left:N0}).",
        },
        new(WatchRunsOutBeforeCutover, Severity.Warning,
            "watch: at the rate the source or the keys consume the margin (a least-squares fit over recent " +
            "rounds), the margin runs out before --cutover-at. With --fail-on low the watch stops with exit " +
            "code 1.",
            "Run apply again (or watch with --re-advance) before the projected time, or raise safetyMargin for the " +
            "sequence.")
        {
            Message =
                "{sequence} runs out of margin at {runsOut}, before the cutover at {cutover}: {left:N0} values " +
                "left, consumed at {rate:0.###} per second.",
        },
    ];

    private static readonly Dictionary<string, FindingDefinition> ByCode = All.ToDictionary(d => d.Code,
        StringComparer.Ordinal);
}
