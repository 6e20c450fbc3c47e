using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// panva's oidc-provider, a certified OpenID Provider, run by Node.js as its own process on a free
/// loopback port (tests/oidc-provider/server.mjs): client credentials grant and resource indicators,
/// so that its access tokens are RS256 JWTs for <see cref="TestIssuer.Audience"/>.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "messages-interop-client";

    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly string _clientSecret = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private OidcProviderProcess(string folder)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.mjs");
        start.Environment["AUDIENCE"] = TestIssuer.Audience;
        start.Environment["CLIENT_ID"] = ClientId;
        start.Environment["CLIENT_SECRET"] = _clientSecret;
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The provider's issuer, as it writes it in discovery and in iss: no trailing slash.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The folder of the provider's script and its installed packages.</summary>
    public static string Folder => Path.Combine(TestHosts.RepositoryRoot(), "tests", "oidc-provider");

    /// <summary>Why the provider cannot be started here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "oidc-provider", "package.json")))
        {
            return "tests/oidc-provider has no node_modules: run 'npm ci' there (bash .ci/run does).";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "node")))
            ? null
            : "node is not on PATH (bash .ci/run installs Debian's nodejs when it is missing).";
    }

    public static async Task<OidcProviderProcess> StartAsync()
    {
        if (Unavailable() is { } reason)
        {
            throw new InvalidOperationException($"The OpenID Provider cannot run: {reason}");
        }

        var provider = new OidcProviderProcess(Folder);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await provider._process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"oidc-provider ended before listening:\n{provider.Errors}");
            provider.Issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the provider wrote to its standard error (warnings, failures).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>An access token from the token endpoint: client credentials, for our audience, with <paramref name="scope"/> if any.</summary>
    public async Task<string> GetAccessTokenAsync(string? scope)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = TestIssuer.Audience };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Issuer}/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{ClientId}:{_clientSecret}")));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || !body.TryGetProperty("access_token", out var token))
        {
            throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {body}\n{Errors}");
        }

        return token.GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>
/// A test that needs Node.js and tests/oidc-provider's packages: skipped without them on a developer's
/// machine, and run (so failing, with the reason) under <c>CI=true</c>, where nothing may be skipped.
/// </summary>
public sealed class OidcProviderFactAttribute : FactAttribute
{
    public OidcProviderFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && OidcProviderProcess.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
