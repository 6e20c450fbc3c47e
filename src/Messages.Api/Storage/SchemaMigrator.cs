using System.Data.Common;
using System.Globalization;

namespace Messages.Api.Storage;

/// <summary>
/// Brings the database to the newest schema: numbered migrations, each applied once and recorded in
/// schema_migrations, all in one transaction. Never edit a shipped migration; add the next number.
/// </summary>
internal static class SchemaMigrator
{
    private static readonly (int Version, string Name, string[] Statements)[] _migrations =
    [
        (1, "create messages",
        [
            """
            CREATE TABLE messages (
                id TEXT NOT NULL PRIMARY KEY,
                text TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ix_messages_created_at_id ON messages (created_at DESC, id DESC)",
        ]),
        (2, "create idempotency keys",
        [
            // One row per caller and key; the primary key decides which of two racing instances runs a
            // request. In progress while answer is null (lock_token and locked_at name the holder).
            """
            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                lock_token TEXT NULL,
                locked_at BIGINT NULL,
                answer TEXT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (scope, idempotency_key)
            )
            """,
            "CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at)",
        ]),
    ];

    // Any fixed number: PostgreSQL serializes instances that start at once on this lock.
    private const long PostgreSqlLockKey = 7_262_011_001;

    public static int LatestVersion => _migrations[^1].Version;

    /// <summary>Applies the missing migrations and returns the schema version.</summary>
    public static async Task<int> MigrateAsync(MessageDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (database.Provider == StorageProvider.Sqlite)
        {
            // Persistent in the file: readers and writers stop blocking each other. Not allowed in a transaction.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
        }

        // SQLite begins this as BEGIN IMMEDIATE (the write lock); PostgreSQL takes the advisory lock.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Provider == StorageProvider.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey})", cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken);
        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The messages database is at schema version {current}, newer than this build knows ({LatestVersion}): run a newer build.");
        }

        foreach (var (version, name, statements) in _migrations.Where(migration => migration.Version > current))
        {
            foreach (var statement in statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await using var record = connection.CreateCommand(transaction,
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)");
            record.AddParameter("@version", version);
            record.AddParameter("@name", name);
            record.AddParameter("@applied_at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return LatestVersion;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, "SELECT MAX(version) FROM schema_migrations");
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
