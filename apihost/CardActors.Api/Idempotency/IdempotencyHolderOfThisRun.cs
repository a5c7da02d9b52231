using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CardActors.Api.Idempotency;

/// <summary>This process as an <see cref="IdempotencyHolder"/>: one per run, named by machine and listening addresses.</summary>
public sealed class IdempotencyHolderOfThisRun(IConfiguration configuration, IOptions<ApiOptions> options)
{
    public IdempotencyHolder Holder { get; } = new(
        $"{Environment.MachineName} {configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "default"}", Guid.NewGuid(), options.Value.IdempotencyHolderTimeout);
}
