using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>A connection from the data source's pool and new commands, all given back at the end.</summary>
internal sealed class PooledCommandScope : CommandScope
{
    private readonly DbConnection _connection;
    private DbCommand? _command;

    private PooledCommandScope(DbConnection connection) => _connection = connection;

    public static async ValueTask<CommandScope> OpenAsync(DbDataSource dataSource, CancellationToken cancellationToken)
        => new PooledCommandScope(await dataSource.OpenConnectionAsync(cancellationToken));

    public override DbCommand Command(string sql)
    {
        // Commands run one after another, so the previous one is done with.
        _command?.Dispose();
        _command = _connection.CreateCommand();
        _command.CommandText = sql;
        return _command;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
