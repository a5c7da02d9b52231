namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>One step of a dialect's schema; <paramref name="Sql"/> may hold several statements.</summary>
public sealed record AdoNetMigration(int Version, string Description, string Sql);
