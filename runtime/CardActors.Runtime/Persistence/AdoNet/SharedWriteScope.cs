using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>The turn of one operation on a <see cref="SharedWriteConnection"/>; its commands stay with the connection.</summary>
internal sealed class SharedWriteScope(SharedWriteConnection owner) : CommandScope
{
    private bool _exited;

    public override DbCommand Command(string sql) => owner.Command(sql);

    public override ValueTask DisposeAsync()
    {
        if (!_exited)
        {
            _exited = true;
            owner.Exit();
        }

        return ValueTask.CompletedTask;
    }
}
