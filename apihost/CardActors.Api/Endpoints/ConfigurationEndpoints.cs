using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>The versioned configuration: card types, and per card type which use cases are enabled with which options.</summary>
internal static class ConfigurationEndpoints
{
    private const int MergeAttempts = 5;

    public static void Map(RouteGroupBuilder api)
    {
        var configuration = api.MapGroup("/configuration").WithTags("Configuration");

        configuration.MapGet("", (IGrainFactory g) => Config(g).GetAsync()).RequireRoles(Admin, Operator, Auditor, Ops)
            .WithSummary("The current configuration version");
        configuration.MapGet("/versions/{version:int}", (int version, IGrainFactory g) => Config(g).GetVersionAsync(version)).RequireRoles(Admin, Auditor)
            .WithSummary("An older (or the current) configuration version");
        configuration.MapGet("/use-cases", () => new Dictionary<string, IReadOnlyList<string>>
            {
                ["permanent"] = UseCases.Configurable(CardKind.Permanent),
                ["temporary"] = UseCases.Configurable(CardKind.Temporary),
            }).RequireRoles(Admin, Operator, Auditor, Ops)
            .WithSummary("The use cases an admin can enable, per card kind");
        configuration.MapPut("/card-types/{name}", (string name, DefineCardTypeBody body, IGrainFactory g)
                => Config(g).DefineCardTypeAsync(new DefineCardTypeCommand(name, body.Kind, body.Profile, body.ExpectedVersion))).RequireRoles(Admin)
            .WithSummary("Add a card type or change its profile").WithDescription("409 conflict.config-version when expectedVersion is not the current version.");
        configuration.MapPut("/card-types/{name}/use-cases/{useCase}", SetUseCaseAsync).RequireRoles(Admin)
            .WithSummary("Enable or disable a use case and change option values")
            .WithDescription("options names only the values to change; the others keep theirs. 409 conflict.config-version when expectedVersion is not the current version.");
        configuration.MapPost("/card-types/{name}/enabled-use-cases", async (string name, EnableUseCasesBody body, IGrainFactory g) =>
            {
                new RequestValidation().List("useCases", body.UseCases).ThrowIfInvalid();
                return await Config(g).EnableUseCasesAsync(name, body.UseCases);
            }).RequireRoles(Admin)
            .WithSummary("Enable several use cases of a card type in one version, keeping their options");
    }

    private static IConfigurationGrain Config(IGrainFactory grains) => grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);

    /// <summary>
    /// Option changes are merged onto the values of the version read here. Without an expected
    /// version from the admin, the read version is passed as the expected one, so that a change
    /// that lands in between is never overwritten: the merge is simply done again on the new version.
    /// </summary>
    private static async Task<ConfigurationSnapshot> SetUseCaseAsync(string name, string useCase, SetUseCaseBody body, IGrainFactory grains)
    {
        var config = Config(grains);
        for (var attempt = 1; ; attempt++)
        {
            var current = await config.GetAsync();
            UseCaseOptions? options = null;
            if (body.Options is not null)
            {
                if (!current.CardTypes.TryGetValue(name, out var cardType))
                {
                    throw new DomainException(ErrorCodes.CardTypeNotFound, ErrorKind.NotFound, $"Card type {name} does not exist.", new Dictionary<string, string> { ["cardType"] = name });
                }

                if (!cardType.UseCases.TryGetValue(useCase, out var setting))
                {
                    throw new ValidationFailedException("useCase", $"{useCase} is not a use case of {cardType.Kind.ToString().ToLowerInvariant()} cards.");
                }

                options = body.Options.ApplyTo(setting.Options);
            }

            try
            {
                return await config.SetUseCaseAsync(new SetUseCaseCommand(name, useCase, body.Enabled, options, body.ExpectedVersion ?? (options is null ? null : current.Version)));
            }
            catch (DomainException exception) when (exception.Code == ErrorCodes.ConfigurationVersionConflict && body.ExpectedVersion is null && attempt < MergeAttempts)
            {
                // Someone else changed the configuration between our read and our write: merge again.
            }
        }
    }
}
