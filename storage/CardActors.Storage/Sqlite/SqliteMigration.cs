namespace CardActors.Storage.Sqlite;

/// <summary>One step of a component's schema in a SQLite file: applied once, in version order, and recorded.</summary>
/// <param name="Version">1, 2, 3, … within the component; never renumber or edit an applied step.</param>
/// <param name="Description">What the step does, kept in the migrations table.</param>
/// <param name="Sql">One or more statements.</param>
public sealed record SqliteMigration(int Version, string Description, string Sql);
