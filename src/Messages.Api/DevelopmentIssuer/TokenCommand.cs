using System.Globalization;
using Messages.Api.Authentication;
using Messages.Features.Authorization;

namespace Messages.Api.DevelopmentIssuer;

/// <summary>
/// <c>dotnet run --project src/Messages.Api -- token [options]</c>: prints one access token signed by the
/// development issuer, whether or not the server runs. Refuses outside Development.
/// </summary>
public static class TokenCommand
{
    public const string Verb = "token";

    private static readonly string _usage = $$"""
        Usage: dotnet run --project src/Messages.Api -- token [options]

        Prints an access token from the development issuer (Development only).

          --scope <scopes>         scope claim, space-delimited; repeat to add more (default: none)
          --permission <scope>     adds an element to the permissions array; repeatable
          --subject <sub>          sub claim (default: dev-user)
          --lifetime <minutes>     1 to 1440 (default: 60)
          --help                   this text

        Scopes this API defines:
        {{string.Join('\n', Scopes.All.Select(scope => $"  {scope.Name,-23}  {scope.Description}"))}}
        """;

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args.Skip(1).ToArray(), out var request, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(_usage);
            return 2;
        }

        if (request is null)
        {
            output.WriteLine(_usage);
            return 0;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var settings = builder.Configuration.GetSection(Auth0Settings.SectionName).Get<Auth0Settings>() ?? new Auth0Settings();
        if (!builder.Environment.IsDevelopment())
        {
            error.WriteLine($"The token command runs only in Development (ASPNETCORE_ENVIRONMENT=Development), not in {builder.Environment.EnvironmentName}.");
            return 1;
        }

        if (!DevelopmentIssuerSettings.IsActive(builder.Environment, settings))
        {
            error.WriteLine("An issuer is configured (Auth0:Domain or Auth0:Authority), so the development issuer is off: get tokens from that issuer.");
            return 1;
        }

        if (string.IsNullOrWhiteSpace(settings.Audience))
        {
            error.WriteLine("Auth0:Audience is required: the audience the API expects (appsettings.Development.json sets one).");
            return 1;
        }

        var keyPath = builder.Configuration.GetSection(DevelopmentIssuerSettings.SectionName).Get<DevelopmentIssuerSettings>()?.KeyPath
            ?? new DevelopmentIssuerSettings().KeyPath;
        using var key = DevelopmentSigningKey.LoadOrCreate(keyPath);
        output.WriteLine(key.CreateToken(settings.Audience, request.Subject, request.Scope, request.Permissions, request.Lifetime));
        return 0;
    }

    // Null request with no problem: --help.
    private static bool TryParse(string[] args, out TokenRequest? request, out string problem)
    {
        request = null;
        problem = string.Empty;
        var scopes = new List<string>();
        var permissions = new List<string>();
        var subject = "dev-user";
        var lifetime = TimeSpan.FromMinutes(60);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option is "--help" or "-h")
            {
                return true;
            }

            if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                problem = $"Option '{option}' needs a value.";
                return false;
            }

            var value = args[++i];
            switch (option)
            {
                case "--scope":
                    scopes.Add(value.Trim());
                    break;
                case "--permission":
                    permissions.Add(value.Trim());
                    break;
                case "--subject":
                    subject = value;
                    break;
                case "--lifetime" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 1440:
                    lifetime = TimeSpan.FromMinutes(minutes);
                    break;
                case "--lifetime":
                    problem = "--lifetime takes a whole number of minutes from 1 to 1440.";
                    return false;
                default:
                    problem = $"Unknown option '{option}'.";
                    return false;
            }
        }

        request = new TokenRequest(subject, scopes.Count == 0 ? null : string.Join(' ', scopes), permissions, lifetime);
        return true;
    }

    private sealed record TokenRequest(string Subject, string? Scope, IReadOnlyList<string> Permissions, TimeSpan Lifetime);
}
