using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// The API in Production mode, validating tokens from a <see cref="TestIssuer"/> over real HTTP.
/// One instance serves every HTTP test (see <see cref="ApiCollection"/>).
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.test";

    public TestIssuer Issuer { get; private set; } = null!;

    public CapturingSink Logs { get; } = new();

    /// <summary>A SQLite file of this run's own, never the user's real database.</summary>
    public TestDatabase Database { get; } = TestDatabase.CreateSqlite();

    public async Task InitializeAsync() => Issuer = await TestIssuer.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient CreateClient(string? authorization)
    {
        var client = CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Auth0:Authority", Issuer.Issuer);
        builder.UseSetting("Auth0:Audience", TestIssuer.Audience);
        builder.UseSetting("Auth0:RequireHttpsMetadata", "false");
        builder.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
