using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;
using Microsoft.Extensions.Options;

namespace Messages.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The message store over the configured database (SQLite by default, PostgreSQL for several
    /// instances), migrated to the newest schema before the server takes requests; the idempotency keys
    /// in the same database, their expired rows purged in the background.
    /// </summary>
    public static IServiceCollection AddMessageStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageSettings>()
            .BindConfiguration(StorageSettings.SectionName)
            .Configure<IConfiguration>((settings, configuration) =>
                settings.ConnectionString = configuration.GetConnectionString(StorageSettings.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageSettings>, StorageSettingsValidator>();
        services.AddSingleton(provider => MessageDatabase.Create(provider.GetRequiredService<IOptions<StorageSettings>>().Value));
        services.AddSingleton<IMessageStore, SqlMessageStore>();
        services.AddOptions<IdempotencySettings>().BindConfiguration(IdempotencySettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdempotencySettings>, IdempotencySettingsValidator>();
        services.AddSingleton<SqlIdempotencyStore>();
        services.AddSingleton<IIdempotencyStore>(provider => provider.GetRequiredService<SqlIdempotencyStore>());
        // In this order: hosted services start one after the other, so keys are purged only once migrated.
        services.AddHostedService<SchemaMigrationService>();
        services.AddHostedService<IdempotencyKeyPurgeService>();
        return services;
    }
}
