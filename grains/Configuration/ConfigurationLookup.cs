using CardActors.Grains.Cards;

namespace CardActors.Grains.Configuration;

/// <summary>Reads card types and use-case options from a configuration version, with the domain's errors.</summary>
internal static class ConfigurationLookup
{
    /// <summary>
    /// The card type, or <c>cardtype.not-found</c>. With <paramref name="kind"/>: a type of the other
    /// kind is a malformed command (<c>validation.failed</c> on <c>cardType</c>), not a missing type.
    /// </summary>
    public static CardTypeConfiguration CardType(this ConfigurationSnapshot config, string cardType, CardKind? kind = null)
    {
        if (!config.CardTypes.TryGetValue(cardType, out var type))
        {
            throw DomainErrors.CardTypeNotFound(cardType);
        }

        if (kind is { } expected && type.Kind != expected)
        {
            throw new ValidationFailedException("cardType", $"{cardType} is a card type for {type.Kind.ToString().ToLowerInvariant()} cards");
        }

        return type;
    }

    /// <summary><c>usecase.disabled</c> unless the use case is enabled for the type.</summary>
    public static void EnsureEnabled(this CardTypeConfiguration type, string useCase)
    {
        if (!type.UseCases.TryGetValue(useCase, out var setting) || !setting.Enabled)
        {
            throw DomainErrors.Disabled(useCase, type.Name);
        }
    }

    public static bool IsEnabled(this CardTypeConfiguration type, string useCase)
        => type.UseCases.TryGetValue(useCase, out var setting) && setting.Enabled;

    /// <summary>
    /// The use case's options, or the defaults for a use case the type does not configure (automatic
    /// steps, and the steps of an approval) or a type that has since disappeared: a card already under
    /// way is finished, not stranded.
    /// </summary>
    public static UseCaseOptions OptionsOf(this CardTypeConfiguration? type, string useCase)
        => type is not null && type.UseCases.TryGetValue(useCase, out var setting) ? setting.Options : UseCaseOptions.Default;

    public static UseCaseOptions OptionsOf(this ConfigurationSnapshot config, string cardType, string useCase)
        => config.CardTypes.GetValueOrDefault(cardType).OptionsOf(useCase);
}
