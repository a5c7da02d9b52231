using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

/// <summary>Helpers that start a test silo hosting the test grains.</summary>
internal static class Silos
{
    public static Task<TestSilo> StartInMemoryAsync(Action<SiloOptions>? options = null)
        => TestSilo.StartAsync(silo =>
        {
            silo.AddGrains(typeof(CounterGrain).Assembly).UseInMemoryStorage();
            if (options is not null)
            {
                silo.Configure(options);
            }
        });
}
