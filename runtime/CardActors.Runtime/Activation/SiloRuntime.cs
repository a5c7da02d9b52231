using CardActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Runtime;

/// <summary>The parts of one silo that activations need, in one place.</summary>
internal sealed class SiloRuntime
{
    public SiloRuntime(IServiceProvider services, IOptions<SiloOptions> options, GrainTypeRegistry registry, ILogger<SiloRuntime> logger)
    {
        Services = services;
        Options = options.Value;
        Registry = registry;
        Logger = logger;
        Catalog = new Catalog(registry, this);
        Dispatcher = new LocalGrainCallInvoker(this);
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public GrainTypeRegistry Registry { get; }

    public ILogger Logger { get; }

    public Catalog Catalog { get; }

    public IGrainCallInvoker Dispatcher { get; }

    public IGrainFactory GrainFactory => field ??= Services.GetRequiredService<IGrainFactory>();

    public IReminderRegistry Reminders => field ??= Services.GetRequiredService<IReminderRegistry>();
}
