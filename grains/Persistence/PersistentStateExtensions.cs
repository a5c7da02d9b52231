namespace CardActors.Grains.Persistence;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and stores it; if the write fails, the state it had
    /// comes back. A state nobody stored must not be served, nor stored later with the next change
    /// as if it had been committed.
    /// </summary>
    public static async Task WriteOrKeepAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
