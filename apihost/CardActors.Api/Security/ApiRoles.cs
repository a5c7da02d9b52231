namespace CardActors.Api.Security;

/// <summary>The roles an API key can hold (domain.md's actors); every endpoint names the roles it admits.</summary>
public static class ApiRoles
{
    public const string Operator = "operator";
    public const string Approver = "approver";
    public const string Admin = "admin";
    public const string Station = "station";
    public const string Auditor = "auditor";
    public const string Ops = "ops";

    public static IReadOnlyList<string> All { get; } = [Operator, Approver, Admin, Station, Auditor, Ops];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
