using CardActors.Api.Security;

namespace CardActors.Api.Tests;

/// <summary>The API keys the test host is configured with (as SHA-256, like any deployment): one per role, plus a second operator, a second station and a key with two roles.</summary>
public static class TestKeys
{
    public const string Operator = "key-operator-0123456789";
    public const string Operator2 = "key-operator2-0123456789";
    public const string Approver = "key-approver-0123456789";
    public const string Admin = "key-admin-0123456789";
    public const string Station = "key-station-0123456789";
    public const string Station2 = "key-station2-0123456789";
    public const string Auditor = "key-auditor-0123456789";
    public const string Ops = "key-ops-0123456789";
    public const string OperatorApprover = "key-operator-approver-0123456789";

    /// <summary>Key, name (the operator in the audit), roles.</summary>
    public static IReadOnlyList<(string Key, string Name, string[] Roles)> All { get; } =
    [
        (Operator, "alice-operator", [ApiRoles.Operator]),
        (Operator2, "bob-operator", [ApiRoles.Operator]),
        (Approver, "carol-approver", [ApiRoles.Approver]),
        (Admin, "dave-admin", [ApiRoles.Admin]),
        (Station, "station-01", [ApiRoles.Station]),
        (Station2, "station-02", [ApiRoles.Station]),
        (Auditor, "erin-auditor", [ApiRoles.Auditor]),
        (Ops, "frank-ops", [ApiRoles.Ops]),
        (OperatorApprover, "grace-both", [ApiRoles.Operator, ApiRoles.Approver]),
    ];

    public static string NameOf(string key) => All.Single(k => k.Key == key).Name;

    /// <summary>The settings that configure these keys, hashed.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        for (var i = 0; i < All.Count; i++)
        {
            var (key, name, roles) = All[i];
            yield return new($"CardActors:Api:Keys:{i}:Name", name);
            yield return new($"CardActors:Api:Keys:{i}:Sha256", ApiKeyHash.Compute(key));
            for (var r = 0; r < roles.Length; r++)
            {
                yield return new($"CardActors:Api:Keys:{i}:Roles:{r}", roles[r]);
            }
        }
    }
}
