using Messages.Api.Authentication;

namespace Messages.Api.DevelopmentIssuer;

/// <summary>
/// The API as its own token issuer, for local use only: active in Development when neither
/// Auth0:Domain nor Auth0:Authority is set, and never in any other environment.
/// </summary>
public sealed class DevelopmentIssuerSettings
{
    public const string SectionName = "DevelopmentIssuer";

    /// <summary>The <c>iss</c> of development tokens: never the name of a real issuer.</summary>
    public const string Issuer = "urn:messages-api:development-issuer";

    /// <summary>Where the signing key is kept, outside the repository; made on first start.</summary>
    public string KeyPath { get; set; } = DefaultKeyPath();

    public static bool IsActive(IHostEnvironment environment, Auth0Settings settings) =>
        environment.IsDevelopment() && !settings.IsIssuerConfigured;

    private static string DefaultKeyPath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "messages-api", "development-issuer-key.pem");
    }
}
