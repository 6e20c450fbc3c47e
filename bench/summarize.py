"""Summarises bench/run.sh's measurements: medians per mode and route, and per-round ratios."""
import statistics
import sys
from collections import defaultdict

results_path, process_path, clk_tck = sys.argv[1], sys.argv[2], int(sys.argv[3])
ROUTES = ["/api/public", "/api/private", "/api/private-scoped"]

runs = defaultdict(lambda: defaultdict(list))  # mode -> route -> [run]
rounds = defaultdict(dict)                       # (mode, round) -> route -> req/s
modes = []
for line in open(results_path):
    mode, round_, route, ticks, result = line.rstrip("\n").split("\t")
    fields = dict(item.split("=") for item in result.split()[1:])
    requests = int(fields["requests"])
    seconds = int(fields["duration_us"]) / 1e6
    run = {
        "rps": requests / seconds,
        "p50": int(fields["p50_us"]) / 1000,
        "p99": int(fields["p99_us"]) / 1000,
        "cpu_us": int(ticks) / clk_tck * 1e6 / max(requests, 1),
        "non2xx": int(fields["non2xx"]) + int(fields["socket_errors"]),
    }
    if mode not in modes:
        modes.append(mode)
    runs[mode][route].append(run)
    rounds[(mode, round_)][route] = run["rps"]

process = {}
for line in open(process_path):
    mode, *items = line.rstrip("\n").split("\t")
    process[mode] = dict(item.split("=") for item in items)

print("| mode | route | req/s | p50 ms | p99 ms | CPU us/req | non-2xx |")
print("|---|---|---:|---:|---:|---:|---:|")
for mode in modes:
    for route in ROUTES:
        measured = runs[mode][route]
        median = lambda key: statistics.median(run[key] for run in measured)
        print(f"| {mode} | {route} | {median('rps'):,.0f} | {median('p50'):.2f} | {median('p99'):.2f} "
              f"| {median('cpu_us'):.1f} | {sum(run['non2xx'] for run in measured)} |")

print()
print("| mode | private/public | scoped/public | per-round private/public | peak RSS MiB | start to first 200 ms |")
print("|---|---:|---:|---|---:|---:|")
for mode in modes:
    per_round = [(r[ROUTES[1]] / r[ROUTES[0]], r[ROUTES[2]] / r[ROUTES[0]])
                 for (m, _), r in sorted(rounds.items()) if m == mode and len(r) == 3]
    private = statistics.median(p for p, _ in per_round)
    scoped = statistics.median(s for _, s in per_round)
    detail = " ".join(f"{p:.2f}" for p, _ in per_round)
    peak = int(process[mode]["peak_rss_kib"]) / 1024
    print(f"| {mode} | {private:.2f} | {scoped:.2f} | {detail} | {peak:.0f} | {process[mode]['first_200_ms']} |")
