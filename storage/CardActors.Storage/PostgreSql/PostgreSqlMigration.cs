namespace CardActors.Storage.PostgreSql;

/// <summary>One step of our PostgreSQL schema: applied once, in version order, and recorded in <c>cardactors_schema_migrations</c>.</summary>
/// <param name="Version">1, 2, 3, …; never renumber or edit a step that may have been applied somewhere.</param>
/// <param name="Description">What the step does, kept in the migrations table.</param>
/// <param name="Sql">One or more statements, run in the migration's transaction.</param>
public sealed record PostgreSqlMigration(int Version, string Description, string Sql);
