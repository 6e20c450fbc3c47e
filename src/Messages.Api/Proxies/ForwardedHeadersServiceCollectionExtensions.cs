using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Messages.Api.Proxies;

public static class ForwardedHeadersServiceCollectionExtensions
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    /// <summary>
    /// The client's address and scheme from X-Forwarded-For and X-Forwarded-Proto, believed only when the
    /// connection comes from a known proxy: loopback by default (nginx on the same host), or the
    /// addresses in <c>ForwardedHeaders:KnownProxies</c> and networks (CIDR) in
    /// <c>ForwardedHeaders:KnownNetworks</c>, which replace the default when either is configured.
    /// One hop only: a client cannot add addresses of its own in front of the proxy's.
    /// </summary>
    public static IServiceCollection AddApiForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
            var networks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
            if (proxies.Length == 0 && networks.Length == 0)
            {
                return;
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Where(value => !string.IsNullOrWhiteSpace(value)))
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new OptionsValidationException(KnownProxiesKey, typeof(ForwardedHeadersOptions),
                        [$"{KnownProxiesKey} holds a value that is not an IP address."]));
            }

            foreach (var network in networks.Where(value => !string.IsNullOrWhiteSpace(value)))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new OptionsValidationException(KnownNetworksKey, typeof(ForwardedHeadersOptions),
                        [$"{KnownNetworksKey} holds a value that is not a network in CIDR form (e.g. 10.0.0.0/8)."]));
            }
        }).ValidateOnStart();
        return services;
    }
}
