using Xunit.Sdk;

namespace CardActors.Runtime.Storage.Tests;

/// <summary>
/// A test of <see cref="StorageConformanceTests"/>, declared once and run for every provider's
/// derived class. A plain [Fact] cannot be skipped per derived class (its Skip is fixed where the
/// base method is declared), hence <see cref="ConformanceFactDiscoverer"/>.
/// </summary>
[XunitTestCaseDiscoverer("CardActors.Runtime.Storage.Tests.ConformanceFactDiscoverer", "CardActors.Runtime.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;
