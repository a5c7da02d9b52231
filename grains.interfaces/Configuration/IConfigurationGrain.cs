
namespace CardActors.Grains;

/// <summary>
/// The versioned configuration, one grain with key <see cref="DefaultKey"/>. Version 1 holds the
/// built-in card types "employee" (permanent) and "temporary" with every use case disabled and
/// default options. Every change makes a new version and an audit row (<c>AdminConfigChange</c>);
/// <c>conflict.config-version</c> when <c>ExpectedVersion</c> is not the current one.
/// </summary>
[Alias("CardActors.IConfigurationGrain")]
public interface IConfigurationGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [ReadOnly]
    [Alias("GetAsync")]
    Task<ConfigurationSnapshot> GetAsync();

    /// <summary>An older (or the current) version; <c>validation.failed</c> for a version that never existed.</summary>
    [ReadOnly]
    [Alias("GetVersionAsync")]
    Task<ConfigurationSnapshot> GetVersionAsync(int version);

    [Alias("DefineCardTypeAsync")]
    Task<ConfigurationSnapshot> DefineCardTypeAsync(DefineCardTypeCommand command);

    /// <summary><c>cardtype.not-found</c>; <c>validation.failed</c> for a use case of the other card kind or bad option values.</summary>
    [Alias("SetUseCaseAsync")]
    Task<ConfigurationSnapshot> SetUseCaseAsync(SetUseCaseCommand command);

    /// <summary>Enables several use cases of a card type in one version, keeping their options.</summary>
    [Alias("EnableUseCasesAsync")]
    Task<ConfigurationSnapshot> EnableUseCasesAsync(string cardType, IReadOnlyList<string> useCases);
}
