using Messages.Features.MessageBoard;
using Microsoft.Extensions.Options;

namespace Messages.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The message store over the configured database (SQLite by default, PostgreSQL for several
    /// instances), migrated to the newest schema before the server takes requests.
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
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }
}
