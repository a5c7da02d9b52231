using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// Keeps one prepared command per statement and connection. Microsoft.Data.Sqlite prepares a
/// statement again for every new command; with group commit the writer runs thousands of the same
/// few statements a second, and preparing them would cost as much as running them. A connection
/// here belongs to one thread (the writer, or one reader), so the commands need no lock.
/// </summary>
public static class SqliteCommandCache
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> s_commands = [];

    /// <summary>The command for <paramref name="sql"/> on <paramref name="connection"/>, bound to <paramref name="transaction"/>; set its parameters with <see cref="Set"/>.</summary>
    public static SqliteCommand Get(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var commands = s_commands.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Sets a parameter of a cached command, adding it the first time.</summary>
    public static SqliteCommand Set(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }
}
