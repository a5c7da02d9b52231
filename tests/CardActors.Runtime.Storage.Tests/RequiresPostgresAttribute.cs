namespace CardActors.Runtime.Storage.Tests;

/// <summary>
/// Marks a test class whose <see cref="ConformanceFactAttribute"/> tests need PostgreSQL: they are
/// skipped, saying why, when <c>CARDACTORS_TEST_POSTGRES</c> is unset.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
