using System.Collections.Immutable;
using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CardActors.Runtime.Tests;

/// <summary>
/// Every call and every response goes through JSON, as it will between silos: if grains still
/// work, the request carries all a remote silo needs.
/// </summary>
public sealed class WireShapeTests
{
    [Fact]
    public async Task Calls_work_when_every_request_and_response_is_serialized()
    {
        await using var silo = await StartSerializingSiloAsync();
        var a = silo.GrainFactory.GetGrain<ICycleGrain>("wire-a");
        var b = silo.GrainFactory.GetGrain<ICycleGrain>("wire-b");
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString());

        Assert.Equal("wire-a>wire-b>wire-a", await a.Ping(b, 2));
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => counter.Increment()));
        Assert.Equal(100, await counter.Get());
        Assert.True(SerializingInvoker.Requests > 100);
    }

    [Fact]
    public async Task An_exception_crosses_the_wire_with_its_type_and_message()
    {
        await using var silo = await StartSerializingSiloAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => probe.Throw("amount must be 1-9"));

        Assert.Contains("amount must be 1-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_context_values_and_the_call_path_travel_with_the_call()
    {
        await using var silo = await StartSerializingSiloAsync();
        var serializer = silo.Services.GetRequiredService<GrainRequestSerializer>();
        var method = GrainInterface.Of(typeof(IStatefulGrain)).Methods.Single(m => m.Name == nameof(IStatefulGrain.Set));
        var friend = silo.GrainFactory.GetGrain<ICounterGrain>("f");
        var context = CallContext.Create(
            42, ImmutableDictionary<string, string>.Empty.Add("correlation-id", "c-42"), [new GrainId("batchorder", "7"), new GrainId("card", "9")]);
        var request = method.CreateRequest(GrainId.Create("stateful", 5), ["x", friend], context);

        var copy = serializer.DeserializeRequest(serializer.SerializeRequest(request));

        Assert.Equal(request.Target, copy.Target);
        Assert.Equal(request.Context.ChainId, copy.Context.ChainId);
        Assert.Equal([new GrainId("batchorder", "7"), new GrainId("card", "9")], copy.Context.Path);
        Assert.True(copy.Context.HasPassedThrough(new GrainId("batchorder", "7")));
        Assert.Equal("c-42", copy.Context.Items!["correlation-id"]);
        Assert.Equal("x", copy.Arguments[0]);
        Assert.Equal(friend, copy.Arguments[1]);
    }

    [Fact]
    public async Task A_reminder_delivery_does_not_inherit_the_context_of_whoever_started_the_silo()
    {
        RequestContext.Set("operator", "alice");
        await using var silo = await Silos.StartInMemoryAsync();
        RequestContext.Remove("operator");
        var key = Guid.NewGuid().ToString();

        await silo.GrainFactory.GetGrain<IReminderGrain>(key).Remind(TimeSpan.FromMilliseconds(50), TimeSpan.Zero);
        await LifecycleTests.WaitUntil(() => ReminderGrain.OperatorSeen.ContainsKey(key));

        Assert.Null(ReminderGrain.OperatorSeen[key]);
    }

    private static Task<TestSilo> StartSerializingSiloAsync() => TestSilo.StartAsync(
        silo => silo.AddGrains(typeof(CycleGrain).Assembly).UseInMemoryStorage(),
        services => services.Replace(ServiceDescriptor.Singleton<IGrainCallInvoker>(sp => new SerializingInvoker(
            sp.GetRequiredService<SiloRuntime>().Dispatcher, sp.GetRequiredService<GrainRequestSerializer>()))));

    private sealed class SerializingInvoker(IGrainCallInvoker local, GrainRequestSerializer serializer) : IGrainCallInvoker
    {
        public static int Requests;

        public void Invoke(GrainRequest request)
        {
            Interlocked.Increment(ref Requests);
            var remote = serializer.DeserializeRequest(serializer.SerializeRequest(request));
            local.Invoke(remote);
            _ = RelayAsync(request, remote);
        }

        private async Task RelayAsync(GrainRequest caller, GrainRequest remote)
            => serializer.CompleteWithResponse(caller, await serializer.SerializeResponseAsync(remote));
    }
}
