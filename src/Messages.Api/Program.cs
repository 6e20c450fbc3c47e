using Messages.Api;
using Messages.Api.ApiDescription;
using Messages.Api.Authentication;
using Messages.Api.Cors;
using Messages.Api.DevelopmentIssuer;
using Messages.Api.Errors;
using Messages.Api.Health;
using Messages.Api.Lifecycle;
using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Api.Proxies;
using Messages.Api.Requests;
using Messages.Api.Storage;
using Messages.Features;
using Messages.Features.MessageBoard;
using Messages.Features.Quickstart;
using Serilog;

if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, Console.Out, Console.Error);
}

// Catches start-up failures (such as missing settings) before configuration is read.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    // The slim builder: Kestrel without the IIS integration and HTTP/3 (QUIC) that a Linux container
    // never uses, so their assemblies are not loaded (docs/performance.md, "Memory"). HTTPS endpoints
    // configured for Kestrel stay supported.
    var builder = WebApplication.CreateSlimBuilder(ApiHost.Options(args));
    builder.WebHost.UseKestrelHttpsConfiguration();
    builder.Services.AddApiForwardedHeaders();
    builder.Services.AddApiLogging();
    builder.Services.AddApiProblemDetails();
    builder.Services.AddApiCors();
    builder.Services.AddApiAuthentication();
    builder.Services.AddDevelopmentIssuer();
    builder.Services.AddApiHealth();
    builder.Services.AddGracefulShutdown();
    builder.Services.AddApiDescription();
    builder.Services.AddApiObservability(builder.Configuration);
    builder.Services.AddMessageStorage();
    builder.Services.AddFeatures();

    var app = builder.Build();

    // First: everything after it sees the client's address and scheme as the proxy passed them on.
    app.UseForwardedHeaders();

    // Request logging and the outcome counter sit outside the exception handler, so a 401 or 403
    // raised as an AuthError is reported with its real status rather than as a 500.
    app.UseApiRequestLogging();
    app.UseAuthOutcomeMetrics();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseApiCors();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseJsonBodyCharset();

    app.MapQuickstart().AuthorizedByPipeline();
    app.MapMessageBoard().AuthorizedByPipeline();
    app.MapDevelopmentIssuer();
    app.MapApiHealth();
    app.MapApiDescription();
    app.MapApiMetrics();

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "The API failed to start");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
