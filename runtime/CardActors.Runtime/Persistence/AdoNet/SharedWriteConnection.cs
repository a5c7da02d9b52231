using System.Data;
using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>
/// One open connection that runs one operation at a time, with each statement prepared once.
/// For a database that lets one writer in at a time anyway (SQLite): writers queue in
/// <paramref name="turn"/> without holding a thread, instead of sleeping in the database's busy
/// handler, and no write pays for opening a connection or compiling its statement. The queue is
/// the database's, not this connection's, so other writers to the same file wait in it too.
/// </summary>
internal sealed class SharedWriteConnection(DbDataSource dataSource, SemaphoreSlim turn) : IDisposable
{
    private readonly SemaphoreSlim _turn = turn;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbConnection? _connection;
    private bool _disposed;

    public async ValueTask<CommandScope> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            // A write that arrives after disposal must not reopen a connection no one will close.
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not { State: ConnectionState.Open })
            {
                Close();
                _connection = await dataSource.OpenConnectionAsync(cancellationToken);
            }

            return new SharedWriteScope(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>Called by the scope that holds the turn.</summary>
    internal DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _commands.Add(sql, command);
        }

        return command;
    }

    internal void Exit() => _turn.Release();

    public void Dispose()
    {
        // Let a write in progress finish first.
        _turn.Wait();
        try
        {
            _disposed = true;
            Close();
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
