namespace CardActors.Storage.Tests;

/// <summary>On a derived conformance class: its tests are skipped, saying why, when <c>CARDACTORS_TEST_POSTGRES</c> is unset.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
