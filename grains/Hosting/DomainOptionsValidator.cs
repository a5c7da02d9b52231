using Microsoft.Extensions.Options;

namespace CardActors.Grains.Hosting;

/// <summary>Fails the silo's start, naming each setting, rather than the first use case that needs it.</summary>
internal sealed class DomainOptionsValidator : IValidateOptions<CardActorsDomainOptions>
{
    public ValidateOptionsResult Validate(string? name, CardActorsDomainOptions options)
    {
        var section = CardActorsDomainOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SecretKey) && string.IsNullOrWhiteSpace(options.SecretKeyFile))
        {
            failures.Add($"{section}:SecretKey (base64 of 32 random bytes) or {section}:SecretKeyFile must be set: PUKs and card keys are kept encrypted with it.");
        }
        else if (!string.IsNullOrWhiteSpace(options.SecretKey) && !IsKey(options.SecretKey))
        {
            failures.Add($"{section}:SecretKey must be base64 of 32 bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{section}:ConnectionString is required for {options.DatabaseProvider}: the database of the grain state.");
        }

        if (options.OutboxSweepInterval <= TimeSpan.Zero || options.ExternalProduction.DispatchInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:OutboxSweepInterval and {section}:ExternalProduction:DispatchInterval must be positive.");
        }

        var stations = options.Stations;
        if (stations.HeartbeatLease <= TimeSpan.Zero || stations.JobLease <= TimeSpan.Zero || stations.LeaseCheckInterval <= TimeSpan.Zero || stations.JobTimeout < stations.JobLease)
        {
            failures.Add($"{section}:Stations:HeartbeatLease, JobLease and LeaseCheckInterval must be positive, and JobTimeout at least JobLease.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKey(string value)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(value, bytes, out var length) && length == 32;
    }
}
