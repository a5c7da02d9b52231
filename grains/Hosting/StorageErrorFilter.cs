using System.Data.Common;

namespace CardActors.Grains.Hosting;

/// <summary>
/// Turns a database error inside a grain call into <c>storage.unavailable</c>. Driver exceptions
/// (Npgsql's, SQLite's) have no Orleans codec, so they could not even reach a caller on another
/// silo or an API host; and to a caller they all mean the same: nothing was acknowledged, try again
/// (an HTTP caller gets 503). The grain's own state is untouched: a failed write keeps the state it had.
/// </summary>
internal sealed class StorageErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (DbException exception)
        {
            throw Unavailable(exception);
        }
        catch (Exception exception) when (exception.InnerException is DbException inner)
        {
            // Orleans' storage wraps provider errors (OrleansException, ...) around the driver's.
            throw Unavailable(inner);
        }
    }

    private static DomainException Unavailable(DbException exception)
        => new(ErrorCodes.StorageUnavailable, ErrorKind.Unavailable, $"The database did not answer ({exception.GetType().Name}): the change may not have been stored: try again.");
}
