namespace CardActors.Silo;

public enum ClusterProvider
{
    /// <summary>One silo on loopback (Orleans' localhost clustering): the embedded default.</summary>
    Localhost,

    /// <summary>Membership in PostgreSQL (Orleans' ADO.NET clustering): several silos on one database.</summary>
    PostgreSql,
}
