using System.Globalization;
using System.Numerics;
using System.Text;

namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>Which families a generator may plant (CI leaves out the known-failing ones; a replay forces one).</summary>
internal sealed record GeneratorOptions(IReadOnlySet<string> Excluded, string? Forced = null)
{
    public static GeneratorOptions All { get; } = new(new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>
/// Builds a scenario from a seed alone (System.Random(seed)): the same seed gives the same DDL, keys,
/// export files and configuration, so a failure replays exactly.
/// </summary>
internal sealed class ScenarioGenerator
{
    public const string Shared = "shared-sequence";
    public const string SharedCrossSchema = "shared-cross-schema";
    public const string SharedPartlyListed = "shared-partly-listed";
    public const string Descending = "descending";
    public const string Stride = "increment>1";
    public const string MixedCase = "mixed-case-schema";
    public const string Partitioned = "partitioned";
    public const string Unindexed = "unindexed";
    public const string NumericKey = "numeric-key";
    public const string SmallintKey = "smallint-key";
    public const string EntryMargin = "per-entry-margin";
    public const string SequenceOnly = "sequence-only";
    public const string SourceAbove = "source-above-keys";
    public const string SourceBelow = "source-below-keys";
    public const string SourceRename = "source-sequence-renamed";
    public const string IdentitySource = "identity-source";
    public const string IdentitySourceConfigured = "identity-source-configured";
    public const string TargetAhead = "target-ahead";
    public const string OverflowType = "overflow-column-type";
    public const string OverflowMaxValue = "overflow-maxvalue";
    public const string OverflowSource = "overflow-source";
    public const string NaNKey = "numeric-nan";
    public const string EmptyTable = "empty-table";
    public const string IdentityAlways = "identity-always";
    public const string IdentityByDefault = "identity-by-default";
    public const string Serial = "serial";
    public const string Discover = "discover";
    public const string UnmappedSchema = "unmapped-schema";
    public const string SearchPathShadow = "search-path-shadow";

    private static readonly BigInteger OracleMax = BigInteger.Parse("9999999999999999999999999999", CultureInfo.InvariantCulture);

    private readonly Random random;
    private readonly GeneratorOptions options;
    private readonly Scenario scenario;
    private int counter;

    private ScenarioGenerator(int seed, GeneratorOptions options)
    {
        random = new Random(seed);
        this.options = options;
        scenario = new Scenario { Seed = seed };
    }

    public static Scenario Generate(int seed, GeneratorOptions? options = null)
    {
        var generator = new ScenarioGenerator(seed, options ?? GeneratorOptions.All);
        generator.Build();
        return generator.scenario;
    }

    private bool Chance(string family, double p)
    {
        if (options.Excluded.Contains(family))
        {
            return false;
        }
        var yes = options.Forced == family ? random.NextDouble() < Math.Max(p, 0.6) : random.NextDouble() < p;
        if (yes)
        {
            scenario.Families.Add(family);
        }
        return yes;
    }

    private T Pick<T>(params T[] items) => items[random.Next(items.Length)];

    private BigInteger Between(BigInteger low, BigInteger high)
    {
        // inclusive, low <= high; the span stays well within long here
        var span = (long)(high - low);
        return low + random.NextInt64(0, span + 1);
    }

    private static BigInteger TypeMax(string type) => type switch
    {
        "smallint" => short.MaxValue,
        "integer" => int.MaxValue,
        _ => long.MaxValue,
    };

    private static BigInteger TypeMin(string type) => type switch
    {
        "smallint" => short.MinValue,
        "integer" => int.MinValue,
        _ => long.MinValue,
    };

    private void Build()
    {
        scenario.GlobalMargin = Pick(1L, 10L, 100L, 1000L, 10000L);
        scenario.Discover = Chance(Discover, 0.5);
        var useSalesLower = random.NextDouble() < 0.6;
        var useSalesMixed = Chance(MixedCase, 0.5);
        if (useSalesLower && !Chance(UnmappedSchema, 0.3))
        {
            scenario.SchemaMapping["SALES"] = "sales";
        }
        if (useSalesMixed && (!scenario.Families.Contains(UnmappedSchema) || random.NextDouble() < 0.5))
        {
            scenario.SchemaMapping["SALES_MC"] = Scenario.AppSchemaMixed;
        }
        var schemas = new List<string> { "public" };
        if (useSalesLower)
        {
            schemas.Add("sales");
        }
        if (useSalesMixed)
        {
            schemas.Add(Scenario.AppSchemaMixed);
        }

        var groups = random.Next(3, 8);
        for (var g = 0; g < groups; g++)
        {
            BuildGroup(Pick([.. schemas]), schemas);
        }
        if (Chance(SequenceOnly, 0.35))
        {
            BuildSequenceOnly();
        }
        PlantOverflow();
        if (random.NextDouble() < 0.5)
        {
            scenario.ExtraSourceRows.Add(SourceRow("FINANCE", "GHOST_SEQ", 1, Between(1, 100000)));
        }
        EnsureSomethingConfigured();
        scenario.Ddl = BuildDdl(scenario);
        if (Chance(SearchPathShadow, 0.08))
        {
            // The database's search_path puts public before pg_catalog (an application's setting), and
            // public holds objects named like catalogs: only schema-qualified catalog names stay correct.
            scenario.Ddl += string.Join('\n',
                "CREATE TABLE public.pg_sequence (LIKE pg_catalog.pg_sequence);",
                "CREATE TABLE public.pg_depend (LIKE pg_catalog.pg_depend);",
                "CREATE TABLE public.pg_attrdef (LIKE pg_catalog.pg_attrdef);",
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = \"$user\", public, pg_catalog', current_database()); END $$;",
                "");
        }
    }

    private string NextName(string prefix, string schema) =>
        schema == Scenario.AppSchemaMixed
            ? $"{char.ToUpperInvariant(prefix[0])}{prefix[1..]}{++counter}"
            : $"{prefix}{++counter}";

    private void BuildGroup(string schema, List<string> schemas)
    {
        var kind = random.Next(10) switch
        {
            < 5 => FeedKind.Explicit,
            < 7 => FeedKind.Serial,
            < 9 => FeedKind.IdentityByDefault,
            _ => FeedKind.IdentityAlways,
        };
        if (kind == FeedKind.Serial && !Chance(Serial, 1))
        {
            kind = FeedKind.Explicit;
        }
        if (kind == FeedKind.IdentityByDefault && !Chance(IdentityByDefault, 1))
        {
            kind = FeedKind.Explicit;
        }
        if (kind == FeedKind.IdentityAlways && !Chance(IdentityAlways, 1))
        {
            kind = FeedKind.Explicit;
        }
        var mixed = schema == Scenario.AppSchemaMixed;
        var tableName = NextName(mixed ? "order" : "t", schema);
        var column = mixed ? "OrderId" : Pick("id", "key_id", "no");
        SequenceSpec sequence;
        string keyType;
        switch (kind)
        {
            case FeedKind.Serial:
            {
                keyType = Pick("smallint", "integer", "integer", "bigint");
                if (keyType == "smallint")
                {
                    scenario.Families.Add(SmallintKey);
                }
                sequence = new SequenceSpec
                {
                    Schema = schema, Name = $"{tableName}_{column}_seq", Kind = kind, Increment = 1, Start = 1, Min = 1, Max = TypeMax(keyType), Type = keyType,
                };
                break;
            }
            case FeedKind.IdentityByDefault or FeedKind.IdentityAlways:
            {
                keyType = Pick("smallint", "integer", "bigint", "bigint");
                if (keyType == "smallint")
                {
                    scenario.Families.Add(SmallintKey);
                }
                var increment = Chance(Descending, 0.2) ? -Pick(1L, 1L, 3L) : Chance(Stride, 0.2) ? Pick(2L, 5L, 50L) : 1L;
                var (min, max) = increment > 0 ? (BigInteger.One, TypeMax(keyType)) : (TypeMin(keyType), BigInteger.MinusOne);
                var start = increment > 0 ? Between(1, 10) : -Between(1, 10);
                sequence = new SequenceSpec
                {
                    Schema = schema, Name = $"{tableName}_{column}_seq", Kind = kind, Increment = increment, Start = start, Min = min, Max = max, Type = keyType,
                };
                break;
            }
            default:
            {
                keyType = random.Next(10) switch
                {
                    < 2 => "integer",
                    < 3 => Chance(SmallintKey, 1) ? "smallint" : "integer",
                    < 5 => Chance(NumericKey, 1) ? "numeric" : "bigint",
                    _ => "bigint",
                };
                var increment = Chance(Descending, 0.25) ? -Pick(1L, 5L, 2L) : Chance(Stride, 0.3) ? Pick(2L, 5L, 50L) : 1L;
                var seqType = random.NextDouble() < 0.7 ? "bigint" : Pick("integer", "bigint");
                var (min, max) = increment > 0 ? (BigInteger.One, TypeMax(seqType)) : (TypeMin(seqType), BigInteger.MinusOne);
                var start = increment > 0 ? Between(1, Math.Abs(increment) + 3) : -Between(1, Math.Abs(increment) + 3);
                sequence = new SequenceSpec
                {
                    Schema = schema, Name = NextName(mixed ? "seq_" : "q", schema), Kind = kind, Increment = increment, Start = start, Min = min, Max = max, Type = seqType,
                };
                break;
            }
        }
        scenario.Sequences.Add(sequence);
        AddTable(sequence, schema, tableName, column, keyType, kind == FeedKind.Explicit);

        if (kind == FeedKind.Explicit && Chance(Shared, 0.35))
        {
            var extra = random.Next(1, 3);
            for (var i = 0; i < extra; i++)
            {
                var otherSchema = schemas.Count > 1 && Chance(SharedCrossSchema, 0.5) ? Pick(schemas.Where(s => s != schema).ToArray()) : schema;
                var otherMixed = otherSchema == Scenario.AppSchemaMixed;
                var otherType = sequence.Descending ? Pick("bigint", "integer") : Pick("bigint", "integer", keyType);
                AddTable(sequence, otherSchema, NextName(otherMixed ? "line" : "t", otherSchema), otherMixed ? "LineId" : "id", otherType, true);
            }
        }

        AssignSource(sequence);
        if (Chance(TargetAhead, 0.1))
        {
            var extreme = Extreme(sequence);
            var ahead = sequence.Descending ? extreme - 100000 : extreme + 100000;
            var typeLimit = sequence.Tables.Select(t => TypeMax(t.KeyType)).Min();
            if (ahead >= sequence.Min && ahead <= sequence.Max && BigInteger.Abs(ahead) < typeLimit / 2)
            {
                sequence.PresetLastValue = ahead;
            }
        }
        Configure(sequence);
    }

    private void AddTable(SequenceSpec sequence, string schema, string name, string column, string keyType, bool mayPartition)
    {
        var partitioned = mayPartition && !sequence.Descending && Chance(Partitioned, 0.15);
        var indexed = partitioned || !Chance(Unindexed, 0.25);
        var table = new TableSpec
        {
            Schema = schema, Name = name, Column = column, KeyType = keyType, Sequence = sequence, Partitioned = partitioned, Indexed = indexed,
        };
        sequence.Tables.Add(table);
        if (Chance(EmptyTable, 0.08))
        {
            return;
        }
        var typeMax = BigInteger.Min(TypeMax(keyType), sequence.Descending ? -sequence.Min : sequence.Max);
        var scale = (BigInteger)Pick(10L, 1000L, 100000L, 10000000L, 5000000000L);
        if (scale > typeMax / 2)
        {
            scale = keyType == "smallint" ? 5000 : typeMax / 2;
        }
        var count = random.Next(1, 16);
        var keys = new SortedSet<BigInteger>();
        for (var i = 0; i < count; i++)
        {
            keys.Add(Between(1, scale));
        }
        if (random.NextDouble() < 0.5)
        {
            keys.Add(scale);
        }
        foreach (var key in keys)
        {
            table.Keys.Add(sequence.Descending ? -key : key);
        }
        if (keyType == "numeric" && Chance(NaNKey, 0.15))
        {
            // The edge the key read sees (Infinity above, -Infinity below), or NaN (sorts above every number).
            table.NonFinite = sequence.Descending ? Pick("-Infinity", "NaN") : Pick("NaN", "Infinity");
        }
    }

    private static BigInteger Extreme(SequenceSpec sequence)
    {
        var keys = sequence.Tables.SelectMany(t => t.Keys).ToList();
        BigInteger? reference = keys.Count == 0 ? null : sequence.Descending ? keys.Min() : keys.Max();
        if (sequence.SourceValue is { } source)
        {
            reference = reference is { } r ? (sequence.Descending ? BigInteger.Min(r, source) : BigInteger.Max(r, source)) : source;
        }
        return reference ?? sequence.Start;
    }

    private static string OwnerOf(string schema) => schema switch
    {
        "public" => "FINANCE",
        "sales" => "SALES",
        _ => "SALES_MC",
    };

    private static string OracleName(string targetName) => targetName == targetName.ToLowerInvariant() ? targetName.ToUpperInvariant() : targetName;

    private void AssignSource(SequenceSpec sequence)
    {
        if (random.NextDouble() < 0.2)
        {
            return;
        }
        var keys = sequence.Tables.SelectMany(t => t.Keys).Select(BigInteger.Abs).ToList();
        var extreme = keys.Count == 0 ? Between(1, 100000) : keys.Max();
        var limit = BigInteger.Min(sequence.Descending ? -sequence.Min : sequence.Max, sequence.Tables.Select(t => TypeMax(t.KeyType)).Min());
        BigInteger value;
        if (Chance(SourceAbove, 0.5))
        {
            value = extreme + Between(0, BigInteger.Max(1, BigInteger.Min(extreme, 50000)));
        }
        else
        {
            scenario.Families.Add(SourceBelow);
            value = BigInteger.Max(1, extreme - Between(0, BigInteger.Max(1, extreme / 2)));
        }
        if (value > limit / 2)
        {
            value = BigInteger.Max(1, limit / 2);
        }
        sequence.SourceValue = sequence.Descending ? -value : value;

        var mapped = scenario.SchemaMapping.ContainsValue(sequence.Schema) || sequence.Schema == "public";
        var identity = sequence.Kind is FeedKind.IdentityByDefault or FeedKind.IdentityAlways;
        if (identity && mapped && sequence.Schema != Scenario.AppSchemaMixed && Chance(IdentitySource, 0.6))
        {
            sequence.Link = SourceLink.ByIdentityColumn;
            sequence.SourceOwner = OwnerOf(sequence.Schema);
            sequence.SourceName = $"ISEQ$$_{70000 + ++counter}";
            return;
        }
        if (!mapped || Chance(SourceRename, 0.2))
        {
            // Reachable only through sourceSequence on a configured entry.
            scenario.Families.Add(SourceRename);
            sequence.Link = SourceLink.BySourceSequence;
            sequence.SourceOwner = Pick("LEGACY", "OPS");
            sequence.SourceName = $"OLD_{++counter}_SEQ";
            return;
        }
        sequence.Link = SourceLink.ByName;
        sequence.SourceOwner = OwnerOf(sequence.Schema);
        sequence.SourceName = OracleName(sequence.Name);
    }

    private void Configure(SequenceSpec sequence)
    {
        var discovered = scenario.Discover;
        foreach (var table in sequence.Tables)
        {
            var inDiscovery = discovered && scenario.DiscoveredSchemas.Contains(table.Schema);
            var configure = inDiscovery ? random.NextDouble() < 0.35 : random.NextDouble() < 0.85;
            if (sequence.Link == SourceLink.BySourceSequence && table == sequence.Tables[0])
            {
                configure = true;
            }
            if (sequence.Link == SourceLink.ByIdentityColumn)
            {
                configure = Chance(IdentitySourceConfigured, 0.5);
            }
            if (!configure && sequence.Tables.Count > 1 && !inDiscovery)
            {
                if (options.Excluded.Contains(SharedPartlyListed))
                {
                    configure = true;
                }
                else
                {
                    scenario.Families.Add(SharedPartlyListed);
                }
            }
            table.Configured = configure;
            if (!configure)
            {
                continue;
            }
            table.ConfigNamesSequence = random.NextDouble() < 0.5;
            if (Chance(EntryMargin, 0.3))
            {
                table.EntryMargin = table.KeyType == "smallint" ? Pick(1L, 50L, 500L) : Pick(1L, 50L, 5000L, 50000L);
            }
            if (sequence.Link == SourceLink.BySourceSequence && table == sequence.Tables[0])
            {
                table.EntrySourceSequence = $"{sequence.SourceOwner}.{sequence.SourceName}";
            }
        }
    }

    private void BuildSequenceOnly()
    {
        var ascending = random.NextDouble() < 0.8;
        var increment = ascending ? Pick(1L, 1L, 10L) : -1L;
        var sequence = new SequenceSpec
        {
            Schema = "public", Name = NextName("order_number_seq", "public"), Kind = FeedKind.Explicit, Increment = increment,
            Start = ascending ? 1 : -1, Min = ascending ? 1 : long.MinValue, Max = ascending ? long.MaxValue : -1, Type = "bigint",
            SequenceOnlyEntry = true,
        };
        var value = Between(1, 5000000);
        sequence.SourceValue = ascending ? value : -value;
        if (Chance(SourceRename, 0.3))
        {
            sequence.Link = SourceLink.BySourceSequence;
            sequence.SourceOwner = "LEGACY";
            sequence.SourceName = $"ORDNO_{++counter}";
        }
        else
        {
            sequence.Link = SourceLink.ByName;
            sequence.SourceOwner = "FINANCE";
            sequence.SourceName = OracleName(sequence.Name);
        }
        if (Chance(EntryMargin, 0.3))
        {
            sequence.SequenceOnlyMargin = Pick(1L, 777L, 50000L);
        }
        scenario.Sequences.Add(sequence);
    }

    /// <summary>Keys, limits or source values the plan must exceed: the run must then block.</summary>
    private void PlantOverflow()
    {
        var roll = random.NextDouble();
        if (roll < 0.08 && !options.Excluded.Contains(OverflowType))
        {
            // A smallint or integer key near its type's end.
            scenario.Families.Add(OverflowType);
            var type = Pick("smallint", "integer");
            var sequence = new SequenceSpec
            {
                Schema = "public", Name = NextName("q", "public"), Kind = FeedKind.Explicit, Increment = 1, Start = 1, Min = 1, Max = long.MaxValue, Type = "bigint",
            };
            scenario.Sequences.Add(sequence);
            var table = new TableSpec { Schema = "public", Name = NextName("t", "public"), Column = "id", KeyType = type, Sequence = sequence, Indexed = true };
            sequence.Tables.Add(table);
            table.Keys.Add(TypeMax(type) - Between(0, scenario.GlobalMargin / 2));
            table.Keys.Add(Between(1, 1000));
            Configure(sequence);
            table.Configured = table.Configured || !scenario.Discover;
        }
        else if (roll < 0.16 && !options.Excluded.Contains(OverflowMaxValue))
        {
            // A sequence MAXVALUE (MINVALUE when descending) the plan must pass.
            scenario.Families.Add(OverflowMaxValue);
            var descending = random.NextDouble() < 0.3;
            var limit = Between(1000, 1000000);
            var sequence = new SequenceSpec
            {
                Schema = "public", Name = NextName("q", "public"), Kind = FeedKind.Explicit, Increment = descending ? -1 : 1, Start = descending ? -1 : 1,
                Min = descending ? -limit : 1, Max = descending ? -1 : limit, Type = "bigint",
            };
            scenario.Sequences.Add(sequence);
            var table = new TableSpec { Schema = "public", Name = NextName("t", "public"), Column = "id", KeyType = "bigint", Sequence = sequence, Indexed = true };
            sequence.Tables.Add(table);
            var near = limit - Between(0, scenario.GlobalMargin / 2);
            table.Keys.Add(descending ? -near : near);
            Configure(sequence);
            table.Configured = table.Configured || !scenario.Discover;
        }
        else if (roll < 0.22 && !options.Excluded.Contains(OverflowSource))
        {
            // The source value alone is past what the integer column can hold.
            scenario.Families.Add(OverflowSource);
            var sequence = new SequenceSpec
            {
                Schema = "public", Name = NextName("q", "public"), Kind = FeedKind.Explicit, Increment = 1, Start = 1, Min = 1, Max = long.MaxValue, Type = "bigint",
                SourceValue = (BigInteger)int.MaxValue + Between(-5, 100000), Link = SourceLink.ByName,
            };
            sequence.SourceOwner = "FINANCE";
            sequence.SourceName = OracleName(sequence.Name);
            scenario.Sequences.Add(sequence);
            var table = new TableSpec { Schema = "public", Name = NextName("t", "public"), Column = "id", KeyType = "integer", Sequence = sequence, Indexed = true };
            sequence.Tables.Add(table);
            table.Keys.Add(Between(1, 100000));
            table.Configured = true;
        }
    }

    private void EnsureSomethingConfigured()
    {
        if (scenario.Discover || scenario.Tables.Any(t => t.Configured) || scenario.Sequences.Any(s => s.SequenceOnlyEntry))
        {
            return;
        }
        var first = scenario.Tables.First();
        first.Configured = true;
    }

    public static string SourceRow(string owner, string name, long increment, BigInteger last)
    {
        var (min, max) = increment > 0 ? ("1", Scenario.Num(OracleMax)) : ("-" + Scenario.Num(OracleMax / 10), "-1");
        return $"\"{owner}\",\"{name}\",{min},{max},{increment.ToString(CultureInfo.InvariantCulture)},\"N\",\"N\",20,{Scenario.Num(last)},\"N\",\"N\"";
    }

    public static string BuildDdl(Scenario scenario)
    {
        var sql = new StringBuilder();
        foreach (var schema in scenario.Tables.Select(t => t.Schema).Concat(scenario.Sequences.Select(s => s.Schema)).Distinct(StringComparer.Ordinal).Where(s => s != "public"))
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE SCHEMA {Scenario.Quote(schema)};");
        }
        foreach (var sequence in scenario.Sequences)
        {
            if (sequence.Kind == FeedKind.Explicit)
            {
                sql.AppendLine(CultureInfo.InvariantCulture,
                    $"CREATE SEQUENCE {sequence.Sql} AS {sequence.Type} INCREMENT BY {sequence.Increment} MINVALUE {Scenario.Num(sequence.Min)} MAXVALUE {Scenario.Num(sequence.Max)} START WITH {Scenario.Num(sequence.Start)};");
            }
            foreach (var table in sequence.Tables)
            {
                var pk = table.Indexed ? " PRIMARY KEY" : "";
                var column = sequence.Kind switch
                {
                    FeedKind.Serial => table.KeyType switch { "smallint" => "smallserial", "integer" => "serial", _ => "bigserial" },
                    FeedKind.IdentityByDefault or FeedKind.IdentityAlways =>
                        $"{table.KeyType} GENERATED {(sequence.Kind == FeedKind.IdentityAlways ? "ALWAYS" : "BY DEFAULT")} AS IDENTITY (INCREMENT BY {sequence.Increment} MINVALUE {Scenario.Num(sequence.Min)} MAXVALUE {Scenario.Num(sequence.Max)} START WITH {Scenario.Num(sequence.Start)})",
                    _ => $"{table.KeyType} DEFAULT nextval('{sequence.Sql.Replace("'", "''", StringComparison.Ordinal)}'::regclass)",
                };
                sql.AppendLine(CultureInfo.InvariantCulture,
                    $"CREATE TABLE {table.Sql} ({table.ColumnSql} {column}{pk}, payload text){(table.Partitioned ? $" PARTITION BY RANGE ({table.ColumnSql})" : "")};");
                if (table.Partitioned)
                {
                    var split = table.Keys.Count > 0 ? table.Keys[table.Keys.Count / 2] : 100;
                    sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE {Scenario.Quote(table.Schema)}.{Scenario.Quote(table.Name + "_p1")} PARTITION OF {table.Sql} FOR VALUES FROM (MINVALUE) TO ({Scenario.Num(split)});");
                    sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE {Scenario.Quote(table.Schema)}.{Scenario.Quote(table.Name + "_p2")} PARTITION OF {table.Sql} DEFAULT;");
                }
                var values = table.Keys.Select(k => $"({Scenario.Num(k)})").ToList();
                if (table.NonFinite is { } nonFinite)
                {
                    values.Add($"('{nonFinite}')");
                }
                if (values.Count > 0)
                {
                    var overriding = sequence.Kind == FeedKind.IdentityAlways ? " OVERRIDING SYSTEM VALUE" : "";
                    sql.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO {table.Sql} ({table.ColumnSql}){overriding} VALUES {string.Join(", ", values)};");
                }
            }
            if (sequence.PresetLastValue is { } preset)
            {
                sql.AppendLine(CultureInfo.InvariantCulture, $"SELECT setval('{sequence.Sql.Replace("'", "''", StringComparison.Ordinal)}', {Scenario.Num(preset)}, true);");
            }
        }
        sql.AppendLine("ANALYZE;");
        return sql.ToString();
    }
}
