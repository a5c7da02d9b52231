using System.Reflection;
using CardActors.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CardActors.Runtime.Storage.Tests;

/// <summary>Discovers a <see cref="ConformanceFactAttribute"/> test as a fact, skipped when its class needs a database that is not there.</summary>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.ToRuntimeType().GetCustomAttribute<RequiresPostgresAttribute>() is not null;
        if (needsPostgres && TestDatabases.PostgresConnectionString is null)
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
