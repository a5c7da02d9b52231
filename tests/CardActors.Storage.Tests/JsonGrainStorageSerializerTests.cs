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

    [StateVersion(2)]
    private sealed record ProfileV2
    {
        public string FullName { get; init; } = "";

        public string Email { get; init; } = "";
    }
}
