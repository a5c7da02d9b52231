namespace CardActors.Grains;

/// <summary>What a station puts on a card: the application, the keys and certificates, the management key's algorithm.</summary>
/// <param name="Application">"PIV" (NIST SP 800-73-4).</param>
/// <param name="ManagementKeyAlgorithm">The per-card administration key that replaces the factory default, e.g. "AES256".</param>
[GenerateSerializer, Immutable, Alias("CardActors.CardProfile")]
public sealed record CardProfile([property: Id(0)] string Application, [property: Id(1)] IReadOnlyList<KeySlotProfile> KeySlots, [property: Id(2)] string ManagementKeyAlgorithm)
{
    public static CardProfile DefaultPiv { get; } = new(
        "PIV",
        [new KeySlotProfile("9A", "ECCP256", "authentication"), new KeySlotProfile("9C", "ECCP256", "signature")],
        "AES256");
}
