using Messages.Features.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messages.Api.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// JwtBearer validation of RS256 access tokens from the configured issuer (discovery, then JWKS),
    /// the <see cref="ICurrentUser"/> that features see, and a fallback policy that closes any endpoint
    /// not authorized by the mediator pipeline.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        // The binder appends configured array items to the defaults ([RS256] + [PS256]); a configured
        // list must replace them, so lists are read again on their own.
        services.AddOptions<Auth0Settings>().BindConfiguration(Auth0Settings.SectionName)
            .Configure<IConfiguration>((settings, configuration) =>
                settings.Algorithms = ConfiguredList(configuration, "Auth0:Algorithms") ?? settings.Algorithms)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Auth0Settings>, Auth0SettingsValidator>();
        services.AddOptions<ScopeClaimOptions>().BindConfiguration(ScopeClaimOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ScopeClaims = ConfiguredList(configuration, "Authorization:ScopeClaims") ?? options.ScopeClaims;
                options.PermissionClaims = ConfiguredList(configuration, "Authorization:PermissionClaims") ?? options.PermissionClaims;
            })
            // The shape rule (ScopeClaimShapes) needs one shape per claim: a string, or an array.
            .Validate(options => !options.ScopeClaims.Where(claim => !string.IsNullOrWhiteSpace(claim))
                .Intersect(options.PermissionClaims, StringComparer.Ordinal).Any(),
                "Authorization:ScopeClaims and Authorization:PermissionClaims must not name the same claim: a scope claim is a string, a permission claim an array.")
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpContextCurrentUser>();
        services.AddSingleton<BearerEvents>();
        services.AddSingleton<IssuerKeys>();

        services.AddOptions<TokenCacheSettings>().BindConfiguration(TokenCacheSettings.SectionName)
            .Validate(cache => cache.MaxEntries > 0 && cache.MaxLifetime > TimeSpan.Zero && cache.MaxTokenLength > 0 && cache.MaxMemoryMiB > 0,
                "Auth0:TokenCache:MaxEntries, MaxLifetime, MaxTokenLength and MaxMemoryMiB must be more than zero.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ValidatedTokenCache>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        WithoutKeyRingAtStartup(services);
        // Configured from options rather than from builder.Configuration, so that every source
        // (environment variables, user secrets, a test host's settings) is applied first.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<Auth0Settings>>((options, settings) => Configure(options, settings.Value))
            .Configure<ValidatedTokenCache, IOptions<ScopeClaimOptions>>((options, cache, scopeClaims) =>
            {
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new AccessTokenHandler(cache, scopeClaims.Value));
            });
        // After every Configure (the development issuer's metadata address, the backchannel handler
        // that counts fetches) and after JwtBearer's own post-configuration: our configuration manager
        // replaces the one JwtBearer made, for the same metadata address.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IOptions<Auth0Settings>, IssuerKeys>((options, settings, keys) =>
            {
                if (!string.IsNullOrEmpty(options.MetadataAddress))
                {
                    options.ConfigurationManager = keys.CreateManager(options, settings.Value);
                }
            });

        // Closed by default: an endpoint outside the mediator pipeline needs a valid token. Unknown
        // paths have no endpoint and fall through to 404; a known path with a method it does not take
        // reaches routing's own 405 endpoint, which answers with Allow, token or not: a method is no secret.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                || context.Resource is HttpContext { } httpContext
                    && httpContext.GetEndpoint() is null or { DisplayName: MethodNotAllowedEndpoint })
            .Build());
        return services;
    }

    // The display name of the endpoint that routing's HttpMethodMatcherPolicy selects when the path
    // matches but the method does not (MethodNotAllowedTests fails if ASP.NET Core ever renames it).
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    private static string[]? ConfiguredList(IConfiguration configuration, string key) =>
        configuration.GetSection(key).Get<string[]>() is { Length: > 0 } values ? values : null;

    private static void Configure(JwtBearerOptions options, Auth0Settings settings)
    {
        options.EventsType = typeof(BearerEvents);
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.Authority = settings.Issuer;
        options.Audience = settings.Audience;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.RefreshOnIssuerKeyNotFound = true;
        options.BackchannelTimeout = settings.BackchannelTimeout;
        // Mutated, not replaced: replacing would drop what JwtBearer set up.
        var parameters = options.TokenValidationParameters;
        parameters.ValidIssuer = settings.Issuer;
        parameters.ValidAudience = settings.Audience;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        // Exact audience: https://quickstarts/api/ is another identifier than https://quickstarts/api.
        parameters.IgnoreTrailingSlashWhenValidatingAudience = false;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        // A token must name its key (kid): no trying every key of the issuer in turn.
        parameters.TryAllIssuerSigningKeys = false;
        parameters.ValidAlgorithms = settings.Algorithms;
        parameters.TypeValidator = (type, token, _) => TokenPolicy.ValidateType(type, token, settings.RequireTokenType);
        // Only when configured: otherwise IdentityModel's own exact check, and a token without aud is refused.
        if (settings.ClientIds is { Length: > 0 } clientIds)
        {
            parameters.AudienceValidator = (audiences, token, _) => TokenPolicy.ValidateAudience(audiences, token, settings.Audience, clientIds);
        }

        parameters.ClockSkew = settings.ClockSkew;
        parameters.NameClaimType = ClaimNames.Subject;
    }

    /// <summary>
    /// Authentication registers ASP.NET Core data protection (for cookie schemes), whose hosted service
    /// reads the XML key ring at start-up, and on a machine's first run writes a new key under the home
    /// folder. Bearer tokens never use it: without that service the key ring is read only if something
    /// protects data one day, and the XML code (about 3 MB mapped) is not loaded at all.
    /// </summary>
    private static void WithoutKeyRingAtStartup(IServiceCollection services)
    {
        var dataProtection = typeof(DataProtectionOptions).Assembly;
        var keyRingLoaders = services
            .Where(descriptor => descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.Assembly == dataProtection)
            .ToList();
        foreach (var descriptor in keyRingLoaders)
        {
            services.Remove(descriptor);
        }
    }
}
