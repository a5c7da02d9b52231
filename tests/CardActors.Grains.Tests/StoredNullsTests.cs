using System.Reflection;
using System.Text;
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
/// Stored state leaves out its null properties (<see cref="OmitNullsAttribute"/>, and the wire
/// contracts the domain names in <see cref="JsonGrainStorageSerializerOptions.OmitNullsOf"/>): every
/// property left out reads back as the null it was, and rows written with their nulls still load.
/// </summary>
public sealed class StoredNullsTests(ITestOutputHelper output) : DomainTest
{
    private JsonSerializerOptions? _everything;

    private JsonGrainStorageSerializer Serializer => Silo.Services.GetRequiredService<JsonGrainStorageSerializer>();

    /// <summary>The grain storage's options without the modifier: a serializer that leaves out no null, as rows were stored before.</summary>
    private JsonSerializerOptions Everything => _everything ??= new JsonSerializerOptions(Serializer.JsonOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void Every_property_a_stored_type_leaves_out_reads_back_as_null_and_none_is_written_as_null()
    {
        var stored = StoredObjectTypes(Serializer.JsonOptions, StateTypesOf(typeof(CardRecord).Assembly, typeof(IdempotencyState).Assembly));

        Assert.Contains(stored, t => t.Type == typeof(IdempotencyState));
        Assert.Contains(stored, t => t.Type == typeof(GrainEffect));
        Assert.Contains(stored, t => t.Type == typeof(ProductionJob));
        Assert.Empty(LeftOutButNotNullWhenRead(stored, Serializer.JsonOptions));
        Assert.Empty(stored.SelectMany(t => t.Properties.Where(p => p.ShouldSerialize is null && CanBeNull(p)).Select(p => $"{t.Type.Name}.{p.Name}")));

        // The check fails for a type that breaks the rule, an initializer and a parameter default alike.
        Assert.Equal(
            ["WithInitializer.note", "WithDefault.note"],
            LeftOutButNotNullWhenRead(StoredObjectTypes(Serializer.JsonOptions, [typeof(WithInitializer), typeof(WithDefault)]), Serializer.JsonOptions));
    }

    /// <summary>The row of a requested card as it is between its write and its drain (a crash there), and after a restart with its nulls written, as stored before.</summary>
    [Fact]
    public async Task A_requested_card_row_with_its_first_outbox_entry_leaves_out_nulls_and_its_row_with_nulls_still_loads_and_drains()
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

        WriteCardRow(id, WithNulls(row));
        await Silo.RestartAsync();
        await Silo.Services.GetRequiredService<OutboxSweeper>().FirstSweep;

        Assert.Equal(CardState.Approved, (await Scenario.Card(id).GetAsync()).State);
        Assert.Equal(CardState.Approved, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: id))).Items.Single().State);
        Assert.Equal(1, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Total);
        Assert.Empty(Serializer.Deserialize<CardRecord>(ReadCardRow(id))!.Outbox);
    }

    [Fact]
    public async Task A_produced_card_row_leaves_out_nulls_and_its_row_with_nulls_still_loads()
    {
        var produced = await Scenario.PermanentInAsync(CardState.Active);

        var row = ReadCardRow(produced.Id);
        var card = AssertRoundTrips(row, "an active card with its done job");
        Assert.Equal(ProductionJobStatus.Done, Assert.Single(card.Jobs).Job.Status);

        WriteCardRow(produced.Id, WithNulls(row));
        await Silo.RestartAsync();

        var loaded = await Scenario.Card(produced.Id).GetAsync();
        Assert.Equal(JsonSerializer.Serialize(produced), JsonSerializer.Serialize(loaded));
    }

    /// <summary>Asserts that the row holds no null and reads back as it was written; prints its size against the same state with every null written.</summary>
    private CardRecord AssertRoundTrips(BinaryData row, string what)
    {
        output.WriteLine($"Stored row of {what}: {row.ToMemory().Length} B; with every null written: {WithNulls(row).ToMemory().Length} B.");
        Assert.Empty(NullsIn(JsonNode.Parse(row.ToMemory().Span), "$"));
        var card = Serializer.Deserialize<CardRecord>(row)!;
        Assert.Equal(row.ToString(), Serializer.Serialize(card).ToString());
        Assert.Equal(row.ToString(), Serializer.Serialize(Serializer.Deserialize<CardRecord>(WithNulls(row))).ToString());
        return card;
    }

    /// <summary>The row with every null written, as rows were stored before.</summary>
    private BinaryData WithNulls(BinaryData row)
    {
        var envelope = JsonNode.Parse(row.ToMemory().Span)!.AsObject();
        envelope["state"] = JsonSerializer.SerializeToNode(Serializer.Deserialize<CardRecord>(row), Everything);
        return BinaryData.FromString(envelope.ToJsonString());
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

    /// <summary>The properties left out when null that read back as something else when missing: what the type starts with.</summary>
    private static List<string> LeftOutButNotNullWhenRead(IEnumerable<JsonTypeInfo> types, JsonSerializerOptions options)
        => [.. types.SelectMany(t =>
        {
            var empty = JsonSerializer.Deserialize("{}", t.Type, options)!;
            return t.Properties.Where(p => p.ShouldSerialize is not null && CanBeNull(p) && p.Get!(empty) is not null).Select(p => $"{t.Type.Name}.{p.Name}");
        })];

    /// <summary>Whether the property is written ([JsonIgnore] leaves it in the contract without a getter) and declared nullable.</summary>
    private static bool CanBeNull(JsonPropertyInfo property)
        => property.Get is not null && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null) && property.IsGetNullable;

    [OmitNulls]
    private sealed record WithInitializer
    {
        public string? Note { get; init; } = "none";

        public string? Other { get; init; }
    }

    [OmitNulls]
    private sealed record WithDefault(string? Other, string? Note = "none");
}
