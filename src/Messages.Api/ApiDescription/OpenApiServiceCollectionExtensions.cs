using System.Text.Json.Nodes;
using Messages.Features.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Messages.Api.ApiDescription;

public static class OpenApiServiceCollectionExtensions
{
    public const string BearerScheme = "Bearer";

    /// <summary>The bearer scheme's extension listing every scope the API defines, with its description.</summary>
    public const string ScopesExtension = "x-scopes";

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json: a bearer security scheme listing the scope catalog, and on
    /// each operation the security requirement read from its request type's attributes (the single source of truth).
    /// </summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Messages API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token (RS256 JWT) from the configured issuer. Scopes this API defines:\n"
                        + string.Join('\n', Scopes.All.Select(scope => $"- `{scope.Name}`: {scope.Description}")),
                    Extensions = new Dictionary<string, IOpenApiExtension>
                    {
                        [ScopesExtension] = new JsonNodeExtension(new JsonObject(
                            Scopes.All.Select(scope => KeyValuePair.Create(scope.Name, (JsonNode?)JsonValue.Create(scope.Description))))),
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var requirement = context.Description.ActionDescriptor.EndpointMetadata.OfType<AuthRequirement>().FirstOrDefault();
                if (requirement?.Kind == AuthRequirementKind.Authenticated)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [.. requirement.Scopes],
                    });
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>The document for everyone; the interactive reference (Scalar, at /scalar) in Development only.</summary>
    public static WebApplication MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(options => options.WithTitle("Messages API").AddPreferredSecuritySchemes(BearerScheme)).AllowAnonymous();
        }

        return app;
    }
}
