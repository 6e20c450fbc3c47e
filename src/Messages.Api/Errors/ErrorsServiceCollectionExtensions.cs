namespace Messages.Api.Errors;

public static class ErrorsServiceCollectionExtensions
{
    /// <summary>problem+json (RFC 9457) for every error, with a traceId; exceptions mapped in one handler.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<AuthProblemWriter>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }
}
