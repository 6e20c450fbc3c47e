using Messages.Api.Logging;
using Microsoft.Extensions.Options;

namespace Messages.Api.Authentication;

internal static class IssuerStartupCheck
{
    /// <summary>Says once at start-up when Development runs without an issuer (elsewhere start-up fails).</summary>
    public static void WarnIfIssuerMissing(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<Auth0Settings>>().Value.IsIssuerConfigured)
        {
            LogEvents.IssuerNotConfigured(app.Services.GetRequiredService<ILogger<Auth0Settings>>());
        }
    }
}
