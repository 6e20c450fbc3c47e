namespace Messages.Api;

internal static class ApiHost
{
    /// <summary>
    /// The host's options: the content root (where appsettings.json, with the logging defaults, is read
    /// from) is the application's own folder unless one is given (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c>). ASP.NET's default, the current folder,
    /// would leave an API started from elsewhere (<c>dotnet /opt/messages-api/Messages.Api.dll</c>, a
    /// service unit without a working directory) without its settings, and in Production without any log.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        // The sources the host itself reads its content root from, in its order.
        var hostSettings = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        var contentRoot = string.IsNullOrEmpty(hostSettings[HostDefaults.ContentRootKey]) ? AppContext.BaseDirectory : null;
        return new WebApplicationOptions { Args = args, ContentRootPath = contentRoot };
    }
}
