using System.Reflection;
using CardActors.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CardActors.Storage.Tests;

/// <summary>Discovers a <see cref="ConformanceFactAttribute"/> test as a fact, or as skipped when its class needs PostgreSQL and there is none.</summary>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (TestDatabases.PostgresConnectionString is null
            && testMethod.TestClass.Class.ToRuntimeType().GetCustomAttribute<RequiresPostgresAttribute>() is not null)
        {
            return
            [
                new XunitSkippedDataRowTestCase(
                    diagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    TestDatabases.PostgresSkipReason),
            ];
        }

        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
