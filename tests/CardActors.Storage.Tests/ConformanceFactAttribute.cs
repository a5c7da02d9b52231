using Xunit.Sdk;

namespace CardActors.Storage.Tests;

/// <summary>
/// A conformance test, declared once in an abstract base and run by each provider's derived class.
/// A plain [Fact]'s Skip is fixed where the base method is declared, so <see cref="ConformanceFactDiscoverer"/>
/// decides per derived class (see <see cref="RequiresPostgresAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("CardActors.Storage.Tests.ConformanceFactDiscoverer", "CardActors.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;
