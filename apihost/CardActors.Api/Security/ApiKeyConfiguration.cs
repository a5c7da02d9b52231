namespace CardActors.Api.Security;

/// <summary>One entry of <c>CardActors:Api:Keys</c>: a key's name (the operator in the audit), its roles and the SHA-256 of the key.</summary>
public sealed class ApiKeyConfiguration
{
    public string Name { get; set; } = "";

    /// <summary>A single role; <see cref="Roles"/> lists several.</summary>
    public string? Role { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of the key (<c>printf '%s' "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Never allowed: present only so that a clear key put into configuration by mistake stops start-up instead of being ignored.</summary>
    public string? Key { get; set; }

    public IReadOnlyList<string> AllRoles() => [.. Roles.Concat(Role is null ? [] : [Role]).Distinct(StringComparer.Ordinal)];
}
