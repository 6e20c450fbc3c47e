using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// An empty database of its own for a test: a SQLite file in a temporary folder, or a new database on
/// the PostgreSQL server named by <see cref="PostgreSqlVariable"/>. Dropped or deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>A connection string to a PostgreSQL server where the tests may create databases (CI sets it).</summary>
    public const string PostgreSqlVariable = "MESSAGES_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The API's settings for this database, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Storage:Provider"] = Provider,
        ["ConnectionStrings:Messages"] = ConnectionString,
    };

    /// <summary>The same settings as environment variables, for <see cref="ApiProcess"/>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables =>
        Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value ? value : null;

    public static Task<TestDatabase> CreateAsync(string provider) =>
        provider == PostgreSql ? CreatePostgreSqlAsync() : Task.FromResult(CreateSqlite());

    public static TestDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "messages-api-tests", Guid.NewGuid().ToString("N"));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "messages.db") }.ToString();
        return new TestDatabase(Sqlite, connectionString, () =>
        {
            // Pooled connections keep the file open.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync() => await _drop();

    /// <summary>Runs <paramref name="sql"/> (with <c>@name</c> parameters) on this database, as an operator or a crashed instance would leave it.</summary>
    public async Task<int> ExecuteAsync(string sql, IReadOnlyDictionary<string, object>? parameters = null)
    {
        await using DbConnection connection = Provider == PostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<TestDatabase> CreatePostgreSqlAsync()
    {
        var server = PostgreSqlServer
            ?? throw new InvalidOperationException($"{PostgreSqlVariable} is not set: PostgreSQL tests need a server.");
        var name = $"messages_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestDatabase(PostgreSql, connectionString, () => ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A test that needs the PostgreSQL server of <see cref="TestDatabase.PostgreSqlVariable"/>: skipped without it (CI fails on skips).</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (TestDatabase.PostgreSqlServer is null)
        {
            Skip = $"{TestDatabase.PostgreSqlVariable} is not set (bash .ci/run starts a server and sets it).";
        }
    }
}
