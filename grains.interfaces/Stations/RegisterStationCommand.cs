namespace CardActors.Grains;

/// <summary>
/// An admin registers (or re-registers) a station: the production line it belongs to, the PC/SC
/// reader it is bound to, and what it can encode: card types (defined in the configuration) and
/// profiles (the card application of a type's profile, e.g. "PIV").
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.RegisterStationCommand")]
public sealed record RegisterStationCommand(
    [property: Id(0)] string LineId,
    [property: Id(1)] string Reader,
    [property: Id(2)] IReadOnlyList<string> CardTypes,
    [property: Id(3)] IReadOnlyList<string> Profiles);
