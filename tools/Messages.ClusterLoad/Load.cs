using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Messages.ClusterLoad;

/// <summary>A create that ended with 201: its key, the answer's id and text, its author.</summary>
public sealed record Created(string Key, string Id, string Text, Caller Caller, bool Deletable);

/// <summary>
/// Mixed load at a fixed rate through nginx: reads (GET one message, a page, private-scoped), creates
/// with an Idempotency-Key, and deletes of the load's own messages. A create is retried with the same
/// key after a 409, 502, 503, 504, a 15 s timeout or a broken connection; a delete after a 5xx or a timeout
/// (its 404 means an earlier attempt, its own or one nginx retried, deleted it). Nothing else is retried.
/// </summary>
public sealed class Load(HttpClient http, Uri target, string runId, Func<IReadOnlyList<Caller>> callers, Stopwatch clock, Action<string> print)
{
    private static readonly TimeSpan _attemptTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _createBudget = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Created> _deletable = new();
    private readonly List<Created> _readable = [];
    private readonly ConcurrentBag<Created> _created = [];
    private readonly ConcurrentBag<string> _deleted = [];
    private readonly ConcurrentBag<(string Key, string Text, string Last)> _failedCreates = [];
    private readonly ConcurrentBag<(double At, string Status, string What)> _failures = [];
    private long _retries;
    private long _skipped;
    private int _inFlight;

    public IReadOnlyCollection<Created> Created => _created;

    public IReadOnlyCollection<string> DeletedIds => _deleted;

    public IReadOnlyCollection<(string Key, string Text, string Last)> FailedCreates => _failedCreates;

    public IReadOnlyCollection<(double At, string Status, string What)> Failures => _failures;

    public IReadOnlyDictionary<string, long> Outcomes => _outcomes;

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>When 401 answers came (seconds since the start), whatever the method.</summary>
    public ConcurrentBag<double> Refusals { get; } = [];

    /// <summary>Runs the load at <paramref name="rate"/> operations a second until <paramref name="stop"/>, then waits for what is in flight.</summary>
    public async Task RunAsync(int rate, int maxInFlight, CancellationToken stop)
    {
        var random = new Random(20261201);
        var running = new List<Task>();
        var started = clock.Elapsed;
        long launched = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync(CancellationToken.None))
        {
            var due = (long)((clock.Elapsed - started).TotalSeconds * rate);
            for (; launched < due; launched++)
            {
                if (Volatile.Read(ref _inFlight) >= maxInFlight)
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                var pick = random.Next(100);
                var caller = callers()[random.Next(callers().Count)];
                Interlocked.Increment(ref _inFlight);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await (pick switch
                        {
                            < 55 => ReadAsync(caller, pick),
                            < 85 => CreateAsync(caller, deletable: pick >= 75),
                            _ => DeleteAsync(caller, pick),
                        });
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _inFlight);
                    }
                }, CancellationToken.None));
            }

            running.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(running);
    }

    private async Task ReadAsync(Caller caller, int pick)
    {
        Created? one = null;
        lock (_readable)
        {
            if (_readable.Count > 0 && pick < 30)
            {
                one = _readable[Random.Shared.Next(_readable.Count)];
            }
        }

        var (path, token) = one is not null ? ($"api/messages/{one.Id}", one.Caller.Token)
            : pick < 45 ? ("api/messages?limit=20", caller.Token) : ("api/private-scoped", caller.Token);
        var (status, _) = await SendAsync("GET", HttpMethod.Get, path, token, null, null);
        Count("GET", status, status == "200", $"GET {path.Split('?')[0].Split('/')[1]} answered {status}");
    }

    private async Task CreateAsync(Caller caller, bool deletable)
    {
        var key = Guid.NewGuid().ToString();
        var text = $"load {runId} {key}";
        var deadline = clock.Elapsed + _createBudget;
        for (var attempt = 1; ; attempt++)
        {
            var (status, response) = await SendAsync("POST", HttpMethod.Post, "api/messages", caller.Token, key, JsonContent.Create(new { text }));
            if (status == "201")
            {
                var id = response!.RootElement.GetProperty("id").GetString()!;
                var created = new Created(key, id, text, caller, deletable);
                _created.Add(created);
                if (deletable)
                {
                    _deletable.Enqueue(created);
                }
                else
                {
                    lock (_readable)
                    {
                        _readable.Add(created);
                    }
                }

                Count("POST", status, true, "");
                return;
            }

            var retryable = status is "409" or "502" or "503" or "504" or "timeout" or "connection";
            if (!retryable || clock.Elapsed >= deadline)
            {
                _failedCreates.Add((key, text, status));
                Count("POST", status, false, $"POST ended with {status} after {attempt} attempt(s)");
                return;
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(status == "409" ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task DeleteAsync(Caller caller, int pick)
    {
        if (!_deletable.TryDequeue(out var message))
        {
            await ReadAsync(caller, pick % 55);
            return;
        }

        var status = "";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (status, _) = await SendAsync("DELETE", HttpMethod.Delete, $"api/messages/{message.Id}", message.Caller.Token, null, null);
            // The load deletes each of its messages once, so a 404 means it is gone already: nginx
            // retried the DELETE (an idempotent method) after the first instance died mid-request, or
            // this client retried it. The end state is the same; the figures count it apart.
            if (status is "204" or "404")
            {
                _deleted.Add(message.Id);
                Count("DELETE", status, true, "");
                return;
            }

            if (status is not ("502" or "503" or "504" or "timeout" or "connection"))
            {
                Count("DELETE", status, false, $"DELETE answered {status}");
                return;
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(200);
        }

        Count("DELETE", status, false, "DELETE failed 5 times");
    }

    private async Task<(string Status, JsonDocument? Body)> SendAsync(string kind, HttpMethod method, string path, string token, string? key, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(target, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var timeout = new CancellationTokenSource(_attemptTimeout);
        var started = Stopwatch.GetTimestamp();
        string status;
        JsonDocument? body = null;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            }
            else
            {
                await response.Content.LoadIntoBufferAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            status = "timeout";
        }
        catch (HttpRequestException)
        {
            status = "connection";
        }

        if (status == "401")
        {
            Refusals.Add(clock.Elapsed.TotalSeconds);
        }

        _latencies.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _statuses.AddOrUpdate($"{kind} {status}", 1, (_, count) => count + 1);
        return (status, body);
    }

    private void Count(string kind, string status, bool ok, string failure)
    {
        _outcomes.AddOrUpdate($"{kind} {(ok ? "ok" : "failed")}", 1, (_, count) => count + 1);
        if (!ok)
        {
            _failures.Add((clock.Elapsed.TotalSeconds, status, failure));
        }
    }

    public void PrintFigures(TimeSpan elapsed)
    {
        var attempts = _statuses.Values.Sum();
        print($"requests sent: {attempts} in {elapsed.TotalSeconds:F1} s ({attempts / elapsed.TotalSeconds:F0}/s); client retries: {Retries}; not sent (client at its in-flight limit): {Interlocked.Read(ref _skipped)}");
        print("answers by method and status: " + string.Join(", ", _statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}")));
        print("operations: " + string.Join(", ", _outcomes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}")));
        foreach (var (kind, values) in _latencies.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var sorted = values.Order().ToArray();
            print($"latency {kind}: p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F0} ms");
        }
    }

    private static double Percentile(double[] sorted, double quantile) => sorted[(int)Math.Min(sorted.Length - 1, quantile * sorted.Length)];
}
