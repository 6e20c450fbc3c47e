using Microsoft.AspNetCore.Authentication.JwtBearer;

// The benchmark's baseline (bench/run.sh, mode plain-jwtbearer): a plain ASP.NET Core minimal API with
// AddJwtBearer and the quickstart's three routes, as the ASP.NET Core documentation writes it. No token
// cache, no request log, no metrics. Reads the same settings as the API:
//   Auth0__Authority, Auth0__Audience, Auth0__RequireHttpsMetadata
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var auth0 = builder.Configuration.GetSection("Auth0");
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = auth0["Authority"];
        options.Audience = auth0["Audience"];
        options.RequireHttpsMetadata = auth0.GetValue("RequireHttpsMetadata", true);
        options.MapInboundClaims = false;
    });
builder.Services.AddAuthorizationBuilder()
    .AddPolicy("read:messages", policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
        context.User.FindFirst("scope")?.Value.Split(' ').Contains("read:messages") == true));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/api/public", () => new MessageResponse("Hello from a public endpoint! You don't need to be authenticated to see this."));
app.MapGet("/api/private", () => new MessageResponse("Hello from a private endpoint! You need to be authenticated to see this."))
    .RequireAuthorization();
app.MapGet("/api/private-scoped", () => new MessageResponse("Hello from a private endpoint! You need to be authenticated and have a scope of read:messages to see this."))
    .RequireAuthorization("read:messages");

await app.RunAsync();

internal sealed record MessageResponse(string Message);
