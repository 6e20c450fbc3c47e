using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Messages.Api.Storage;

/// <summary>Stops start-up on unusable storage settings, naming the key and never echoing a connection string.</summary>
internal sealed class StorageSettingsValidator : IValidateOptions<StorageSettings>
{
    private const string Key = "ConnectionStrings:Messages";

    public ValidateOptionsResult Validate(string? name, StorageSettings options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage:Provider must be Sqlite or PostgreSql.");
        }

        if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{Key} is required when Storage:Provider is PostgreSql, e.g. ConnectionStrings__Messages='Host=db;Database=messages;Username=messages;Password=...'.");
        }

        return IsWellFormed(options)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Key} is not a valid {options.Provider} connection string.");
    }

    private static bool IsWellFormed(StorageSettings options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return true;
        }

        try
        {
            _ = options.Provider == StorageProvider.Sqlite
                ? SqliteConnectionString(options.ConnectionString)
                : PostgreSqlConnectionString(options.ConnectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // One method per provider, never inlined, so that only the configured provider's assembly is loaded.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string SqliteConnectionString(string connectionString) => new SqliteConnectionStringBuilder(connectionString).ToString();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string PostgreSqlConnectionString(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).ToString();
}
