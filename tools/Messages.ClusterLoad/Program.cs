using System.Diagnostics;
using System.Globalization;
using Messages.ClusterLoad;

// Load and fault scenarios against the local cluster (deploy/local-cluster.sh), through nginx:
//
//   dotnet Messages.ClusterLoad.dll <mixed|rolling|rotation> --cluster <folder> --control <local-cluster.sh>
//       [--rate 80] [--duration 36] [--subjects 40] [--max-refusal 12]
//
// mixed     load for --duration s; instance 1 killed (SIGKILL) and started again, instance 2 restarted (SIGTERM)
// rolling   load while instances 1, 2, 3 are restarted one at a time (SIGTERM, exit, start, ready)
// rotation  load while the issuer starts signing with a new key, 3 s after each instance spent its
//           unknown-kid refresh; every instance must accept the new key within --max-refusal s
// Prints the figures and exits 0 when the scenario held, 1 when it did not.
if (args.Length < 1 || args[0] is not ("mixed" or "rolling" or "rotation"))
{
    Console.Error.WriteLine("usage: Messages.ClusterLoad <mixed|rolling|rotation> --cluster <folder> --control <local-cluster.sh> [--rate N] [--duration S] [--subjects N] [--max-refusal S]");
    return 2;
}

var scenario = args[0];
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index > 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var cluster = Cluster.Load(Option("--cluster", ""), Option("--control", "deploy/local-cluster.sh"));
var rate = Number("--rate", 80);
var duration = TimeSpan.FromSeconds(Number("--duration", 36));
var subjects = Number("--subjects", 40);
var maxRefusal = TimeSpan.FromSeconds(Number("--max-refusal", 12));
var runId = $"{scenario}-{DateTime.UtcNow:HHmmss}";
var clock = Stopwatch.StartNew();
var startedAt = DateTimeOffset.UtcNow;

void Print(string line) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {line}");

var callers = cluster.MintCallers(subjects, "a");
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 64,
    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
    ConnectTimeout = TimeSpan.FromSeconds(5),
})
{ Timeout = Timeout.InfiniteTimeSpan };
var load = new Load(http, cluster.Nginx, runId, () => callers, clock, Print);

Print($"scenario {scenario} ({runId}) started {startedAt:O}: {rate} operations/s through {cluster.Nginx}, {subjects} subjects, "
    + $"instances {string.Join(" ", cluster.Instances)}");

var faults = new List<string>();
var problems = new List<string>();
var rotationAt = TimeSpan.Zero;

async Task FaultAsync(string command, TimeSpan at)
{
    var wait = at - clock.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }

    var begun = clock.Elapsed;
    Print($"fault: {command} (at {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC)");
    var exit = await cluster.RunControlAsync(command, line => Print($"  {line}"), CancellationToken.None);
    var line = $"{command}: {begun.TotalSeconds:F1} s to {clock.Elapsed.TotalSeconds:F1} s, exit {exit}";
    faults.Add(line);
    Print($"fault done: {line}");
    if (exit != 0)
    {
        problems.Add($"fault command failed: {line}");
    }
}

var probes = new Dictionary<Uri, List<(double At, int Status)>>();
async Task ProbeAsync(Uri instance, CancellationToken stop)
{
    var seen = probes[instance] = [];
    while (!stop.IsCancellationRequested)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "api/private"));
        request.Headers.Authorization = new("Bearer", callers[seen.Count % callers.Count].Token);
        try
        {
            using var response = await http.SendAsync(request, stop);
            lock (seen)
            {
                seen.Add((clock.Elapsed.TotalSeconds, (int)response.StatusCode));
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await Task.Delay(100, CancellationToken.None);
    }
}

using var stopLoad = new CancellationTokenSource();
var loadTask = load.RunAsync(rate, maxInFlight: 64, stopLoad.Token);
switch (scenario)
{
    case "mixed":
        await FaultAsync("kill 1", duration * 0.2);
        await FaultAsync("start 1", duration * 0.4);
        await FaultAsync("restart 2", duration * 0.6);
        break;
    case "rolling":
        foreach (var instance in Enumerable.Range(1, cluster.Instances.Count))
        {
            await FaultAsync($"restart {instance}", TimeSpan.FromSeconds(5));
        }

        break;
    case "rotation":
        // The worst case: each instance has just spent its unknown-kid refresh (on a token from a key
        // nobody publishes) when the new key comes into use 3 s later, so it may not fetch again before
        // the throttle has passed. Keys are made beforehand, so the timing holds on a busy machine.
        var stray = cluster.StrayToken();
        var nextKey = Cluster.PrepareKey();
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var instance in cluster.Instances)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "api/private"));
            request.Headers.Authorization = new("Bearer", stray);
            using var response = await http.SendAsync(request);
            Print($"unknown-kid token to {instance}: {(int)response.StatusCode} (its refresh is now spent)");
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        cluster.PublishKey(nextKey);
        faults.Add($"key rotation at {clock.Elapsed.TotalSeconds:F1} s ({DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC)");
        Print($"fault: {faults[^1]}");
        callers = cluster.MintCallers(subjects, "b");
        rotationAt = clock.Elapsed;
        Print($"tokens now signed with the new key {callers[0].KeyId}");
        using (var stopProbes = new CancellationTokenSource())
        {
            var probing = cluster.Instances.Select(instance => ProbeAsync(instance, stopProbes.Token)).ToArray();
            var deadline = clock.Elapsed + maxRefusal + TimeSpan.FromSeconds(5);
            while (clock.Elapsed < deadline && !probes.Values.All(seen => { lock (seen) { return seen.Count > 0 && seen[^1].Status == 200; } }))
            {
                await Task.Delay(200);
            }

            await Task.Delay(3000);
            await stopProbes.CancelAsync();
            await Task.WhenAll(probing);
        }

        break;
}

// The load runs on a few seconds after the last fault, and at least for the whole duration.
var end = clock.Elapsed + TimeSpan.FromSeconds(5) > duration ? clock.Elapsed + TimeSpan.FromSeconds(5) : duration;
await Task.Delay(end - clock.Elapsed);
await stopLoad.CancelAsync();
await loadTask;
var elapsed = clock.Elapsed;
Print($"load stopped ({DateTimeOffset.UtcNow:O})");
load.PrintFigures(elapsed);
Print("faults injected: " + string.Join("; ", faults));

foreach (var (at, _, what) in load.Failures.OrderBy(failure => failure.At).Take(20))
{
    Print($"failed operation at {at:F1} s: {what}");
}

if (scenario == "rotation")
{
    var refusedThroughNginx = load.Refusals.Where(at => at >= rotationAt.TotalSeconds).DefaultIfEmpty(rotationAt.TotalSeconds).Max() - rotationAt.TotalSeconds;
    var refusedBefore = load.Refusals.Count(at => at < rotationAt.TotalSeconds);
    Print($"through nginx: {load.Refusals.Count} requests refused with 401, the last {refusedThroughNginx:F1} s after the new key came into use");
    if (refusedBefore > 0)
    {
        problems.Add($"{refusedBefore} requests refused before the rotation");
    }

    if (refusedThroughNginx > maxRefusal.TotalSeconds)
    {
        problems.Add($"through nginx, requests were refused {refusedThroughNginx:F1} s after the rotation (allowed {maxRefusal.TotalSeconds} s)");
    }

    foreach (var (instance, seen) in probes)
    {
        var refused = seen.Where(probe => probe.Status == 401).ToArray();
        var window = refused.Length == 0 ? 0 : refused.Max(probe => probe.At) - rotationAt.TotalSeconds;
        var accepted = seen.Count > 0 && seen[^1].Status == 200;
        Print($"instance {instance}: {seen.Count} probes with new-key tokens, {refused.Length} refused, longest refusal window {window:F1} s, accepts the new key: {accepted}");
        if (!accepted || window > maxRefusal.TotalSeconds)
        {
            problems.Add($"instance {instance} refused new-key tokens for {window:F1} s (allowed {maxRefusal.TotalSeconds} s), accepts now: {accepted}");
        }
    }

    // A 401 inside the allowed window is what the rotation costs; any other failure is a failure.
    problems.AddRange(load.Failures
        .Where(failure => failure.Status != "401" || failure.At < rotationAt.TotalSeconds || failure.At - rotationAt.TotalSeconds > maxRefusal.TotalSeconds)
        .Select(failure => $"{failure.What} at {failure.At:F1} s"));
}
else
{
    problems.AddRange(load.Failures.Select(failure => $"{failure.What} at {failure.At:F1} s"));
}

problems.AddRange(await Verification.ReadBackAsync(http, cluster, load, Print));
problems.AddRange(await Verification.CountByKeyAsync(cluster, runId, load, Print));

foreach (var problem in problems.Take(30))
{
    Print($"problem: {problem}");
}

Print($"scenario {scenario}: {(problems.Count == 0 ? "passed" : $"FAILED ({problems.Count} problem(s))")}");
return problems.Count == 0 ? 0 : 1;
