namespace Messages.Api.Tests;

public sealed class ApiHostTests
{
    [Fact]
    public void Options_NoContentRootGiven_UseTheApplicationFolder()
    {
        var options = ApiHost.Options(["--urls", "http://127.0.0.1:0"]);

        Assert.Equal(AppContext.BaseDirectory, options.ContentRootPath);
        Assert.Equal(["--urls", "http://127.0.0.1:0"], options.Args!);
    }

    [Theory]
    [InlineData("--contentRoot", "/srv/messages")]
    [InlineData("--contentroot", "/srv/messages")]
    public void Options_ContentRootOnTheCommandLine_IsLeftToTheHost(string name, string value)
    {
        var options = ApiHost.Options([name, value]);

        Assert.Null(options.ContentRootPath);
    }
}
