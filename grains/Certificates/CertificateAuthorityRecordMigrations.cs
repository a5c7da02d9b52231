using System.Text.Json.Nodes;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Certificates;

/// <summary>The upgrades of the stored CA (<see cref="CertificateAuthorityRecord"/>), one per version step.</summary>
internal static class CertificateAuthorityRecordMigrations
{
    /// <summary>
    /// Version 1 → 2: the row kept every certificate issued ("issued", "members") and was rewritten
    /// whole at every issuance. They become the unmoved certificates, which the CA moves into grains of
    /// their own when it activates, listing on its CRL entries the ones that are held or revoked; until
    /// that write, the old row stays as it was, so a failed move is simply done again.
    /// </summary>
    public static IStateMigration MoveCertificatesOut { get; } = new StateMigration<CertificateAuthorityRecord>(1, state =>
    {
        if (state is not JsonObject ca)
        {
            return state;
        }

        Rename(ca, "issued", "unmovedCards");
        Rename(ca, "members", "unmovedMembers");
        return ca;
    });

    private static void Rename(JsonObject json, string from, string to)
    {
        if (json[from] is { } value)
        {
            json.Remove(from);
            json[to] = value;
        }
    }
}
