using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Sqlite;

internal sealed class SqliteWork<T>(Func<SqliteConnection, SqliteTransaction?, T> work, CancellationToken cancellationToken)
    : SqliteWork(cancellationToken)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _exception;

    public Task<T> Task => _completion.Task;

    public override bool Failed => _exception is not null;

    public override void Run(SqliteConnection connection, SqliteTransaction? transaction)
    {
        try
        {
            _result = work(connection, transaction);
        }
        catch (Exception exception)
        {
            _exception = exception;
        }
    }

    public override void Complete()
    {
        if (_exception is not null)
        {
            _completion.TrySetException(_exception);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception)
    {
        _exception = exception;
        _result = default;
    }

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
