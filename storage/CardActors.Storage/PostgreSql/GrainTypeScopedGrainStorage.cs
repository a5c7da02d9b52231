using System.Runtime.CompilerServices;
using CardActors.Storage.Serialization;
using Npgsql;
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
/// <para>
/// It also finds outdated states (<see cref="IOutdatedStateFinder"/>), which the ADO.NET storage
/// cannot: it reads our schema's table directly. The storage keeps a grain key as Orleans' ADO.NET
/// storage takes it apart (a GUID key in n0/n1, an integer key in n1, a string key in the
/// extension), so the finder puts it together the same way.
/// </para>
/// </summary>
internal sealed class GrainTypeScopedGrainStorage(IGrainStorage inner, string connectionString, string serviceId)
    : IGrainStorage, IOutdatedStateFinder, ILifecycleParticipant<ISiloLifecycle>
{
    private const string Outdated = """
        SELECT grain_id_n0, grain_id_n1, grain_id_extension FROM orleans_grain_state
        WHERE service_id = @service AND grain_type = @type AND payload IS NOT NULL
            AND (@first OR (grain_id_n0, grain_id_n1, grain_id_extension) > (@n0, @n1, @extension))
            AND coalesce((convert_from(payload, 'UTF8')::jsonb ->> 'v')::integer, 0) < @version
        ORDER BY grain_id_n0, grain_id_n1, grain_id_extension
        LIMIT @limit
        """;

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

    public async IAsyncEnumerable<GrainId> FindAsync(GrainType grainType, string stateName, int currentVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int PageSize = 500;
        var scopedName = $"{grainType}/{stateName}";
        (long N0, long N1, string Extension)? after = null;
        while (true)
        {
            var page = new List<(long N0, long N1, string Extension)>(PageSize);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var select = new NpgsqlCommand(Outdated, connection);
                select.Parameters.AddWithValue("service", serviceId);
                select.Parameters.AddWithValue("type", scopedName);
                select.Parameters.AddWithValue("first", after is null);
                select.Parameters.AddWithValue("n0", after?.N0 ?? 0L);
                select.Parameters.AddWithValue("n1", after?.N1 ?? 0L);
                select.Parameters.AddWithValue("extension", after?.Extension ?? "");
                select.Parameters.AddWithValue("version", currentVersion);
                select.Parameters.AddWithValue("limit", PageSize);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }
            }

            foreach (var key in page)
            {
                yield return GrainId.Create(grainType, KeyOf(key.N0, key.N1, key.Extension));
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <summary>The inverse of how Orleans' ADO.NET storage takes a key apart (its AdoGrainKey).</summary>
    private static IdSpan KeyOf(long n0, long n1, string extension)
    {
        var keyExtension = extension.Length == 0 ? null : extension;
        if (n0 == 0 && n1 == 0 && keyExtension is not null)
        {
            return IdSpan.Create(keyExtension);
        }

        if (n0 == 0)
        {
            return GrainIdKeyExtensions.CreateIntegerKey(n1, keyExtension);
        }

        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, n0);
        BitConverter.TryWriteBytes(bytes[8..], n1);
        return GrainIdKeyExtensions.CreateGuidKey(new Guid(bytes), keyExtension);
    }
}
