namespace CardActors.Storage.Sqlite;

/// <summary>SQLite's <c>synchronous</c> setting, with WAL journaling.</summary>
public enum SqliteSynchronous
{
    /// <summary>Each commit is synced to disk before it is acknowledged: an acknowledged write survives power loss.</summary>
    Full,

    /// <summary>Commits are synced only at checkpoints: several times faster, but power loss can undo the last commits (never corrupt the file).</summary>
    Normal,
}
