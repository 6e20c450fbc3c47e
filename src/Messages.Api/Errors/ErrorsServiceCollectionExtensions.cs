using Messages.Features.Authorization;

namespace Messages.Api.Errors;

public static class ErrorsServiceCollectionExtensions
{
    private const string DescriptionKey = "description";

    /// <summary>problem+json (RFC 9457) for every error, with a traceId; exceptions mapped in one handler.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = AddDescription);
        services.AddSingleton<AuthProblemWriter>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }

    // Auth0's quickstarts answer {"code", "description"}; clients written against them read description.
    // Every 401 and 403 carries it, with the same fixed text as detail, and so does the 503 of an issuer
    // outage, which stands where a 401 would.
    private static void AddDescription(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || context.Exception is AuthError)
        {
            problem.Extensions[DescriptionKey] = problem.Detail ?? problem.Title;
        }
    }
}
