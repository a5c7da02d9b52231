using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<CardSortField>))]
public enum CardSortField
{
    UpdatedAt,
    CreatedAt,
    State,
    CardType,
    UserId,
    Serial,
}
