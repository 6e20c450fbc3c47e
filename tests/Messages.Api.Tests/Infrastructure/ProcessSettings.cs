namespace Messages.Api.Tests.Infrastructure;

/// <summary>Environment variables for an <see cref="ApiProcess"/>.</summary>
public static class ProcessSettings
{
    /// <summary>Valid Production settings naming an issuer that is never reached: enough to start and answer the public route.</summary>
    public static Dictionary<string, string> UnreachableIssuer() => new()
    {
        ["Auth0__Authority"] = "http://127.0.0.1:9/",
        ["Auth0__Audience"] = TestIssuer.Audience,
        ["Auth0__RequireHttpsMetadata"] = "false",
    };
}
