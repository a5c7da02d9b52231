using CardActors.Api.Security;

namespace CardActors.Api.Tests;

/// <summary>Bad key settings stop start-up with a line naming the setting; a clear key is never accepted.</summary>
public sealed class ApiOptionsTests
{
    private static ApiKeyConfiguration Key(string name = "alice", string? role = "operator", string? sha = null, string? clear = null)
        => new() { Name = name, Role = role, Sha256 = sha ?? ApiKeyHash.Compute("secret-" + name), Key = clear };

    [Fact]
    public void Well_formed_keys_are_valid()
        => Assert.Empty(new ApiOptions { Keys = [Key(), Roles(Key("bob", role: null), "approver", "operator")] }.Validate());

    [Theory]
    [InlineData("clear", "CardActors:Api:Keys:0:Key must not hold a clear key")]
    [InlineData("hash", "CardActors:Api:Keys:0:Sha256 must be the 64 hex digits")]
    [InlineData("role", "CardActors:Api:Keys:0:Role must be one of operator, approver, admin, station, auditor, ops, not 'root'")]
    [InlineData("norole", "CardActors:Api:Keys:0:Role must be one of")]
    [InlineData("name", "CardActors:Api:Keys:0:Name is required")]
    public void A_bad_key_setting_is_named(string fault, string message)
    {
        var key = fault switch
        {
            "clear" => Key(clear: "ca_plaintext"),
            "hash" => Key(sha: "not-a-hash"),
            "role" => Key(role: "root"),
            "norole" => Key(role: null),
            _ => Key(name: " "),
        };

        var failures = new ApiOptions { Keys = [key] }.Validate().ToList();

        Assert.Contains(failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_keys_may_not_share_a_name()
        => Assert.Contains(new ApiOptions { Keys = [Key(), Key()] }.Validate(), f => f.Contains("is used by another key", StringComparison.Ordinal));

    [Fact]
    public void The_hash_is_what_sha256sum_prints()
        => Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiKeyHash.Compute("test"));

    private static ApiKeyConfiguration Roles(ApiKeyConfiguration key, params string[] roles)
    {
        key.Roles.AddRange(roles);
        return key;
    }
}
