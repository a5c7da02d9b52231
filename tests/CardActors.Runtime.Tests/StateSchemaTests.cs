using System.Text;
using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Tests;

public sealed class StateSchemaTests
{
    [Fact]
    public async Task A_record_written_under_an_older_state_version_is_migrated_on_read()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(ContactGrain).Assembly).UseInMemoryStorage().AddStateMigration<SplitContactName>());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        await storage.WriteAsync(new GrainStateKey(new GrainId("contact", "ada"), "contact"), Encoding.UTF8.GetBytes("""{"name":"Ada Lovelace"}"""), 1, null, CancellationToken.None);

        var contact = await silo.GrainFactory.GetGrain<IContactGrain>("ada").Get();

        Assert.Equal(new ContactState { FirstName = "Ada", LastName = "Lovelace" }, contact);
    }

    [Fact]
    public async Task A_record_from_a_newer_version_fails_activation_clearly_instead_of_losing_fields()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(ContactGrain).Assembly).UseInMemoryStorage());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        await storage.WriteAsync(new GrainStateKey(new GrainId("contact", "future"), "contact"), Encoding.UTF8.GetBytes("{}"), 3, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IContactGrain>("future").Get());

        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_source_generated_context_serializes_the_state()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(ContactGrain).Assembly).UseInMemoryStorage().AddStateSerializerContext(TestStateJsonContext.Default));
        var serializer = silo.Services.GetRequiredService<GrainStateSerializer>();
        var state = new ContactState { FirstName = "Grace", LastName = "Hopper" };

        var json = serializer.Serialize(state);

        Assert.Same(TestStateJsonContext.Default, serializer.Options.GetTypeInfo(typeof(ContactState)).OriginatingResolver);
        Assert.Equal("""{"firstName":"Grace","lastName":"Hopper"}""", Encoding.UTF8.GetString(json));
        Assert.Equal(state, serializer.Deserialize<ContactState>(json, GrainStateSerializer.VersionOf<ContactState>()));
    }
}
