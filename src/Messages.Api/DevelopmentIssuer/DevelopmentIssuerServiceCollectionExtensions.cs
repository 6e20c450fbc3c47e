using Messages.Api.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Messages.Api.DevelopmentIssuer;

public static class DevelopmentIssuerServiceCollectionExtensions
{
    /// <summary>
    /// When the development issuer is active, points JwtBearer at this server's own discovery document,
    /// so development tokens go through discovery, JWKS and RS256 like production ones. Call after
    /// <c>AddApiAuthentication</c>: its settings are overridden only when the issuer is active.
    /// </summary>
    public static IServiceCollection AddDevelopmentIssuer(this IServiceCollection services)
    {
        services.AddOptions<DevelopmentIssuerSettings>().BindConfiguration(DevelopmentIssuerSettings.SectionName);
        services.AddSingleton(provider =>
            DevelopmentSigningKey.LoadOrCreate(provider.GetRequiredService<IOptions<DevelopmentIssuerSettings>>().Value.KeyPath));

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<Auth0Settings>, IHostEnvironment, IServer>((options, settings, environment, server) =>
            {
                if (!DevelopmentIssuerSettings.IsActive(environment, settings.Value))
                {
                    return;
                }

                // Resolved on the first authenticated request, when the server knows its address.
                options.Authority = null;
                options.MetadataAddress = SelfAddress(server) + DevelopmentIssuerEndpoints.DiscoveryPath;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters.ValidIssuer = DevelopmentIssuerSettings.Issuer;
            });
        return services;
    }

    private static string SelfAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? "http://localhost";
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
