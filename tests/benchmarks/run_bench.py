#!/usr/bin/env python3
r"""make bench: corridor against its peers on the same generated networks, in one run.

    run_bench.py --corridor BUILD/corridor --bench BUILD/tests/benchmarks/corridor_bench \
                 --reliability-bench BUILD/tests/reliability_bench \
                 [--sizes 1000,10000,100000,1000000] [--out docs/performance.md] [--work DIR]
    run_bench.py --only equilibrium --corridor BUILD/corridor --bench BUILD/tests/benchmarks/corridor_bench
                 [--equilibrium-sizes 1000,10000] [--out docs/performance.md] [--work DIR]

For every size: `corridor generate` writes the network; corridor_bench times corridor, direct
Boost.Graph CSR programs and LEMON in-process (Google Benchmark, medians of repetitions) after
checking that they all find the same answers; networkx_peer.py times NetworkX on the edge lists
corridor_bench exported (and its answers are checked against corridor's); every peak memory
figure is the maximum resident set size of a process of its own. Then reliability_bench times
the Monte Carlo sampler on the shipped network (corridor only) and `corridor run
scenarios/baseline.json` is timed end to end. The equilibrium section times `corridor assign
--equilibrium user` against networkx_fw_peer.py (Frank-Wolfe in NetworkX) on the problem
corridor_bench --export-equilibrium wrote, each answer checked against corridor's; `--only
equilibrium` measures only that section and replaces only it in --out. The table goes to stdout
and to --out. Any command that fails ends the run with its command line and error output
(nothing is skipped silently).
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys
import time

# The parts: bench_common.py (settings, running commands), bench_report.py (the document),
# bench_equilibrium.py (the equilibrium section).
from bench_common import (
    BENCHMARKS, CAPS, HERE, ROOT, log, machine, networkx_repetitions, repetitions, run_measured,
    run_peak)
from bench_equilibrium import (
    EQUILIBRIUM_BEGIN, EQUILIBRIUM_END, measure_equilibrium_section, render_equilibrium,
    splice_equilibrium)
from bench_report import render, render_sweeps
from bench_whole import measure_commands, measure_many_od, measure_path_flow, rail_terminals


def bench_medians(bench, network, export_dir, repetitions, skip, once):
    """Runs corridor_bench; returns {name: median CPU seconds}. `skip` is a regex of benchmarks
    not to run; `once` a regex of benchmarks run a single time (slow peers on large networks)."""
    # All runs are reported (a benchmark run once has no aggregates, and
    # --benchmark_report_aggregates_only would drop it); medians are preferred where they exist.
    command = [bench, network, "--export", export_dir, "--benchmark_format=json",
               f"--benchmark_repetitions={repetitions}"]
    if skip:
        command.append(f"--benchmark_filter=-({skip})")
    if once:
        command += ["--once", once]
    # Each repetition runs for at least this long (one iteration on large graphs).
    command.append("--benchmark_min_time=0.01" if repetitions <= 3 else "--benchmark_min_time=0.1")
    out, _ = run_measured(command)
    medians, single = {}, {}
    for entry in json.loads(out)["benchmarks"]:
        assert entry["time_unit"] == "ms"
        name = entry["run_name"].split("/iterations:")[0]  # runs done once carry their settings
        if entry.get("aggregate_name") == "median":
            medians[name] = entry["cpu_time"] / 1000.0
        elif entry.get("run_type") == "iteration":
            single[name] = entry["cpu_time"] / 1000.0
    for name, seconds in single.items():
        medians.setdefault(name, seconds)
    lost = [name for name in BENCHMARKS if not (skip and re.search(skip, name)) and name not in medians]
    if lost:
        raise SystemExit(f"run_bench.py: no time for {', '.join(lost)} in the output of {' '.join(command)}")
    return medians


def networkx(kind, export_dir, repetitions):
    command = [sys.executable, os.path.join(HERE, "networkx_peer.py"), kind, export_dir, str(repetitions)]
    peak, _, out = run_peak(command)
    result = json.loads(out)
    result["peak"] = peak
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corridor")
    parser.add_argument("--bench")
    parser.add_argument("--reliability-bench")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    for name, default, meaning in CAPS:
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=default, help=f"{meaning} (default {default:,})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "performance.md"))
    parser.add_argument("--render-from", help="rewrite --out from a results.json of an earlier run (with --only "
                        "equilibrium: its equilibrium section from an equilibrium.json), measuring nothing")
    parser.add_argument("--sweep-samples", type=int, default=SWEEP_SAMPLES,
                        help=f"samples per shipped sweep in the sweep section (default {SWEEP_SAMPLES:,})")
    parser.add_argument("--only", choices=["equilibrium"],
                        help="measure only this section (needs --corridor and --bench) and replace only it in --out")
    parser.add_argument("--equilibrium-sizes", default="1000,10000",
                        help="network sizes of the equilibrium section (default 1000,10000)")
    parser.add_argument("--equilibrium-share", type=float, default=0.3,
                        help="equilibrium demand as a share of the OD pairs' max flow (default 0.3)")
    parser.add_argument("--fw-classic-max", type=int, default=1000,
                        help="largest size on which NetworkX classic Frank-Wolfe runs (default 1,000)")
    parser.add_argument("--whole-size", type=int,
                        help="nodes of the network the whole commands run on (default 200,000, at most the "
                             "largest of --sizes)")
    parser.add_argument("--whole-runs", type=int, default=3, help="runs of each corridor whole command (median)")
    parser.add_argument("--networkx-whole-cap", type=int, default=150,
                        help="CPU seconds after which a NetworkX whole command is stopped (default 150: 30 times "
                             "what corridor's whole flow command takes, with room to spare)")
    parser.add_argument("--many-od-size", type=int,
                        help="nodes of the network of the many-OD assignment (default 100,000, at most the "
                             "largest of --sizes)")
    parser.add_argument("--many-od-origins", type=int, default=10,
                        help="Chinese (and as many Turkish) terminals whose every pair has demand (default 10)")
    parser.add_argument("--many-od-shares", default="0.3,1",
                        help="demand levels, as shares of the terminal sets' max flow (default 0.3,1)")
    parser.add_argument("--many-od-cap", type=int, default=60,
                        help="CPU seconds after which the many-OD assignment is stopped (default 60: twice the 30 s target)")
    parser.add_argument("--path-flow-sizes", default="1000,3000",
                        help="generated networks on which corridor flow's plausible-route max flow meets its Python peer")
    parser.add_argument("--path-flow-cap", type=int, default=200, help="CPU seconds the Python path-flow peer may take")
    parser.add_argument("--sweeps-only", action="store_true",
                        help="measure only the shipped sweeps (needs --corridor) and print them, writing nothing")
    args = parser.parse_args()
    if args.render_from and args.only != "equilibrium":
        with open(args.render_from) as f:
            write_doc(json.load(f), args)
        return
    if args.sweeps_only:
        if not args.corridor:
            parser.error("--sweeps-only needs --corridor")
        sweeps = measure_sweeps(os.path.abspath(args.corridor), args.sweep_samples)
        print("\n".join(render_sweeps(sweeps)))
        return
    if args.only == "equilibrium":
        if args.render_from:  # the equilibrium.json of an earlier --only equilibrium run
            with open(args.render_from) as f:
                eq = json.load(f)
        else:
            if not args.corridor or not args.bench:
                parser.error("--only equilibrium needs --corridor and --bench")
            os.makedirs(args.work, exist_ok=True)
            eq = measure_equilibrium_section(os.path.abspath(args.corridor), os.path.abspath(args.bench), args)
            with open(os.path.join(args.work, "equilibrium.json"), "w") as f:
                json.dump(eq, f, indent=1)
        block = "\n".join(render_equilibrium(eq))
        try:
            with open(args.out) as f:
                old = f.read()
        except OSError:
            old = ""
        with open(args.out, "w") as f:
            f.write(splice_equilibrium(old, block))
        print(block)
        log(f"wrote the equilibrium section of {args.out} ({eq['total_s']:.0f} s of measurements)")
        return
    missing = [option for option in ("corridor", "bench", "reliability_bench") if not getattr(args, option)]
    if missing:
        parser.error("missing " + ", ".join("--" + m.replace("_", "-") for m in missing))
    corridor = os.path.abspath(args.corridor)
    bench = os.path.abspath(args.bench)
    caps = {name: getattr(args, name) for name, _, _ in CAPS}
    sizes = [int(s) for s in args.sizes.split(",")]
    args.whole_size = args.whole_size or min(200000, max(sizes))
    args.many_od_size = args.many_od_size or min(100000, max(sizes))
    os.makedirs(args.work, exist_ok=True)
    began = time.perf_counter()

    rows = [measure_size(size, corridor, bench, caps, args) for size in sizes]

    whole = measure_commands(corridor, args)
    many_od = measure_many_od(corridor, args)
    path_flow = measure_path_flow(corridor, args)

    log("reliability sampling: reliability_bench on the shipped network")
    out, _ = run_measured([os.path.abspath(args.reliability_bench), "--repeats", "3"])
    reliability = parse_reliability(out)

    log("end to end: corridor run scenarios/baseline.json")
    baseline = os.path.join(ROOT, "scenarios", "baseline.json")
    walls = []
    for _ in range(5):  # warm the page cache
        run_peak([corridor, "run", baseline])
    for _ in range(30):
        _, wall, _ = run_peak([corridor, "run", baseline])
        walls.append(wall)
    e2e = statistics.median(walls)

    sweeps = measure_sweeps(corridor, args.sweep_samples)

    equilibrium = measure_equilibrium_section(corridor, bench, args)

    total = time.perf_counter() - began
    results = {"rows": rows, "whole": whole, "many_od": many_od, "path_flow": path_flow, "e2e": [e2e, min(walls), max(walls)],
               "reliability": reliability, "sweeps": sweeps,
               "equilibrium": equilibrium, "total_s": total,
               "caps": caps, "seed": args.seed, "machine": machine()}
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    write_doc(results, args)


# Samples per shipped sweep: sweeps whose queries sample journeys (reliability) get a tenth.
SWEEP_SAMPLES = 10000


def measure_sweeps(corridor, samples):
    """Samples per second of `corridor sweep` on each shipped sweep, with 1 thread and every core
    (wall time of the whole command, loading included; best of 2)."""
    results = []
    cores = os.cpu_count() or 1
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "sweeps", "*.json"))):
        with open(path) as f:
            sweep = json.load(f)
        n = samples // 10 if any(q.get("type") == "reliability" for q in sweep["queries"]) else samples
        n = max(n, 1)
        runs = []
        for threads in sorted({1, cores}):
            log(f"sweep {os.path.basename(path)}: {n:,} samples, {threads} thread(s)")
            command = [corridor, "sweep", path, "--samples", str(n), "--threads", str(threads), "--format", "json"]
            wall = min(run_measured(command)[1] for _ in range(2))
            runs.append({"threads": threads, "seconds": wall, "per_second": n / wall})
        results.append({"file": os.path.relpath(path, ROOT), "samples": n, "inputs": len(sweep["inputs"]),
                        "queries": len(sweep["queries"]), "runs": runs})
    return results


def measure_size(size, corridor, bench, caps, args):
    """Everything measured on one generated network: a row of the document."""
    began = time.perf_counter()
    directory = os.path.join(args.work, str(size))
    os.makedirs(directory, exist_ok=True)
    network = os.path.join(directory, "network.json")
    log(f"[{size}] generate")
    _, generate_seconds = run_measured([corridor, "generate", "--nodes", str(size), "--seed", str(args.seed),
                                        "-o", network])
    skip = "|".join(name for name, on in (("flow/lemon", size > caps["lemon_preflow_max"]),
                                          ("mincost/lemon", size > caps["lemon_mincost_max"]),
                                          ("mincost/corridor", size > caps["assign_max"])) if on)
    once = "|".join(name for name, on in (("flow/lemon", size >= caps["lemon_preflow_once_from"]),
                                          ("mincost/lemon", size >= caps["mincost_once_from"]),
                                          ("mincost/corridor", size >= caps["assign_once_from"]),
                                          ("flow/corridor|flow/boost_csr", size >= caps["flow_once_from"])) if on)
    log(f"[{size}] corridor_bench ({repetitions(size)} repetitions{', skipping ' + skip if skip else ''}"
        f"{', once: ' + once if once else ''})")
    medians = bench_medians(bench, network, directory, repetitions(size), skip, once)
    with open(os.path.join(directory, "answers.json")) as f:
        answers = json.load(f)
    headers = {}
    for graph in ("route", "flow", "mincost"):
        with open(os.path.join(directory, graph + ".txt")) as f:
            header = f.readline().split()
            headers[graph] = (int(header[1]), int(header[3]))
    row = {"size": size, "links": answers["links"], "file_bytes": os.path.getsize(network),
           "generate_s": generate_seconds, "medians": medians, "answers": answers,
           "route_vertices": headers["route"][0], "route_arcs": headers["route"][1],
           "flow_vertices": headers["flow"][0], "flow_arcs": headers["flow"][1],
           "mincost_vertices": headers["mincost"][0], "mincost_arcs": headers["mincost"][1],
           # compressed_sparse_row_graph<..., uint32, uint32> with a double weight per arc
           "csr_bytes": 4 * (headers["route"][0] + 1) + 4 * headers["route"][1] + 8 * headers["route"][1]}
    log(f"[{size}] peak memory")
    # The benchmark's queries, as the command line asks them (same nodes as corridor_bench).
    origin, destination, sources, sinks = terminals(network)
    peaks = {}
    peaks["route/corridor"], _, _ = run_peak([corridor, "route", "--network", network, "--from", origin, "--to",
                                              destination, "--format", "json"])
    peaks["validate"], _, _ = run_peak([corridor, "validate", network])  # loading alone
    snapshot = os.path.join(directory, "network.cnet")
    run_measured([corridor, "pack", network, "-o", snapshot])
    peaks["route/corridor_snapshot"], _, _ = run_peak([corridor, "route", "--network", snapshot, "--from", origin,
                                                       "--to", destination, "--format", "json"])
    if size <= caps["flow_peak_max"]:
        # --max-detour none: the max flow over any route, the job the peers do (the default counts only
        # plausible routes, a path LP).
        peaks["flow/corridor"], _, _ = run_peak([corridor, "flow", "--network", network, "--from",
                                                 ",".join(sources), "--to", ",".join(sinks), "--max-detour", "none",
                                                 "--format", "json"])
    peer_runs = [("boost-route", "route", True), ("lemon-route", "route", True),
                 ("boost-flow", "flow", size <= caps["flow_peak_max"]),
                 ("lemon-flow", "flow", size <= caps["lemon_flow_peak_max"])]
    for kind, graph, on in peer_runs:
        if on:
            peaks[kind], _, _ = run_peak([bench, "--peak", kind, os.path.join(directory, graph + ".txt")])
    row["peaks"] = peaks
    row["networkx"] = {}
    for kind, limit in (("route", caps["networkx_route_max"]), ("flow", caps["networkx_flow_max"]),
                        ("mincost", caps["networkx_mincost_max"])):
        if size <= limit:
            log(f"[{size}] networkx {kind} ({networkx_repetitions(kind, size)} repetitions)")
            row["networkx"][kind] = networkx(kind, directory, networkx_repetitions(kind, size))
    check_networkx(row)
    row["seconds"] = time.perf_counter() - began
    log(f"[{size}] done in {row['seconds']:.0f} s")
    return row


def parse_reliability(out):
    """The figures of reliability_bench's output (see tests/benchmarks/reliability_bench.cpp)."""
    head = re.search(r"^route (\S+) -> (\S+): (\d+) legs; (\d+) samples, best of (\d+)$", out, re.M)
    runs = re.findall(r"^threads (\d+): ([0-9.]+) s, ([0-9.]+) million route times/s", out, re.M)
    if not head or not runs:
        raise SystemExit(f"run_bench.py: cannot read reliability_bench's output:\n{out}")
    return {"from": head.group(1), "to": head.group(2), "legs": int(head.group(3)), "samples": int(head.group(4)),
            "repeats": int(head.group(5)),
            "runs": [{"threads": int(t), "seconds": float(sec), "per_second": float(rate) * 1e6} for t, sec, rate in runs]}


def write_doc(results, args):
    text = render(results)
    try:
        with open(args.out) as f:
            old = f.read()
    except OSError:
        old = ""
    # The equilibrium section: this run's, else (--render-from an older results.json) the one there.
    block = "\n".join(render_equilibrium(results["equilibrium"])) if results.get("equilibrium") else None
    start, end = old.find(EQUILIBRIUM_BEGIN), old.find(EQUILIBRIUM_END)
    if block is None and start >= 0 and end > start:
        block = old[start:end + len(EQUILIBRIUM_END)]
    if block:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    # The server's load-test section is written by `make serve-load`, not by this run: keep it.
    start = old.find("## corridor serve under load")
    end = old.find("<!-- serve-load-test:end -->")
    if start >= 0 and end > start:
        text = text.rstrip("\n") + "\n\n" + old[start:end + len("<!-- serve-load-test:end -->")] + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    log(f"wrote {args.out} ({results['total_s']:.0f} s of measurements)")


def terminals(network_path):
    """Origin/destination ids as corridor_bench picks them: CN rail terminals (first is the route
    origin), TR rail terminals (last is the route destination)."""
    sources, sinks = rail_terminals(network_path)
    return sources[0], sinks[-1], sources, sinks


def check_networkx(row):
    answers, nx_results = row["answers"], row["networkx"]
    if "route" in nx_results and abs(nx_results["route"]["answer"] - answers["route_hours"]) > 1e-6 * max(1.0, answers["route_hours"]):
        raise SystemExit(f"NetworkX route {nx_results['route']['answer']} != corridor {answers['route_hours']}")
    if "flow" in nx_results and nx_results["flow"]["answer"] != answers["max_flow"]:
        raise SystemExit(f"NetworkX max flow {nx_results['flow']['answer']} != corridor {answers['max_flow']}")
    if "mincost" in nx_results and nx_results["mincost"]["answer"] != answers["min_cost"]:
        raise SystemExit(f"NetworkX min cost {nx_results['mincost']['answer']} != LEMON and corridor {answers['min_cost']}")


if __name__ == "__main__":
    main()
