using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<UserState>))]
[GenerateSerializer, Alias("CardActors.UserState")]
public enum UserState
{
    Active,
    Inactive,

    /// <summary>Every card of the user was locked with the user.</summary>
    Locked,
}
