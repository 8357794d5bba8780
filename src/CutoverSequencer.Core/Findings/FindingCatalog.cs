namespace CutoverSequencer.Core.Findings;

/// <summary>Every finding code the stage emits. Codes are stable: tools and runbooks match on them.</summary>
public static partial class FindingCatalog
{
    public const string SequenceLimitExceeded = "SEQUENCE_LIMIT_EXCEEDED";
    public const string ColumnTypeOverflow = "COLUMN_TYPE_OVERFLOW";
    public const string TableNotFound = "TABLE_NOT_FOUND";
    public const string ColumnNotFound = "COLUMN_NOT_FOUND";
    public const string SequenceNotFound = "SEQUENCE_NOT_FOUND";
    public const string SequenceNotResolved = "SEQUENCE_NOT_RESOLVED";
    public const string KeyColumnNotInteger = "KEY_COLUMN_NOT_INTEGER";
    public const string DirectionMismatch = "DIRECTION_MISMATCH";
    public const string SourceSequenceAmbiguous = "SOURCE_SEQUENCE_AMBIGUOUS";
    public const string NoReferenceValue = "NO_REFERENCE_VALUE";
    public const string SourceSequenceNotFound = "SOURCE_SEQUENCE_NOT_FOUND";
    public const string SourceValueUnusable = "SOURCE_VALUE_UNUSABLE";
    public const string UnmappedSourceSequence = "UNMAPPED_SOURCE_SEQUENCE";
    public const string CycleSequence = "CYCLE_SEQUENCE";
    public const string SequenceCache = "SEQUENCE_CACHE";
    public const string IncrementMismatch = "INCREMENT_MISMATCH";
    public const string HiloKeys = "HILO_KEYS";
    public const string AllocatorUnsupported = "ALLOCATOR_UNSUPPORTED";
    public const string TargetAlreadyAhead = "TARGET_ALREADY_AHEAD";
    public const string EmptyTable = "EMPTY_TABLE";
    public const string SharedSequence = "SHARED_SEQUENCE";
    public const string AdvancementDisabled = "ADVANCEMENT_DISABLED";
    public const string NothingConfigured = "NOTHING_CONFIGURED";
    public const string ApplyFailed = "APPLY_FAILED";
    public const string VerificationFailed = "VERIFICATION_FAILED";
    public const string MarginNotMet = "MARGIN_NOT_MET";
    public const string TriggerSequencePattern = "TRIGGER_SEQUENCE_PATTERN";
    public const string TriggerKeyFromFunction = "TRIGGER_KEY_FROM_FUNCTION";
    public const string PlSqlSequenceUsage = "PLSQL_SEQUENCE_USAGE";
    public const string KeyHeadroomLow = "KEY_HEADROOM_LOW";
    public const string PlanDrift = "PLAN_DRIFT";
    public const string NodeStreamsOverlap = "NODE_STREAMS_OVERLAP";
    public const string NodeSequenceMissing = "NODE_SEQUENCE_MISSING";
    public const string UuidColumn = "UUID_COLUMN";
    public const string DiscoveredMappingUnresolved = "DISCOVERED_MAPPING_UNRESOLVED";
    public const string SourceCatalogFallback = "SOURCE_CATALOG_FALLBACK";
    public const string LogicalReplicationSequences = "LOGICAL_REPLICATION_SEQUENCES";
    public const string InterleaveUnsupported = "INTERLEAVE_UNSUPPORTED";
    public const string MarginBelowObservedRate = "MARGIN_BELOW_OBSERVED_RATE";
    public const string SequencePrivilegeMissing = "SEQUENCE_PRIVILEGE_MISSING";
    public const string OtherSessionsConnected = "OTHER_SESSIONS_CONNECTED";
    public const string EarlierApplyIncomplete = "EARLIER_APPLY_INCOMPLETE";
    public const string MovedDuringApply = "MOVED_DURING_APPLY";
    public const string NoIndexOnKey = "NO_INDEX_ON_KEY";
    public const string KeyNotFinite = "KEY_NOT_FINITE";
    public const string KeyNotNumeric = "KEY_NOT_NUMERIC";
    public const string KeyReadTimeout = "KEY_READ_TIMEOUT";
    public const string TargetInRecovery = "TARGET_IN_RECOVERY";
    public const string SequenceMovedBackwards = "SEQUENCE_MOVED_BACKWARDS";
    public const string SourceMovedBackwards = "SOURCE_MOVED_BACKWARDS";
    public const string WatchMarginLow = "WATCH_MARGIN_LOW";
    public const string WatchMarginExhausted = "WATCH_MARGIN_EXHAUSTED";
    public const string WatchRunsOutBeforeCutover = "WATCH_RUNS_OUT_BEFORE_CUTOVER";

    /// <summary>A finding's message: its code's template (or the named variant) with the arguments.</summary>
    public static string Render(string code, string? variant, IReadOnlyList<FindingArgument> arguments)
    {
        var definition = Get(code);
        var template = variant is null
            ? definition.Message ?? throw new ArgumentException($"{code} has no message template", nameof(code))
            : definition.Variants.TryGetValue(variant, out var chosen)
                ? chosen
                : throw new ArgumentOutOfRangeException(nameof(variant), variant, $"{code} has no such template");
        return FindingTemplate.Render(template, arguments);
    }

    public static FindingDefinition Get(string code) =>
        ByCode.TryGetValue(code, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(code), code, "unknown finding code");
}
