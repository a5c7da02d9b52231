using System.Text.RegularExpressions;
using CardActors.Api.Idempotency;
using CardActors.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>
/// API key management for admins: create (the key is shown once), list (never the key), revoke.
/// Keys made here live in the key store grain beside those of --seed-demo; configured keys
/// (CardActors:Api:Keys) are listed but changed in the configuration only.
/// </summary>
internal static partial class ApiKeyEndpoints
{
    public const string KeyExists = "conflict.api-key-exists";
    public const string KeyConfigured = "conflict.api-key-configured";
    public const string KeyNotFound = "apikey.not-found";

    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapPost("", CreateAsync).RequireRoles(Admin)
            // The answer carries the key in clear: it must never be kept in an idempotency record.
            .WithoutIdempotencyRecord()
            .WithSummary("Create an API key").WithDescription("The key is in the answer this once; only its SHA-256 is stored. Audited (AdminApiKeyCreate).");
        keys.MapGet("", ListAsync).RequireRoles(Admin)
            .WithSummary("List API keys").WithDescription("Names, roles, creation and last use; never the keys.");
        keys.MapDelete("/{name}", RevokeAsync).RequireRoles(Admin)
            .WithSummary("Revoke an API key").WithDescription("Audited (AdminApiKeyRevoke). Other API hosts may accept the key for up to a minute more.");
    }

    private static IApiKeyStoreGrain Store(IGrainFactory grains) => grains.GetGrain<IApiKeyStoreGrain>(IApiKeyStoreGrain.DefaultKey);

    private static async Task<Created<ApiKeyCreated>> CreateAsync(CreateApiKeyBody body, IGrainFactory grains, ApiKeyDirectory directory, TimeProvider time)
    {
        var validation = new RequestValidation().Text("name", body.Name).List("roles", body.Roles);
        validation.Check("name", string.IsNullOrEmpty(body.Name) || Name().IsMatch(body.Name), "Letters, digits, '.', '_' and '-' only.");
        validation.Check("roles", body.Roles is null || body.Roles.Count > 0, $"At least one of: {string.Join(", ", All)}.");
        foreach (var role in body.Roles?.Where(r => !string.IsNullOrWhiteSpace(r) && !IsKnown(r)) ?? [])
        {
            validation.Check("roles", false, $"'{role}' is not a role; one of: {string.Join(", ", All)}.");
        }

        validation.ThrowIfInvalid();
        if (directory.Configured.Any(c => c.Name == body.Name))
        {
            throw Conflict(KeyConfigured, $"A configured key is named '{body.Name}'; choose another name.", body.Name);
        }

        var key = ApiKeyHash.NewKey();
        var roles = (body.Roles ?? []).Distinct(StringComparer.Ordinal).ToList();
        var stored = new StoredApiKey(body.Name, ApiKeyHash.Compute(key), roles, time.GetUtcNow(), DomainRequestContext.Operator ?? "");
        if (!await Store(grains).AddAsync(stored))
        {
            throw Conflict(KeyExists, $"An API key named '{body.Name}' exists; revoke it first or choose another name.", body.Name);
        }

        return TypedResults.Created($"/api-keys/{body.Name}", new ApiKeyCreated(stored.Name, stored.Roles, stored.CreatedAt, stored.CreatedBy, key));
    }

    private static async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(IGrainFactory grains, ApiKeyDirectory directory)
    {
        var stored = await Store(grains).ListAsync();
        return
        [
            .. directory.Configured.Select(c => new ApiKeyInfo(c.Name, c.Roles, "configuration", null, null, null)),
            .. stored.Select(k => new ApiKeyInfo(k.Name, k.Roles, "database", k.CreatedAt, k.CreatedBy, k.LastUsedAt)),
        ];
    }

    private static async Task<NoContent> RevokeAsync(string name, IGrainFactory grains, ApiKeyDirectory directory)
    {
        if (directory.Configured.Any(c => c.Name == name))
        {
            throw Conflict(KeyConfigured, $"'{name}' is a configured key: remove it from CardActors:Api:Keys instead.", name);
        }

        if (!await Store(grains).RevokeAsync(name))
        {
            throw new DomainException(KeyNotFound, ErrorKind.NotFound, $"There is no API key named '{name}'.", new Dictionary<string, string> { ["name"] = name });
        }

        directory.Forget(name);
        return TypedResults.NoContent();
    }

    private static DomainException Conflict(string code, string message, string name)
        => new(code, ErrorKind.Conflict, message, new Dictionary<string, string> { ["name"] = name });

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex Name();
}
