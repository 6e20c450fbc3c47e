namespace Messages.Api.Storage;

public enum StorageProvider
{
    /// <summary>An embedded database in one file: nothing to install, one API instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several API instances sharing one database.</summary>
    PostgreSql,
}

/// <summary>Where messages are kept: <c>Storage:Provider</c> and <c>ConnectionStrings:Messages</c>.</summary>
public sealed class StorageSettings
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "Messages";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>From <c>ConnectionStrings:Messages</c>; for SQLite, empty means <see cref="DefaultSqlitePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file when none is configured: in the user's local application data, outside the repository.</summary>
    public static string DefaultSqlitePath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "messages-api", "messages.db");
    }
}
