using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// The built API (src/Messages.Api/bin/...) run as its own process with environment variables, as an
/// operator would run it, serving real HTTP on a loopback port.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TestDatabase? _database;

    private ApiProcess(IReadOnlyDictionary<string, string> environment, int port, string? workingDirectory)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        // A temporary SQLite file unless the test chose a database: never the user's real one.
        if (!environment.Keys.Any(name => name.StartsWith("Storage__", StringComparison.Ordinal) || name == "ConnectionStrings__Messages"))
        {
            _database = TestDatabase.CreateSqlite();
            environment = environment.Concat(_database.EnvironmentVariables).ToDictionary();
        }

        _process = new Process { StartInfo = StartInfo(["--urls", BaseAddress.ToString()], environment, workingDirectory) };
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The files the running API has mapped (its loaded assemblies among them), from /proc.</summary>
    public IReadOnlySet<string> MappedFileNames() =>
        File.ReadLines($"/proc/{_process.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].StartsWith('/'))
            .Select(fields => Path.GetFileName(fields[5]))
            .ToHashSet(StringComparer.Ordinal);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Started in its own folder, or in <paramref name="workingDirectory"/> (as a service unit without one would be).</summary>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null) =>
        new(environment, TestHosts.FreeLoopbackPort(), workingDirectory);

    /// <summary>Runs the API executable with arguments (a command such as <c>token</c>) to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Started against <paramref name="issuer"/> (over plain http), and ready to answer.</summary>
    public static async Task<ApiProcess> StartReadyAsync(TestIssuer issuer, IReadOnlyDictionary<string, string>? environment = null)
    {
        var api = Start(new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Auth0__Authority"] = issuer.Issuer,
            ["Auth0__Audience"] = TestIssuer.Audience,
            ["Auth0__RequireHttpsMetadata"] = "false",
        });
        try
        {
            await api.WaitUntilReadyAsync();
            return api;
        }
        catch
        {
            // The caller never gets it to dispose: end the process here rather than leave it running.
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the API answers its public route, or fails with what it printed.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("api/public");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or a first answer slower than the probe's timeout on a busy machine.
            }
            catch (TaskCanceledException)
            {
                // The first request of a cold process on a busy machine may take longer than the timeout.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The API did not become ready. Its output:\n{Output}");
    }

    /// <summary>Sends SIGTERM, as a container platform or systemd does to stop the process.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to end by itself (as on a start-up failure) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Asks the process to stop as a container runtime or systemd does (SIGTERM), and waits until it has
    /// ended and its output has been read to the end. Returns its exit code.
    /// </summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    // Production unless the test says otherwise, as an operator would run it.
    private static ProcessStartInfo StartInfo(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var apiDll = FindApiDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(apiDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The API's own build output, in the configuration the tests were built in.</summary>
    public static string FindApiDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var apiDll = Path.Combine(TestHosts.RepositoryRoot(), "src", "Messages.Api", "bin", configuration, testOutput.Name, "Messages.Api.dll");
        return File.Exists(apiDll) ? apiDll : throw new FileNotFoundException("Build the API first.", apiDll);
    }
}
