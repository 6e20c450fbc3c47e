using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// The API in Production mode, validating tokens from a <see cref="TestIssuer"/> over real HTTP.
/// One instance serves every HTTP test (see <see cref="ApiCollection"/>); tests that change the issuer
/// (rotation, outages) or the settings start their own with <see cref="StartOwnAsync"/>.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.test";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _issuerPath;

    public ApiFactory()
        : this(new Dictionary<string, string>())
    {
    }

    private ApiFactory(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null, string issuerPath = "/")
    {
        _settings = settings;
        _services = services;
        _issuerPath = issuerPath;
    }

    public TestIssuer Issuer { get; private set; } = null!;

    public CapturingSink Logs { get; } = new();

    /// <summary>A SQLite file of this run's own, never the user's real database.</summary>
    public TestDatabase Database { get; } = TestDatabase.CreateSqlite();

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync(_issuerPath);
        // Started here, once: WebApplicationFactory starts its server lazily, and not thread-safely.
        _ = Server;
    }

    /// <summary>
    /// An API host and issuer of the test's own, with <paramref name="settings"/> over the usual ones,
    /// <paramref name="services"/> (a fake clock, for instance) over the API's own, and an issuer whose URL
    /// ends with <paramref name="issuerPath"/> (see <see cref="TestIssuer.StartAsync"/>).
    /// </summary>
    public static async Task<ApiFactory> StartOwnAsync(
        IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null, string issuerPath = "/")
    {
        var factory = new ApiFactory(settings, services, issuerPath);
        await factory.InitializeAsync();
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
        await Database.DisposeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public HttpClient CreateClient(string? authorization)
    {
        var client = CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    /// <summary>
    /// GET <paramref name="path"/> with <paramref name="authorization"/> in that many Authorization fields,
    /// byte for byte: straight into the test server, past HttpClient's own header parsing and clean-up.
    /// The path is resolved as a URL (dot segments removed, percent-encoding kept) as a client would send it.
    /// </summary>
    public async Task<AuthAnswer> GetAsync(string path, string? authorization, int copies = 1) =>
        await AuthAnswer.ReadAsync((await SendGetAsync(path, authorization, copies)).Response);

    /// <summary>The same GET as <see cref="GetAsync"/>, answering the whole response (body unread).</summary>
    public async Task<HttpContext> SendGetAsync(string path, string? authorization, int copies = 1)
    {
        var uri = new Uri(new Uri("http://localhost"), path);
        return await Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = PathString.FromUriComponent(uri);
            request.Request.QueryString = QueryString.FromUriComponent(uri);
            if (authorization is not null)
            {
                request.Request.Headers.Authorization = Enumerable.Repeat(authorization, copies).ToArray();
            }
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Auth0:Authority", Issuer.Issuer);
        builder.UseSetting("Auth0:Audience", TestIssuer.Audience);
        builder.UseSetting("Auth0:RequireHttpsMetadata", "false");
        builder.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
        foreach (var (key, value) in Database.Settings.Concat(_settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
