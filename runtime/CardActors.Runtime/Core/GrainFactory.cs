namespace CardActors.Runtime;

/// <summary>Makes grain references that send their calls through an <see cref="IGrainCallInvoker"/>.</summary>
internal sealed class GrainFactory(Func<Type, string> resolveGrainType, Func<IGrainCallInvoker> invoker) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
        => (TGrain)GetGrain(typeof(TGrain), new GrainId(resolveGrainType(typeof(TGrain)), key));

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey
        => (TGrain)GetGrain(typeof(TGrain), GrainId.Create(resolveGrainType(typeof(TGrain)), key));

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey
        => (TGrain)GetGrain(typeof(TGrain), GrainId.Create(resolveGrainType(typeof(TGrain)), key));

    public IAddressable GetGrain(Type grainInterface, GrainId grainId)
        => GrainReference.Create(GrainInterface.Of(grainInterface), grainId, invoker());
}
