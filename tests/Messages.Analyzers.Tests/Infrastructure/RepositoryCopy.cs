using System.Diagnostics;
using System.Text;

namespace Messages.Analyzers.Tests.Infrastructure;

/// <summary>
/// A temporary copy of the parts of the repository a build needs (sources, props, editorconfig; never
/// bin or obj), so a test can add files and run the real .NET CLI without touching the working tree.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private static readonly string[] _rootFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    private RepositoryCopy(string root) => Root = root;

    public static string RepositoryRoot { get; } = FindRoot();

    public string Root { get; }

    /// <summary>Copies the root files and each of <paramref name="folders"/> (relative to the repository root).</summary>
    public static RepositoryCopy Of(params string[] folders)
    {
        var copy = new RepositoryCopy(Directory.CreateTempSubdirectory("messages-build-").FullName);
        foreach (var file in _rootFiles)
        {
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(copy.Root, file));
        }

        foreach (var folder in folders)
        {
            CopyFolder(Path.Combine(RepositoryRoot, folder), Path.Combine(copy.Root, folder));
        }

        return copy;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the copy, to its end.</summary>
    public Task<CommandResult> DotnetAsync(params string[] arguments) => Dotnet.RunAsync(Root, arguments);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source).Where(folder => Path.GetFileName(folder) is not ("bin" or "obj")))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Messages.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Messages.sln not found above the test output.");
    }
}

public sealed record CommandResult(int ExitCode, string Output)
{
    // The CI script counts "Passed!  - Failed: ..." lines; a nested run's summary quoted in a failure must not count.
    public override string ToString() => $"exit code {ExitCode}:\n{Output.Replace("! ", "!\u00a0", StringComparison.Ordinal)}";
}

public static class Dotnet
{
    // Builds on a busy 2-core CI machine: generous, but bounded.
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(15);

    public static async Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The outer `dotnet test` points MSBuild at itself through these; the child finds its own SDK.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not end within {_timeout}.");
        }

        await Task.WhenAll(stdout, stderr);
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
