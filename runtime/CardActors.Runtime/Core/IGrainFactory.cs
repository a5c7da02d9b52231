namespace CardActors.Runtime;

/// <summary>
/// Hands out references to grains. A reference is cheap, never activates anything by itself,
/// works from grains and clients alike, and can be passed as an argument or kept in state.
/// </summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;

    /// <summary>A reference of the given grain interface to a grain whose id is already known.</summary>
    IAddressable GetGrain(Type grainInterface, GrainId grainId);
}
