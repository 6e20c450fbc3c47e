using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Messages.Api.Storage;

/// <summary>
/// The configured database: one <see cref="DbDataSource"/> (pooled, thread-safe) for the process, and
/// the provider, for the few statements that differ. Everything else runs the same SQL on both.
/// </summary>
internal sealed class MessageDatabase : IAsyncDisposable
{
    private MessageDatabase(StorageProvider provider, DbDataSource dataSource)
    {
        Provider = provider;
        DataSource = dataSource;
    }

    public StorageProvider Provider { get; }

    public DbDataSource DataSource { get; }

    public static MessageDatabase Create(StorageSettings settings) =>
        settings.Provider == StorageProvider.PostgreSql ? PostgreSql(settings.ConnectionString!) : Sqlite(settings.ConnectionString);

    // Each provider's types are named only in its own method, never inlined: the runtime then loads only
    // the configured provider's assembly (Npgsql alone maps about 1.5 MB that a SQLite API never uses).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessageDatabase PostgreSql(string connectionString) =>
        new(StorageProvider.PostgreSql, NpgsqlDataSource.Create(connectionString));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessageDatabase Sqlite(string? connectionString) =>
        new(StorageProvider.Sqlite, SqliteFactory.Instance.CreateDataSource(SqliteConnectionString(connectionString)));

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={StorageSettings.DefaultSqlitePath()}" : configured);
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        }

        // Writers wait for each other rather than fail: Microsoft.Data.Sqlite retries a busy database
        // until this many seconds have passed (with WAL, readers never wait for writers).
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        builder.Pooling = true;
        return builder.ToString();
    }
}
