#!/usr/bin/env python3
"""Load test of `corridor serve` on loopback: 16 concurrent clients, at least 1,000 requests.

  load_test.py CORRIDOR_BINARY [--requests N] [--clients C] [--write-doc docs/performance.md]

Every answer must be 200 and byte-identical to the answer the same request got alone before
the load (so requests cannot disturb each other), memory must stay bounded (the server's peak
resident set under 512 MB, and a second, equal round may not grow it by more than 32 MB).
Prints requests/s and latency percentiles; with --write-doc, replaces the section between
`<!-- serve-load-test:begin -->` and `<!-- serve-load-test:end -->` with the measured figures.
"""
import argparse
import datetime
import http.client
import os
import platform
import re
import subprocess
import sys
import threading
import time

from serve_support import Server, request

# A mix of what the app and API clients ask: routes (several objectives, alternatives), max
# flows, node searches, the network and the index.
PATHS = [
    "/api/route?from=XIAN&to=BAKU",
    "/api/route?from=XIAN&to=ISTANBUL&by=cost&k=3",
    "/api/route?from=XIAN&to=DUISBURG&corridor=middle",
    "/api/route?from=URUMQI&to=POTI&by=co2&k=2",
    "/api/route?from=XIAN&to=ISTANBUL&avoid_country=RU,IR",
    "/api/flow?from=KHORGOS,ALASHANKOU&to=BAKU&target_tpy=10000000",
    "/api/flow?from=KHORGOS&to=POTI,BATUMI&corridor=middle",
    "/api/nodes?search=ba",
    "/api/network",
    "/api",
]


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def round_of(port, expected, clients, per_client):
    latencies, failures, lock = [], [], threading.Lock()

    def client(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for i in range(per_client):
            path = PATHS[(index + i) % len(PATHS)]
            start = time.perf_counter()
            try:
                r = request(port, "GET", path, conn=conn)
            except (OSError, http.client.HTTPException) as e:  # a closed keep-alive connection counts too
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    failures.append(f"{path}: {e!r}")
                continue
            mine.append(time.perf_counter() - start)
            if r.status != 200 or r.body != expected[path]:
                with lock:
                    failures.append(f"{path}: status {r.status}, {len(r.body)} bytes")
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return time.perf_counter() - start, sorted(latencies), failures


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_doc(path, text):
    with open(path) as f:
        doc = f.read()
    begin, end = "<!-- serve-load-test:begin -->", "<!-- serve-load-test:end -->"
    block = f"{begin}\n{text}{end}"
    if begin in doc:
        doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n## corridor serve under load\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(doc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--requests", type=int, default=1600)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--write-doc")
    parser.add_argument("--server-args", default="", help="extra `corridor serve` options, e.g. \"--threads 8\"")
    args = parser.parse_args()
    per_client = -(-args.requests // args.clients)
    with Server(args.binary, *args.server_args.split()) as server:
        expected = {}
        for path in PATHS:
            r = request(server.port, "GET", path)
            assert r.status == 200, f"{path}: {r.status} {r.body[:200]!r}"
            expected[path] = r.body
        rss_start = server.rss_kb()
        seconds, latencies, failures = round_of(server.port, expected, args.clients, per_client)
        rss_first = server.rss_kb()
        seconds2, latencies2, failures2 = round_of(server.port, expected, args.clients, per_client)
        rss_second, peak = server.rss_kb(), server.rss_kb("VmHWM")
        workers = re.search(r"\((\d+) workers", server.banner).group(1)
        code, _ = server.stop()
    total = len(latencies) + len(failures)
    rps = len(latencies) / seconds
    p50, p99, worst = percentile(latencies, 50), percentile(latencies, 99), latencies[-1]
    print(f"{total} requests from {args.clients} clients in {seconds:.2f} s: {rps:.0f} requests/s, "
          f"P50 {p50 * 1000:.1f} ms, P99 {p99 * 1000:.1f} ms, max {worst * 1000:.1f} ms; failures: {len(failures)}")
    print(f"second round: {len(latencies2) / seconds2:.0f} requests/s, P99 {percentile(latencies2, 99) * 1000:.1f} ms; "
          f"failures: {len(failures2)}")
    print(f"resident memory: {rss_start // 1024} MB at start, {rss_first // 1024} MB after round 1, "
          f"{rss_second // 1024} MB after round 2, peak {peak // 1024} MB")
    for f in (failures + failures2)[:10]:
        print("failure:", f)
    # Under AddressSanitizer (make sanitize) freed memory sits in ASan's quarantine and every
    # byte has shadow memory: the sanitizer build passes its own bound (CORRIDOR_MAX_RSS_MB).
    max_rss_mb = int(os.environ.get("CORRIDOR_MAX_RSS_MB", "512"))
    ok = (not failures and not failures2 and total >= 1000 and args.clients >= 16 and peak < max_rss_mb * 1024
          and rss_second - rss_first < 32 * 1024 and code == 0)
    if args.write_doc and ok:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        write_doc(args.write_doc, (
            f"Measured by `make serve-load` (tests/server/load_test.py, also run by ctest as `server_load`) on "
            f"{datetime.date.today().isoformat()}, commit {commit}, {os.cpu_count()} CPU cores ({cpu_name()}), "
            f"`corridor serve` with {workers} workers, Release build. {args.clients} concurrent clients on loopback, "
            f"each with one keep-alive connection, sent {total} requests cycling through {len(PATHS)} kinds "
            f"(routes with several objectives and alternatives, max flows, node searches, the whole network, "
            f"the index); every answer was compared with the answer the same request got alone.\n\n"
            f"| measure | value |\n|---|---|\n"
            f"| requests | {total} ({len(failures)} failed) |\n"
            f"| throughput | {rps:.0f} requests/s |\n"
            f"| latency P50 | {p50 * 1000:.1f} ms |\n"
            f"| latency P99 | {p99 * 1000:.1f} ms |\n"
            f"| latency max | {worst * 1000:.1f} ms |\n"
            f"| resident memory | {rss_start // 1024} MB at start, {rss_first // 1024} MB after the run, "
            f"{rss_second // 1024} MB after a second equal run; peak {peak // 1024} MB |\n\n"
            f"The machine was shared with other builds while this ran, so the throughput is a floor.\n"))
        print(f"wrote the figures into {args.write_doc}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
