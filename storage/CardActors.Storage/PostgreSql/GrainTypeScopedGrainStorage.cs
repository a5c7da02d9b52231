using Orleans.Storage;

namespace CardActors.Storage.PostgreSql;

/// <summary>
/// Puts the grain type into the name a grain storage keys rows by.
/// <para>
/// Why: Orleans passes a storage only the state name, and the ADO.NET storage keys its rows by
/// (state name, grain key), so two grain types with the same key and state name share one row
/// (dotnet/orleans#9737). This wrapper hands the inner storage "<c>grain type/state name</c>"
/// instead; our schema stores it in <c>grain_type</c>, part of the primary key. Rows written
/// through the wrapper are not found without it, and the other way round.
/// </para>
/// </summary>
internal sealed class GrainTypeScopedGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public static string ScopedName(GrainId grainId, string stateName) => $"{grainId.Type}/{stateName}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => inner.ReadStateAsync(ScopedName(grainId, stateName), grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => inner.ReadStateAsync(ScopedName(grainId, stateName), grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => inner.WriteStateAsync(ScopedName(grainId, stateName), grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => inner.WriteStateAsync(ScopedName(grainId, stateName), grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => inner.ClearStateAsync(ScopedName(grainId, stateName), grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => inner.ClearStateAsync(ScopedName(grainId, stateName), grainId, grainState, cancellationToken);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
