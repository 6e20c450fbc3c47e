using Messages.Api.Logging;
using Microsoft.Extensions.Options;

namespace Messages.Api.Authentication;

internal static class IssuerStartupCheck
{
    /// <summary>Says once, when started, that Development runs without an issuer (elsewhere start-up fails).</summary>
    public static void WarnIfIssuerMissing(this WebApplication app) =>
        // After start: settings are read only once every configuration source is in and validated.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (!app.Services.GetRequiredService<IOptions<Auth0Settings>>().Value.IsIssuerConfigured)
            {
                LogEvents.IssuerNotConfigured(app.Services.GetRequiredService<ILogger<Auth0Settings>>());
            }
        });
}
