using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CardActors.Api.Idempotency;
using CardActors.Grains.Cards;
using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CardActors.Grains.Tests;

/// <summary>
/// Stored state leaves out what would read back the same when missing, nulls and empty lists
/// (<see cref="OmitNullsAttribute"/>, and the wire contracts the domain names in
/// <see cref="JsonGrainStorageSerializerOptions.OmitNullsOf"/>): every stored type, checked by
/// reflection, and real card rows. Rows written whole, as before, still load.
/// </summary>
public sealed class StoredNullsTests(ITestOutputHelper output) : DomainTest
{
    private JsonSerializerOptions? _whole;
    private JsonSerializerOptions? _cardNullsOnly;
    private JsonSerializerOptions? _escaped;

    private JsonGrainStorageSerializer Serializer => Silo.Services.GetRequiredService<JsonGrainStorageSerializer>();

    /// <summary>The grain storage's options without the modifier, with the default escapes: the serializer of the rows stored before the card's nulls were left out.</summary>
    private JsonSerializerOptions WholeOptions => _whole ??= new JsonSerializerOptions(Serializer.JsonOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), Encoder = JavaScriptEncoder.Default };

    /// <summary>For the sizes printed: the grain storage's options with the default escapes.</summary>
    private JsonSerializerOptions EscapedOptions => _escaped ??= new JsonSerializerOptions(Serializer.JsonOptions) { Encoder = JavaScriptEncoder.Default };

    /// <summary>For the sizes printed: the serializer as it was before nested types and empty lists were left out (only the card's own nulls), with the default escapes.</summary>
    private JsonSerializerOptions CardNullsOnlyOptions => _cardNullsOnly ??= new JsonSerializerOptions(Serializer.JsonOptions)
    {
        Encoder = JavaScriptEncoder.Default,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static type =>
                {
                    foreach (var property in type.Properties.Where(p => type.Type == typeof(CardRecord) && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)))
                    {
                        property.ShouldSerialize = static (_, value) => value is not null;
                    }
                },
            },
        },
    };

    [Fact]
    public void Every_stored_property_that_can_be_null_starts_as_null_and_what_reads_back_the_same_is_left_out()
    {
        var stored = StoredObjectTypes(Serializer.JsonOptions, StateTypesOf(typeof(CardRecord).Assembly, typeof(IdempotencyState).Assembly));

        Assert.Contains(stored, t => t.Type == typeof(IdempotencyState));
        Assert.Contains(stored, t => t.Type == typeof(GrainEffect));
        Assert.Contains(stored, t => t.Type == typeof(ProductionJob));
        Assert.Empty(Findings(stored, Serializer.JsonOptions));

        // The check fails for a type that breaks the rule, by an initializer or a parameter default, and for one not marked.
        Assert.Equal(
            ["WithInitializer.note starts as none", "WithDefault.note starts as none", "Unmarked.note is written as null", "Unmarked.tags is written as []"],
            Findings(StoredObjectTypes(Serializer.JsonOptions, [typeof(WithInitializer), typeof(WithDefault), typeof(Unmarked)]), Serializer.JsonOptions));
    }

    /// <summary>The row of a requested card as it is between its write and its drain (a crash there); written whole, as stored before, it loads and drains after a restart.</summary>
    [Fact]
    public async Task A_requested_card_row_with_its_first_outbox_entry_leaves_out_nulls_and_empty_lists_and_the_row_written_whole_still_loads_and_drains()
    {
        var user = await Scenario.UserAsync();
        var id = Scenario.NewId();
        Operators.Act(Scenario.Requester);
        Silo.Faults.CrashAfterStateWrite(id);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));

        var row = ReadCardRow(id);
        var card = AssertRoundTrips(row, "a requested card with its first outbox entry");
        var entry = Assert.Single(card.Outbox);
        Assert.NotNull(entry.Audit);
        Assert.NotNull(entry.Card);
        Assert.Contains(entry.Effects!, e => e.Kind == EffectKind.ReportCardToUser);

        WriteCardRow(id, Whole(row));
        await Silo.RestartAsync();
        await Silo.Services.GetRequiredService<OutboxSweeper>().FirstSweep;

        Assert.Equal(CardState.Approved, (await Scenario.Card(id).GetAsync()).State);
        Assert.Equal(CardState.Approved, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: id))).Items.Single().State);
        Assert.Equal(1, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Total);

        // The drain delivered only a report, so it wrote nothing (OutboxCommitter): the card's next write stores it without nulls and without the drained entry.
        var issuing = await Scenario.Card(id).IssueAsync(new IssueCardCommand());
        Assert.Equal([issuing.Version], AssertRoundTrips(ReadCardRow(id), "the requested card at its next write").Outbox.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_produced_card_row_leaves_out_nulls_and_empty_lists_and_the_row_written_whole_still_loads()
    {
        var produced = await Scenario.PermanentInAsync(CardState.Active);

        var row = ReadCardRow(produced.Id);
        var card = AssertRoundTrips(row, "an active card with its done job");
        Assert.Equal(ProductionJobStatus.Done, Assert.Single(card.Jobs).Job.Status);

        WriteCardRow(produced.Id, Whole(row));
        await Silo.RestartAsync();

        var loaded = await Scenario.Card(produced.Id).GetAsync();
        Assert.Equal(JsonSerializer.Serialize(produced), JsonSerializer.Serialize(loaded));
    }

    /// <summary>Asserts that the row holds no null and reads back as written, also when written whole; prints its size and the whole row's.</summary>
    private CardRecord AssertRoundTrips(BinaryData row, string what)
    {
        output.WriteLine(
            $"Stored row of {what}: {row.ToMemory().Length} B; with the default escapes {Rewritten(row, EscapedOptions).ToMemory().Length} B; as written before " +
            $"(the card's own nulls left out) {Rewritten(row, CardNullsOnlyOptions).ToMemory().Length} B; whole {Whole(row).ToMemory().Length} B.");
        Assert.Empty(NullsIn(JsonNode.Parse(row.ToMemory().Span), "$"));
        var card = Serializer.Deserialize<CardRecord>(row)!;
        Assert.Equal(row.ToString(), Serializer.Serialize(card).ToString());
        Assert.Equal(row.ToString(), Serializer.Serialize(Serializer.Deserialize<CardRecord>(Whole(row))).ToString());
        return card;
    }

    /// <summary>The row with every null and empty list written, as rows were stored before.</summary>
    private BinaryData Whole(BinaryData row) => Rewritten(row, WholeOptions);

    /// <summary>The row's state written again with <paramref name="options"/>, in the envelope the serializer writes.</summary>
    private BinaryData Rewritten(BinaryData row, JsonSerializerOptions options)
    {
        var version = (int)JsonNode.Parse(row.ToMemory().Span)!["v"]!;
        return BinaryData.FromString($$"""{"v":{{version}},"state":{{JsonSerializer.Serialize(Serializer.Deserialize<CardRecord>(row), options)}}}""");
    }

    private BinaryData ReadCardRow(string id)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT payload FROM cardactors_grain_state WHERE grain_type = 'card' AND state_name = 'card' AND grain_key = $id";
        command.Parameters.AddWithValue("$id", id);
        return BinaryData.FromBytes((byte[])command.ExecuteScalar()!);
    }

    private void WriteCardRow(string id, BinaryData row)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "UPDATE cardactors_grain_state SET payload = $payload WHERE grain_type = 'card' AND state_name = 'card' AND grain_key = $id";
        command.Parameters.AddWithValue("$payload", row.ToArray());
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static IEnumerable<string> NullsIn(JsonNode? node, string path) => node switch
    {
        null => [path],
        JsonObject o => o.SelectMany(p => NullsIn(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((e, i) => NullsIn(e, $"{path}[{i}]")),
        _ => [],
    };

    /// <summary>The state types of the grains of <paramref name="assemblies"/>: what their <c>[PersistentState]</c> parameters hold.</summary>
    private static IEnumerable<Type> StateTypesOf(params Assembly[] assemblies)
        => assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null)
            .Select(p => p.ParameterType.GetGenericArguments().Single())
            .Distinct();

    /// <summary>Every object type the JSON of <paramref name="roots"/> can hold, as the serializer writes it.</summary>
    private static List<JsonTypeInfo> StoredObjectTypes(JsonSerializerOptions options, IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var objects = new List<JsonTypeInfo>();
        var next = new Queue<Type>(roots);
        while (next.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var info = options.GetTypeInfo(type);
            IEnumerable<Type> nested = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.Where(p => p.Get is not null).Select(p => p.PropertyType),
                JsonTypeInfoKind.Enumerable => [info.ElementType!],
                JsonTypeInfoKind.Dictionary => [info.KeyType!, info.ElementType!],
                _ => [],
            };
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                objects.Add(info);
            }

            foreach (var t in nested)
            {
                next.Enqueue(t);
            }
        }

        return objects;
    }

    /// <summary>
    /// What breaks the rule of <see cref="OmitNullsAttribute"/> or costs bytes for nothing: a property
    /// declared nullable that reads back as something else when missing (its initializer or parameter
    /// default); a property left out that would read back as something else; a null or an empty
    /// collection written although it would read back the same when left out.
    /// </summary>
    private static List<string> Findings(IEnumerable<JsonTypeInfo> types, JsonSerializerOptions options)
    {
        var findings = new List<string>();
        foreach (var type in types)
        {
            var fromNothing = JsonSerializer.Deserialize("{}", type.Type, options)!;
            foreach (var property in type.Properties.Where(p => p.Get is not null && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)))
            {
                var name = $"{type.Type.Name}.{property.Name}";
                var missing = property.Get!(fromNothing);
                if (property.IsGetNullable && missing is not null && missing is not ICollection { Count: 0 })
                {
                    findings.Add($"{name} starts as {missing}");
                }

                foreach (var value in EmptyValues(property, options))
                {
                    var leftOut = property.ShouldSerialize is { } write && !write(fromNothing, value);
                    var same = value is null ? missing is null : missing is ICollection { Count: 0 };
                    if (leftOut != same)
                    {
                        findings.Add($"{name} is {(leftOut ? "left out" : "written")} as {JsonSerializer.Serialize(value, options)}{(leftOut ? $" and reads back as {JsonSerializer.Serialize(missing, options)}" : "")}");
                    }
                }
            }
        }

        return findings;
    }

    /// <summary>The values a property may hold that carry nothing: null, when it is declared nullable, and an empty collection.</summary>
    private static IEnumerable<object?> EmptyValues(JsonPropertyInfo property, JsonSerializerOptions options)
    {
        if (property.IsGetNullable)
        {
            yield return null;
        }

        var kind = options.GetTypeInfo(property.PropertyType).Kind;
        if (kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            yield return JsonSerializer.Deserialize(kind == JsonTypeInfoKind.Enumerable ? "[]" : "{}", property.PropertyType, options);
        }
    }

    [OmitNulls]
    private sealed record WithInitializer
    {
        public string? Note { get; init; } = "none";

        public string? Other { get; init; }
    }

    [OmitNulls]
    private sealed record WithDefault(string? Other, string? Note = "none");

    private sealed record Unmarked
    {
        public string? Note { get; init; }

        public IReadOnlyList<string> Tags { get; init; } = [];
    }
}
