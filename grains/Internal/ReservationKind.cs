namespace CardActors.Grains.Internal;

/// <summary>The per-user limits a card reserves a place in before it takes the state that counts.</summary>
[GenerateSerializer, Alias("CardActors.ReservationKind")]
public enum ReservationKind
{
    /// <summary>An active permanent card.</summary>
    ActiveCard,

    /// <summary>An assigned temporary card.</summary>
    AssignedTemporaryCard,

    /// <summary>An open external order (processing, ordered, in production).</summary>
    ExternalOrder,
}
