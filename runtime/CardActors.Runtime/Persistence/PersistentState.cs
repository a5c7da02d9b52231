namespace CardActors.Runtime;

internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainStateLoader where TState : new()
{
    private readonly IGrainContext _context;
    private readonly GrainStateKey _key;
    private readonly IGrainStorage _storage;
    private readonly GrainStateSerializer _serializer;

    private PersistentState(IGrainContext context, string stateName, IGrainStorage storage, GrainStateSerializer serializer)
    {
        _context = context;
        _key = new GrainStateKey(context.GrainId, stateName);
        _storage = storage;
        _serializer = serializer;
    }

    public TState State { get; set; } = new();

    public string? ETag { get; private set; }

    public bool RecordExists { get; private set; }

    internal static object Create(Activation activation, string stateName, IGrainStorage storage, GrainStateSerializer serializer)
    {
        var state = new PersistentState<TState>(activation, stateName, storage, serializer);
        activation.RegisterStateLoader(state);
        return state;
    }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_key, cancellationToken);
        ETag = record?.ETag;
        RecordExists = record?.Payload is not null;
        State = record?.Payload is { } payload ? _serializer.Deserialize<TState>(payload, record.StateVersion) : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = _serializer.Serialize(State);
        try
        {
            ETag = await _storage.WriteAsync(_key, payload, GrainStateSerializer.VersionOf<TState>(), ETag, cancellationToken);
            RecordExists = true;
        }
        catch
        {
            // Whatever failed (a stale ETag, the database, a timeout that may or may not have
            // written), State no longer matches what is stored: the next call gets an activation
            // that reads it again.
            _context.DeactivateOnIdle();
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            ETag = await _storage.ClearAsync(_key, ETag, cancellationToken);
            RecordExists = false;
            State = new TState();
        }
        catch
        {
            _context.DeactivateOnIdle();
            throw;
        }
    }
}
