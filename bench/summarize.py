"""Summarises bench/run.sh's measurements: medians per mode and route, then the targets with verdicts.

Every ratio and difference is computed within a round (runs made seconds apart), then the median of
the rounds is taken.
"""
import statistics
import sys
from collections import defaultdict

results_path, process_path, clk_tck = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings = sys.argv[4] if len(sys.argv) > 4 else ""
PUBLIC, PRIVATE, SCOPED = "/api/public", "/api/private", "/api/private-scoped"
ROUTES = [PUBLIC, PRIVATE, SCOPED]

# A round's measurement of a mode and route may come in slices (bench/run.sh's SLICES): they are added up
# (requests, seconds, CPU ticks, errors); the latencies are the median of the slices'.
slices = defaultdict(list)  # (mode, round, route) -> [slice]
modes = []
for line in open(results_path):
    mode, round_, route, ticks, result = line.rstrip("\n").split("\t")
    fields = dict(item.split("=") for item in result.split()[1:])
    slices[(mode, round_, route)].append({
        "requests": int(fields["requests"]),
        "seconds": int(fields["duration_us"]) / 1e6,
        "ticks": int(ticks),
        "p50": int(fields["p50_us"]) / 1000,
        "p99": int(fields["p99_us"]) / 1000,
        "non2xx": int(fields["non2xx"]) + int(fields["socket_errors"]),
    })
    if mode not in modes:
        modes.append(mode)

runs = defaultdict(lambda: defaultdict(list))  # mode -> route -> [run]
rounds = defaultdict(dict)                       # (mode, round) -> route -> run
for (mode, round_, route), parts in slices.items():
    requests = sum(part["requests"] for part in parts)
    run = {
        "rps": requests / sum(part["seconds"] for part in parts),
        "p50": statistics.median(part["p50"] for part in parts),
        "p99": statistics.median(part["p99"] for part in parts),
        "cpu_us": sum(part["ticks"] for part in parts) / clk_tck * 1e6 / max(requests, 1),
        "non2xx": sum(part["non2xx"] for part in parts),
    }
    runs[mode][route].append(run)
    rounds[(mode, round_)][route] = run

process = defaultdict(dict)
for line in open(process_path):
    mode, *items = line.rstrip("\n").split("\t")
    process[mode].update(item.split("=") for item in items)


def per_round(figure):
    """Median over the rounds of figure(round_number), skipping rounds that lack a measurement."""
    values = []
    for round_ in sorted({r for (_, r) in rounds}, key=int):
        try:
            values.append(figure(round_))
        except KeyError:
            pass
    return statistics.median(values) if values else None


def measured(mode, route, key, round_):
    return rounds[(mode, round_)][route][key]


print(f"Settings: {settings}; medians of the rounds.\n")
print("| mode | route | req/s | p50 ms | p99 ms | CPU us/req | non-2xx |")
print("|---|---|---:|---:|---:|---:|---:|")
for mode in modes:
    for route in ROUTES:
        median = lambda key: statistics.median(run[key] for run in runs[mode][route])
        print(f"| {mode} | {route} | {median('rps'):,.0f} | {median('p50'):.2f} | {median('p99'):.2f} "
              f"| {median('cpu_us'):.1f} | {sum(run['non2xx'] for run in runs[mode][route])} |")

print()
print("| mode | private/public | scoped/public | peak RSS MiB | start to first 200 ms (CPU ms) "
      "| RequestCompleted lines / requests answered |")
print("|---|---:|---:|---:|---:|---:|")
for mode in modes:
    private = per_round(lambda r: measured(mode, PRIVATE, "rps", r) / measured(mode, PUBLIC, "rps", r))
    scoped = per_round(lambda r: measured(mode, SCOPED, "rps", r) / measured(mode, PUBLIC, "rps", r))
    if mode not in process:
        print(f"| {mode} | {private:.2f} | {scoped:.2f} | (the shipped process) | | |")
        continue
    facts = process[mode]
    peak = int(facts.get("peak_rss_kib", 0)) / 1024
    print(f"| {mode} | {private:.2f} | {scoped:.2f} | {peak:.0f} "
          f"| {facts.get('first_200_ms', '?')} ({facts.get('first_200_cpu_ms', '?')}) "
          f"| {facts.get('events', '?')} / {facts.get('answered', '?')} |")

targets = []


def target(name, figure, passed):
    targets.append((name, figure, "PASS" if passed else "FAIL"))


def missing(name, needs):
    targets.append((name, f"not measured (needs modes {needs})", "FAIL"))


def event_costs(off_mode):
    return {route: per_round(lambda r: measured("shipped", route, "cpu_us", r) - measured(off_mode, route, "cpu_us", r))
            for route in ROUTES}


def describe(costs):
    return ", ".join(f"{route} {cost:.1f} us" for route, cost in costs.items())


# Judged within the shipped process (its events switched off for some measurements of each round): two
# processes of the same build differ by more than the 3 us to be measured. The cross-process comparison
# with the event-off process is printed beside it.
if "shipped" in modes and "shipped-events-off" in modes:
    costs = event_costs("shipped-events-off")
    target("Request event costs at most 3 us of CPU per request (shipped, events on - off, same process)",
           describe(costs), max(costs.values()) <= 3.0)
    if "event-off" in modes:
        targets.append(("The same, shipped process - event-off process (not judged: includes the spread between processes)",
                        describe(event_costs("event-off")), "-"))
elif "shipped" in modes and "event-off" in modes:
    costs = event_costs("event-off")
    target("Request event costs at most 3 us of CPU per request (shipped - event-off process)",
           describe(costs), max(costs.values()) <= 3.0)
else:
    missing("Request event costs at most 3 us of CPU per request", "shipped, event-off")

if "many-clients" in modes:
    private = per_round(lambda r: measured("many-clients", PRIVATE, "rps", r) / measured("many-clients", PUBLIC, "rps", r))
    scoped = per_round(lambda r: measured("many-clients", SCOPED, "rps", r) / measured("many-clients", PUBLIC, "rps", r))
    target("1,000 distinct clients: protected / public >= 0.90",
           f"private {private:.2f}, scoped {scoped:.2f}", min(private, scoped) >= 0.90)
    peak = int(process["many-clients"]["peak_rss_kib"]) / 1024
    target("1,000 distinct clients: peak RSS <= 150 MiB", f"{peak:.0f} MiB", peak <= 150)
else:
    missing("1,000 distinct clients", "many-clients")

if "shipped" in modes and "plain-jwtbearer" in modes:
    ratio = per_round(lambda r: measured("shipped", PRIVATE, "rps", r) / measured("plain-jwtbearer", PRIVATE, "rps", r))
    target("Private route >= 1.8 x plain JwtBearer's private route",
           f"{ratio:.2f} x ({statistics.median(run['rps'] for run in runs['shipped'][PRIVATE]):,.0f} vs "
           f"{statistics.median(run['rps'] for run in runs['plain-jwtbearer'][PRIVATE]):,.0f} req/s)", ratio >= 1.8)
else:
    missing("Private route >= 1.8 x plain JwtBearer's", "shipped, plain-jwtbearer")

api_modes = [mode for mode in modes if mode not in ("plain-jwtbearer", "shipped-events-off")]
slowest = max(int(process[mode]["first_200_ms"]) for mode in api_modes) if api_modes else None
if slowest is not None:
    cpu = max(int(process[mode].get("first_200_cpu_ms", 0)) for mode in api_modes)
    target("Start to first 200 under 1 s (the API's slowest start in this run)",
           f"{slowest} ms (CPU used by then: at most {cpu} ms)", slowest < 1000)

# Not a target of its own, but what the buffered sink must keep: after SIGTERM, every request that wrk
# saw answered has its line (a few more lines are normal: requests cut off when a wrk run ends).
logged = [mode for mode in ("shipped", "many-clients") if "events" in process[mode]]
if logged:
    target("Every answered request has its RequestCompleted line after SIGTERM (lines / requests)",
           ", ".join(f"{mode} {process[mode]['events']} / {process[mode]['answered']}" for mode in logged),
           all(int(process[mode]["events"]) >= int(process[mode]["answered"]) for mode in logged))

print()
print("| target | measured | verdict |")
print("|---|---|---|")
for name, figure, verdict in targets:
    print(f"| {name} | {figure} | {verdict} |")
