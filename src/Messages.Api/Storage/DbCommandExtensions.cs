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
}
