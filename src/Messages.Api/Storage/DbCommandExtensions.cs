using System.Data.Common;

namespace Messages.Api.Storage;

internal static class DbCommandExtensions
{
    /// <summary>Binds <c>@name</c>: both providers accept the prefixed name in SQL and in the parameter.</summary>
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A command on <paramref name="connection"/>, enlisted in <paramref name="transaction"/> when given.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
