using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Messages.Api.Cors;

public static class CorsServiceCollectionExtensions
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    /// <summary>
    /// Browser access as in the quickstart (Content-Type and Authorization headers) for the origins in
    /// <c>Cors:AllowedOrigins</c>; any origin in Development when none is listed, none otherwise.
    /// WWW-Authenticate is exposed so a browser app can read why it was refused, Location so it can follow a created message.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
        {
            var origins = configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [];
            options.AddDefaultPolicy(policy =>
            {
                if (origins.Length > 0)
                {
                    policy.WithOrigins(origins);
                }
                else if (environment.IsDevelopment())
                {
                    policy.AllowAnyOrigin();
                }

                policy.WithHeaders(HeaderNames.ContentType, HeaderNames.Authorization, "Idempotency-Key")
                    .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
                    .WithExposedHeaders(HeaderNames.WWWAuthenticate, HeaderNames.Location)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        });
        return services;
    }

    /// <summary>
    /// ASP.NET Core's CORS middleware with the configured policy, built directly. <c>UseCors()</c> binds
    /// it by reflection, and because its <c>Invoke</c> takes the policy provider as a parameter, compiles
    /// an expression tree at start-up and resolves a new (transient) provider for every request. The
    /// provider is stateless (it reads the configured options); one serves every request.
    /// </summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var policies = services.GetRequiredService<ICorsPolicyProvider>();
        return app.Use(next =>
        {
            var cors = new CorsMiddleware(next, services.GetRequiredService<ICorsService>(), services.GetRequiredService<ILoggerFactory>());
            return httpContext => cors.Invoke(httpContext, policies);
        });
    }
}
