using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<CardSortField>))]
[GenerateSerializer, Alias("CardActors.CardSortField")]
public enum CardSortField
{
    UpdatedAt,
    CreatedAt,
    State,
    CardType,
    UserId,
    Serial,
}
