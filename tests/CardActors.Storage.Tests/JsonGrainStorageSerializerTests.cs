using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CardActors.Storage.Serialization;

namespace CardActors.Storage.Tests;

public sealed class JsonGrainStorageSerializerTests
{
    [Fact]
    public void State_is_written_in_a_versioned_envelope_with_web_names_and_no_type_names()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions());

        var json = Encoding.UTF8.GetString(serializer.Serialize(new ProfileV2 { FullName = "Ada", Email = "ada@example.org" }).ToArray());

        Assert.Equal("""{"v":2,"state":{"fullName":"Ada","email":"ada@example.org"}}""", json);
    }

    [Fact]
    public void Strings_carry_only_the_escapes_JSON_needs_and_read_back_the_same()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions());
        var profile = new ProfileV2 { FullName = "Zoë \"Z\" <b>", Email = "a+b/c==" };

        var json = Encoding.UTF8.GetString(serializer.Serialize(profile).ToArray());

        Assert.Equal("""{"v":2,"state":{"fullName":"Zoë \"Z\" <b>","email":"a+b/c=="}}""", json);
        Assert.Equal(profile, serializer.Deserialize<ProfileV2>(serializer.Serialize(profile)));
        Assert.Equal(profile, serializer.Deserialize<ProfileV2>(BinaryData.FromString("""{"v":2,"state":{"fullName":"Zo\u00EB \u0022Z\u0022 \u003Cb\u003E","email":"a\u002Bb/c=="}}""")));
    }

    [Fact]
    public void A_migration_from_v1_to_v2_runs_on_read()
    {
        var serializer = new JsonGrainStorageSerializer(
            new JsonGrainStorageSerializerOptions().AddMigration<ProfileV2>(1, SplitIntoFullName));
        var storedByV1 = BinaryData.FromString("""{"v":1,"state":{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.org"}}""");

        var profile = serializer.Deserialize<ProfileV2>(storedByV1)!;

        Assert.Equal("Ada Lovelace", profile.FullName);
        Assert.Equal("ada@example.org", profile.Email);
    }

    [Fact]
    public void Migrations_registered_as_services_run_too_and_the_property_order_does_not_matter()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions(), [new StateMigration<ProfileV2>(1, SplitIntoFullName)]);
        var stateFirst = BinaryData.FromString("""{"state":{"firstName":"Ada","lastName":"L"},"v":1}""");

        Assert.Equal("Ada L", serializer.Deserialize<ProfileV2>(stateFirst)!.FullName);
    }

    [Fact]
    public void A_missing_migration_or_a_newer_row_fails_instead_of_losing_data()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions());

        Assert.Throws<JsonException>(() => serializer.Deserialize<ProfileV2>(BinaryData.FromString("""{"v":1,"state":{}}""")));
        Assert.Throws<JsonException>(() => serializer.Deserialize<ProfileV2>(BinaryData.FromString("""{"v":3,"state":{}}""")));
        Assert.Throws<JsonException>(() => serializer.Deserialize<ProfileV2>(BinaryData.FromString("""{"fullName":"not an envelope"}""")));
    }

    [Fact]
    public void Null_state_round_trips()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions());

        Assert.Null(serializer.Deserialize<ProfileV2>(serializer.Serialize<ProfileV2>(null)));
    }

    [Fact]
    public void Two_migrations_of_the_same_step_are_refused()
        => Assert.Throws<ArgumentException>(() => new JsonGrainStorageSerializer(
            new JsonGrainStorageSerializerOptions().AddMigration<ProfileV2>(1, n => n).AddMigration<ProfileV2>(1, n => n)));

    private static JsonNode? SplitIntoFullName(JsonNode? state)
    {
        var profile = state!.AsObject();
        var first = (string?)profile["firstName"];
        var last = (string?)profile["lastName"];
        profile.Remove("firstName");
        profile.Remove("lastName");
        profile["fullName"] = $"{first} {last}";
        return profile;
    }

    [Fact]
    public void A_type_marked_omit_nulls_leaves_out_its_null_properties_and_empty_lists_and_reads_back_the_same()
    {
        var serializer = new JsonGrainStorageSerializer(new JsonGrainStorageSerializerOptions());
        var sparse = new Sparse { Name = "a", Count = 0 };
        var full = new Sparse { Name = "b", Note = "n", At = DateTimeOffset.UnixEpoch, Count = 2, Tags = ["x"], Children = [new Child(null, [])] };

        var json = Encoding.UTF8.GetString(serializer.Serialize(sparse).ToArray());

        // Value types are written, and so is what is not null or empty; nested types follow their own marking (Child has none).
        Assert.Equal("""{"v":1,"state":{"name":"a","label":"","count":0}}""", json);
        var back = serializer.Deserialize<Sparse>(serializer.Serialize(sparse))!;
        Assert.Equal(("a", (string?)null, (DateTimeOffset?)null, 0, 0, 0), (back.Name, back.Note, back.At, back.Count, back.Tags.Count, back.Children.Count));
        var read = serializer.Deserialize<Sparse>(serializer.Serialize(full))!;
        Assert.Equal(("b", "n", DateTimeOffset.UnixEpoch, 2, "x"), (read.Name, read.Note, read.At!.Value, read.Count, read.Tags.Single()));
        Assert.Equal("""{"note":null,"values":[]}""", JsonSerializer.Serialize(read.Children.Single(), serializer.JsonOptions));
    }

    [Fact]
    public void Types_named_in_the_options_leave_out_their_nulls_too_and_only_what_reads_back_the_same_is_left_out()
    {
        var options = new JsonGrainStorageSerializerOptions();
        options.OmitNullsOf.Add(typeof(Child));
        var serializer = new JsonGrainStorageSerializer(options);

        // A positional record's missing list reads back as null: an empty one is written.
        Assert.Equal("""{"values":[]}""", JsonSerializer.Serialize(new Child(null, []), serializer.JsonOptions));
        Assert.Equal("""{"note":"n","values":[1]}""", JsonSerializer.Serialize(new Child("n", [1]), serializer.JsonOptions));
        var back = serializer.Deserialize<Child>(serializer.Serialize(new Child(null, [])))!;
        Assert.Equal(((string?)null, 0), (back.Note, back.Values.Count));

        // Not declared nullable: left out, it would read back as its initializer, not as the null it held.
        Assert.Equal("""{"v":1,"state":{"name":"a","label":null,"count":0}}""", serializer.Serialize(new Sparse { Name = "a", Label = null! }).ToString());

        // A nullable property that starts as something else keeps its null, and a list that does not start empty its emptiness.
        var startsSet = new StartsSet { Note = null, Tags = null, Values = [] };
        Assert.Equal("""{"note":null,"tags":null,"values":[]}""", JsonSerializer.Serialize(startsSet, serializer.JsonOptions));
        var set = serializer.Deserialize<StartsSet>(serializer.Serialize(startsSet))!;
        Assert.Equal(((string?)null, (IReadOnlyList<string>?)null, 0), (set.Note, set.Tags, set.Values.Count));
        Assert.Equal("""{"note":"none","values":[1]}""", JsonSerializer.Serialize(new StartsSet { Tags = [] }, serializer.JsonOptions));
        Assert.Empty(serializer.Deserialize<StartsSet>(serializer.Serialize(new StartsSet { Tags = [] }))!.Tags!);
    }

    [OmitNulls]
    private sealed record Sparse
    {
        public string? Name { get; init; }

        public string Label { get; init; } = "";

        public string? Note { get; init; }

        public DateTimeOffset? At { get; init; }

        public int Count { get; init; }

        public IReadOnlyList<string> Tags { get; init; } = [];

        public IReadOnlyList<Child> Children { get; init; } = [];
    }

    private sealed record Child(string? Note, IReadOnlyList<int> Values);

    [OmitNulls]
    private sealed record StartsSet
    {
        public string? Note { get; init; } = "none";

        public IReadOnlyList<string>? Tags { get; init; } = [];

        public IReadOnlyList<int> Values { get; init; } = [1];
    }

    [StateVersion(2)]
    private sealed record ProfileV2
    {
        public string FullName { get; init; } = "";

        public string Email { get; init; } = "";
    }
}
