using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>
/// The states of both card kinds (see domain.md). <see cref="None"/> and <see cref="Registered"/>
/// are the start states: a temporary card does not exist before it is requested or ordered; a
/// permanent card is registered while its first issuance is still being produced. Use
/// <see cref="CardStates.ToDomainName"/> for the names domain.md uses ("in production").
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardState>))]
[GenerateSerializer, Alias("CardActors.CardState")]
public enum CardState
{
    None,
    Registered,
    Requested,
    Approved,
    Rejected,
    Aborted,
    Failed,
    Issued,
    Active,
    Inactive,
    Locked,
    Expired,
    Processing,
    Ordered,
    InProduction,
    Produced,
    Unassigned,
    Assigned,
}
