using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>A connection lent to one storage operation, and the commands the operation runs on it.</summary>
internal abstract class CommandScope : IAsyncDisposable
{
    /// <summary>
    /// A command for <paramref name="sql"/>, owned by the scope. It may have run before, with its
    /// parameters still holding the old values: set every one. Run one command at a time.
    /// </summary>
    public abstract DbCommand Command(string sql);

    public abstract ValueTask DisposeAsync();
}
