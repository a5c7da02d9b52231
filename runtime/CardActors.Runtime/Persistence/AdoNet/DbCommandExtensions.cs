using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

internal static class DbCommandExtensions
{
    /// <summary>
    /// Sets the value of the placeholder <c>$position</c>, adding its parameter on a command's first
    /// use. A reused command keeps its parameters, so only the values change. Positions are set in
    /// order, starting at 1.
    /// </summary>
    public static void Set(this DbCommand command, AdoNetDialect dialect, int position, object value)
    {
        if (position <= command.Parameters.Count)
        {
            command.Parameters[position - 1].Value = value;
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = dialect.ParameterName(position);
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
