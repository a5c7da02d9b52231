using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>Why a temporary card comes back: decides what happens to the user's permanent card.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WithdrawReason>))]
[GenerateSerializer, Alias("CardActors.WithdrawReason")]
public enum WithdrawReason
{
    /// <summary>The permanent card is lost: it stays inactive.</summary>
    Lost,

    /// <summary>The permanent card is back: it is reactivated.</summary>
    NoLongerNeeded,
}
