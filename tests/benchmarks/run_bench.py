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
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def log(message):
    print(message, file=sys.stderr, flush=True)


def fail_command(command, code, err):
    raise SystemExit(f"run_bench.py: command failed (exit code {code}): {' '.join(command)}\n{err.strip()}")


def run_measured(command):
    """Runs a command; returns (stdout text, wall seconds). Fails loudly."""
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        fail_command(command, process.returncode, process.stderr)
    return process.stdout, wall


def run_peak(command):
    """Runs a command in a process of its own; returns (peak RSS bytes, wall seconds, stdout).
    Fails loudly (with the command's error output) unless it exits with code 0."""
    peak, _, wall, out = run_usage(command)
    return peak, wall, out


def run_usage(command):
    """run_peak, also returning the process's CPU seconds (user + system):
    (peak RSS bytes, CPU seconds, wall seconds, stdout)."""
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    err_file = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:
        os.dup2(write_end, 1)
        os.dup2(err_file.fileno(), 2)
        os.close(read_end)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err_file.seek(0)
        fail_command(command, code, err_file.read().decode(errors="replace"))
    err_file.close()
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, wall, b"".join(chunks).decode()


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


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release") as f:
            fields = dict(line.rstrip().split("=", 1) for line in f if "=" in line)
            os_name = fields.get("PRETTY_NAME", os_name).strip('"')
    except OSError:
        pass
    compiler = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()
    versions = []
    for package in ("libboost-graph-dev", "liblemon-dev", "nlohmann-json3-dev", "libbenchmark-dev", "python3-networkx"):
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout
        versions.append(f"{package} {v or '?'}")
    return (f"{cpu}, {os.cpu_count()} logical cores{memory}; {os_name}; "
            f"{compiler[0] if compiler else 'unknown compiler'}; " + ", ".join(versions))


def fmt_seconds(seconds):
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    r = a / b
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.2g}×"


def fmt_mb(size):
    if size is None:
        return "–"
    return f"{size / 1e6:.0f} MB" if size >= 10e6 else f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"


# Every limit of the run, as (option, default, what it limits). They keep a full `make bench`
# within about a quarter of an hour on a 2-core machine; the document lists each with its value.
CAPS = [
    ("networkx_route_max", 100000, "largest size on which NetworkX shortest path runs"),
    ("networkx_flow_max", 10000, "largest size on which NetworkX max flow runs"),
    ("networkx_mincost_max", 10000, "largest size on which NetworkX min-cost flow runs"),
    ("lemon_preflow_max", 100000, "largest size on which LEMON Preflow runs"),
    ("lemon_preflow_once_from", 100000, "from this size on, LEMON Preflow runs once"),
    ("flow_once_from", 1000000, "from this size on, max flow (corridor, Boost CSR) runs once"),
    ("assign_max", 100000, "largest size on which corridor's min-cost assignment (column generation) runs"),
    ("assign_once_from", 10000, "from this size on, corridor's min-cost assignment runs once"),
    ("mincost_once_from", 1000000, "from this size on, LEMON NetworkSimplex runs once"),
    ("lemon_mincost_max", 100000, "largest size on which LEMON NetworkSimplex runs (over 10 minutes at 1,000,000)"),
    ("flow_peak_max", 100000, "largest size at which peak memory of max flow (corridor, Boost CSR) is measured"),
    ("lemon_flow_peak_max", 10000, "largest size at which peak memory of LEMON Preflow is measured"),
]

# Every benchmark corridor_bench registers that this script reports; one that should have run
# but is missing from its output ends the run.
BENCHMARKS = ["load/simdjson_parse", "load/nlohmann_parse", "load/corridor", "load/corridor_diagnosing", "route_build/corridor", "route/corridor", "route/boost_csr",
              "route/lemon", "flow_build/corridor", "flow/corridor", "flow/boost_csr", "flow/lemon", "mincost/corridor", "mincost/lemon"]


def repetitions(size):
    """Repetitions of each in-process benchmark (the median is reported)."""
    return 9 if size <= 1000 else 5


def networkx_repetitions(kind, size):
    return 3 if size <= 1000 or (kind == "route" and size <= 100000) else 1


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
    os.makedirs(args.work, exist_ok=True)
    began = time.perf_counter()

    rows = [measure_size(size, corridor, bench, caps, args) for size in sizes]

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
    results = {"rows": rows, "e2e": [e2e, min(walls), max(walls)], "reliability": reliability, "sweeps": sweeps,
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


def render_sweeps(sweeps):
    """The sweep section of performance.md."""
    lines = ["## Uncertainty sweeps", ""]
    lines += wrap("`corridor sweep` on each shipped sweep ([sweeps.md](sweeps.md#speed)): wall time of the whole "
                  "command (loading the network, checking the sweep, sampling, answering every query of every "
                  "sample, the summary), best of 2, with one thread and with every core.", "")
    lines += ["", "| sweep | inputs | queries | samples | threads | wall time | samples per second |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for sweep in sweeps:
        for run in sweep["runs"]:
            lines.append(f"| `{sweep['file']}` | {sweep['inputs']} | {sweep['queries']} | {sweep['samples']:,} | "
                         f"{run['threads']} | {fmt_seconds(run['seconds'])} | {run['per_second']:,.0f} |")
    return lines


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
    if size <= caps["flow_peak_max"]:
        peaks["flow/corridor"], _, _ = run_peak([corridor, "flow", "--network", network, "--from",
                                                 ",".join(sources), "--to", ",".join(sinks), "--format", "json"])
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


# ---- equilibrium assignment (issue #17): corridor against NetworkX Frank-Wolfe ----

# Runs of `corridor assign --equilibrium user` per size (the median CPU time is reported).
EQUILIBRIUM_CORRIDOR_RUNS = 3
EQUILIBRIUM_GAP = 1e-4
# The conjugate NetworkX run repeats corridor's arithmetic: its answer must be corridor's to
# rounding. The classic one stops at another point within the same gap, where loads on flat
# stretches of the delay curves are only loosely determined: networkx_fw_peer.py's defaults.
CONJUGATE_TOLERANCE = 1e-9
CLASSIC_OBJECTIVE_TOLERANCE = 1e-3
CLASSIC_LOAD_TOLERANCE = 0.05


def measure_equilibrium(size, corridor, bench, args):
    """corridor's equilibrium assignment and the NetworkX Frank-Wolfe peer on one generated
    network; every answer is checked (networkx_fw_peer.py --check fails the run otherwise)."""
    began = time.perf_counter()
    directory = os.path.join(args.work, f"equilibrium-{size}")
    os.makedirs(directory, exist_ok=True)
    network = os.path.join(directory, "network.json")
    log(f"[equilibrium {size}] generate, export the problem")
    run_measured([corridor, "generate", "--nodes", str(size), "--seed", str(args.seed), "-o", network])
    run_measured([bench, "--export-equilibrium", network, directory, repr(args.equilibrium_share), "soft"])
    problem_path = os.path.join(directory, "equilibrium.json")
    with open(problem_path) as f:
        problem = json.load(f)
    ods = []
    for pair in problem["pairs"]:
        ods += ["--od", f"{pair['from']}:{pair['to']}:{pair['tonnes_per_year']:.0f}"]
    command = [corridor, "assign", "--network", os.path.join(directory, "network_soft.json"), *ods,
               "--equilibrium", "user", "--gap", repr(EQUILIBRIUM_GAP), "--format", "json"]
    log(f"[equilibrium {size}] corridor assign --equilibrium user ({EQUILIBRIUM_CORRIDOR_RUNS} runs)")
    runs = [run_usage(command) for _ in range(EQUILIBRIUM_CORRIDOR_RUNS)]
    answer = json.loads(runs[0][3])
    if answer["stop_reason"] != "converged":
        raise SystemExit(f"run_bench.py: corridor's equilibrium did not converge ({answer['stop_reason']}, relative gap "
                         f"{answer['relative_gap']:.3g} after {answer['iterations']} iterations): {' '.join(command)}")
    if any(json.loads(run[3]) != answer for run in runs[1:]):
        raise SystemExit(f"run_bench.py: corridor's equilibrium answers differ between runs: {' '.join(command)}")
    corridor_path = os.path.join(directory, "corridor.json")
    with open(corridor_path, "w") as f:
        f.write(runs[0][3])
    row = {"size": size, "links": problem["network"]["links"], "vertices": problem["vertices"],
           "arcs": len(problem["arcs"]), "elements": len(problem["elements"]), "pairs": len(problem["pairs"]),
           "pair_tpy": problem["pairs"][0]["tonnes_per_year"], "max_flow_tpy": problem["max_flow_tpy"],
           "corridor": {"iterations": answer["iterations"], "relative_gap": answer["relative_gap"],
                        "objective": answer["objective"], "seconds": statistics.median(run[1] for run in runs),
                        "peak": max(run[0] for run in runs)},
           "networkx": {}}
    peer = [sys.executable, os.path.join(HERE, "networkx_fw_peer.py"), problem_path, "--gap", repr(EQUILIBRIUM_GAP),
            "--check", corridor_path]
    for method, on, tolerances in (
            ("conjugate", True, [CONJUGATE_TOLERANCE, CONJUGATE_TOLERANCE]),
            ("classic", size <= args.fw_classic_max, [CLASSIC_OBJECTIVE_TOLERANCE, CLASSIC_LOAD_TOLERANCE])):
        if not on:
            continue
        log(f"[equilibrium {size}] NetworkX {method} Frank-Wolfe")
        command = peer + (["--conjugate"] if method == "conjugate" else []) + [
            "--objective-tolerance", repr(tolerances[0]), "--load-tolerance", repr(tolerances[1])]
        peak, cpu, _, out = run_usage(command)  # exits non-zero (a loud failure) when the answers disagree
        result = json.loads(out)
        result.update({"peak": peak, "process_s": cpu})
        if method == "conjugate" and result["iterations"] != answer["iterations"]:
            raise SystemExit(f"run_bench.py: conjugate Frank-Wolfe took {result['iterations']} iterations in NetworkX, "
                             f"{answer['iterations']} in corridor: {' '.join(command)}")
        row["networkx"][method] = result
    row["seconds"] = time.perf_counter() - began
    log(f"[equilibrium {size}] done in {row['seconds']:.0f} s")
    return row


def measure_equilibrium_section(corridor, bench, args):
    sizes = [int(s) for s in args.equilibrium_sizes.split(",")]
    began = time.perf_counter()
    rows = [measure_equilibrium(size, corridor, bench, args) for size in sizes]
    return {"rows": rows, "share": args.equilibrium_share, "gap": EQUILIBRIUM_GAP, "seed": args.seed,
            "fw_classic_max": args.fw_classic_max, "corridor_runs": EQUILIBRIUM_CORRIDOR_RUNS,
            "total_s": time.perf_counter() - began, "machine": machine(),
            "tolerances": {"conjugate": CONJUGATE_TOLERANCE, "classic_objective": CLASSIC_OBJECTIVE_TOLERANCE,
                           "classic_load": CLASSIC_LOAD_TOLERANCE}}


EQUILIBRIUM_BEGIN = "<!-- equilibrium-bench:begin -->"
EQUILIBRIUM_END = "<!-- equilibrium-bench:end -->"


def fmt_power(value):
    """1e-4 rather than 0.0001 or 1e-04."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def render_equilibrium(eq):
    """The equilibrium section of performance.md, between its markers."""
    lines = [EQUILIBRIUM_BEGIN, "## Equilibrium assignment", ""]
    add = lines.append
    names = [f"{r['size']:,}" for r in eq["rows"]]
    sizes = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    for line in wrap(
            f"`corridor assign --equilibrium user --gap {fmt_power(eq['gap'])}` (conjugate Frank–Wolfe, "
            "[model.md](model.md#congestion-load-dependent-delay-and-equilibrium-assignment)) against the same "
            "user equilibrium solved with NetworkX by `tests/benchmarks/networkx_fw_peer.py`, on generated networks "
            f"of {sizes} nodes (seed {eq['seed']}); this section alone took {fmt_duration(eq['total_s'])} "
            "(`make bench-equilibrium`, which measures only it and rewrites only it here).", ""):
        add(line)
    add("")
    add(f"Machine: {eq['machine']}.")
    add("")
    for text in (
            "**The problem.** Three Chinese terminals (first, middle and last line) to three Turkish ones, nine OD "
            f"pairs, each {eq['share']:g} × the max flow from those origins to those destinations divided by nine "
            "(whole tonnes; the table gives the amount). Every element keeps the delay function it has by default "
            "(BPR on rail and road links, queues at ports, borders, terminals, gauge changes and on ferries), but its "
            "hard capacity becomes only the delay function's practical capacity (`corridor_bench "
            "--export-equilibrium ... soft` writes that network with corridor's own writer, and corridor reads it). "
            "With the hard capacities kept, the road links between dry ports (faster than rail, 1 to 3 Mt/yr) "
            "reach them at a few per cent of the max flow, and Frank–Wolfe zigzags on the kink of the penalty above "
            "them ([model.md](model.md#hard-capacities)): on 10,000 nodes corridor itself then ends at its iteration "
            "limit above a gap of 1e-4, and classic Frank–Wolfe does so already on small networks, so there would be "
            "no time to the gap to compare.",
            "**Same problem, exported, not re-derived.** `corridor_bench --export-equilibrium` writes what "
            "`solve::equilibrium_problem` returns, the very build `assign_equilibrium` solves for the request "
            "`corridor assign --od ...` makes: the mode-expanded graph's arcs with their load-independent weights, "
            "the element (link direction or node) that delays each arc, each element's delay function, free-flow "
            "time, fixed load and hard capacity, the penalty weight and each pair's source and target vertices. "
            "Only the delay formulas (BPR; the queue with its tangent cap) and the penalty are written again in "
            "Python. NetworkX runs one `dijkstra_predecessor_and_distance` per origin and iteration (corridor: "
            "its own binary-heap Dijkstra on a CSR array); the gap is corridor's, (Σ x c − Σ d π) / Σ x c, and the "
            "line search is corridor's bisection on the derivative of Beckmann's objective.",
            "**Two NetworkX runs.** *Conjugate* is corridor's own method, step for step: it must reach corridor's "
            f"answer to {fmt_power(eq['tolerances']['conjugate'])} (objective and every delayed element's load), so its "
            "iteration count is corridor's and the time ratio is the cost of an iteration. *Classic* is plain "
            "Frank–Wolfe (direction = the all-or-nothing point) with the same line search; it stops elsewhere at the "
            "same gap, so it must agree within "
            f"{fmt_power(eq['tolerances']['classic_objective'])} on the objective (Σ x c, corridor's `objective`) and "
            f"{eq['tolerances']['classic_load']:.0%} on loads (Σ |difference| over Σ load, on elements with a delay "
            "function, whose weight strictly increases with their load, so whose equilibrium load is unique; loads "
            "without one may split differently between equally fast paths); at a gap of 1e-4, loads where a delay "
            "curve is still flat are only loosely determined, hence the wider load tolerance. It runs up to "
            f"{eq['fw_classic_max']:,} nodes (`--fw-classic-max`): it needs many times the conjugate method's "
            "iterations.",
            "**Times.** corridor: CPU time of the whole `corridor assign` process (reading the network, building, "
            f"solving, writing JSON), median of {eq['corridor_runs']} runs, so its iterations per second understate "
            "the solver's. NetworkX: CPU time of the Frank–Wolfe loop alone (`time.process_time()`), one run, after "
            "reading the export and building the DiGraph (*setup*, not included). Peak memory: maximum resident set "
            "of each whole process. Ratios are corridor ÷ NetworkX: below 1 corridor is faster."):
        for line in wrap(text, "-"):
            add(line)
    add("")
    add(f"| nodes | graph (vertices / arcs) | OD pairs | solver | iterations | time to gap {fmt_power(eq['gap'])} | iterations/s | "
        "setup | peak memory | time ÷ NetworkX | per iteration ÷ NetworkX | agreement (objective / loads) |")
    add("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in eq["rows"]:
        c = r["corridor"]
        head = f"| {r['size']:,} | {r['vertices']:,} / {r['arcs']:,} | {r['pairs']} × {r['pair_tpy'] / 1e6:.2f} Mt/yr"
        add(f"{head} | corridor (conjugate FW, whole process) | {c['iterations']:,} | {fmt_seconds(c['seconds'])} | "
            f"{c['iterations'] / c['seconds']:,.0f} | – | {fmt_mb(c['peak'])} | – | – | – |")
        for method in ("conjugate", "classic"):
            n = r["networkx"].get(method)
            if not n:
                add(f"{head} | NetworkX {method} FW | – | – | – | – | – | – | – | not run (`--fw-classic-max`) |")
                continue
            check = n["check"]
            per_iteration = ratio(c["seconds"] / c["iterations"], n["solve_s"] / n["iterations"]) \
                if c["iterations"] and n["iterations"] else None
            add(f"{head} | NetworkX {method} FW | {n['iterations']:,} | {fmt_seconds(n['solve_s'])} | "
                f"{n['iterations_per_s']:,.1f} | {fmt_seconds(n['build_s'])} | {fmt_mb(n['peak'])} | "
                f"{fmt_ratio(c['seconds'], n['solve_s'])} | "
                f"{'–' if per_iteration is None else f'{per_iteration:.2g}×'} | "
                f"{check['objective_deviation']:.1e} / {check['load_deviation']:.1e} |")
    add("")
    add(EQUILIBRIUM_END)
    return lines


def splice_equilibrium(text, block):
    """`text` (a performance.md) with its equilibrium section replaced by `block`, or the block
    put before the serve load-test section (or at the end) when it has none."""
    start, end = text.find(EQUILIBRIUM_BEGIN), text.find(EQUILIBRIUM_END)
    if start >= 0 and end > start:
        return text[:start] + block + text[end + len(EQUILIBRIUM_END):]
    at = text.find("## corridor serve under load")
    if at < 0:
        return text.rstrip("\n") + "\n\n" + block + "\n"
    return text[:at] + block + "\n" + text[at:]


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
    origin), TR rail terminals (last is the route destination). Read with a regex: the generated
    file has one node per line."""
    sources, sinks = [], []
    pattern = re.compile(r'^\{"id":"([A-Z0-9_]+)".*"country":"(CN|TR)","kind":"rail_terminal"')
    with open(network_path) as f:
        for line in f:
            match = pattern.match(line)
            if match:
                (sources if match.group(2) == "CN" else sinks).append(match.group(1))
    return sources[0], sinks[-1], sources, sinks


def check_networkx(row):
    answers, nx_results = row["answers"], row["networkx"]
    if "route" in nx_results and abs(nx_results["route"]["answer"] - answers["route_hours"]) > 1e-6 * max(1.0, answers["route_hours"]):
        raise SystemExit(f"NetworkX route {nx_results['route']['answer']} != corridor {answers['route_hours']}")
    if "flow" in nx_results and nx_results["flow"]["answer"] != answers["max_flow"]:
        raise SystemExit(f"NetworkX max flow {nx_results['flow']['answer']} != corridor {answers['max_flow']}")
    if "mincost" in nx_results and nx_results["mincost"]["answer"] != answers["min_cost"]:
        raise SystemExit(f"NetworkX min cost {nx_results['mincost']['answer']} != LEMON and corridor {answers['min_cost']}")


def render(results):
    rows, caps = results["rows"], results["caps"]
    e2e, e2e_min, e2e_max = results["e2e"]
    largest = rows[-1]
    lines = []
    add = lines.append
    add("# Performance")
    add("")
    add("<!-- Written by tests/benchmarks/run_bench.py (`make bench`); do not edit by hand. -->")
    add("")
    add("How fast corridor is on large networks, measured against what a planner would otherwise use:")
    add("the same algorithms written directly against Boost.Graph's `compressed_sparse_row_graph` (the")
    add("floor for corridor's own overhead), LEMON, and NetworkX. Every figure below comes from one run")
    add("of `make bench` on the machine named here; nothing is estimated.")
    add("")
    add("## How to reproduce")
    add("")
    add("```sh")
    add("make bench                    # installs the peers, builds Release, runs everything, rewrites this file")
    add("make bench BENCH_SIZES=1000,10000   # a quicker run on smaller networks")
    add("```")
    add("")
    size_list = ", ".join(f"{r['size']:,}" for r in rows)
    per_size = "; ".join(f"{r['size']:,} nodes {fmt_duration(r['seconds'])}" for r in rows)
    rest = results["total_s"] - sum(r["seconds"] for r in rows)
    add(f"This run: sizes {size_list} nodes, seed {results['seed']}, **{fmt_duration(results['total_s'])} in all** "
        f"({per_size}; reliability sampling and end to end {fmt_duration(rest)}).")
    add("")
    add(f"Machine: {results['machine']}. The machine was shared with other work while it ran, so single")
    add("figures can be noisy; the ratios compare runs made minutes apart on the same graphs.")
    add("")
    add("## What is compared")
    add("")
    add("- **Networks**: `corridor generate --nodes N --seed 1` (see [cli.md](cli.md#generate)): parallel rail")
    add("  lines from terminals in China through a border crossing and a gauge change to Caspian ports,")
    add("  ferries, and on through two borders and a second gauge change to terminals in Türkiye, with")
    add("  junctions between lines, dry ports joined by road, capacities and dwell times.")
    add("- **Route**: fastest route from the first Chinese terminal to the last Turkish one. corridor")
    add("  answers with `Router::find_route` on its mode-expanded CSR graph, built once per network (the")
    add("  build is timed separately as *route build*); each query copies the arc weights of its")
    add("  objective, marks the arcs its filters and ends exclude, runs Boost's Dijkstra on a view of the")
    add("  shared graph (a source joined to the origin's departure vertices, a target after the")
    add("  destination's arrival vertices; one layer per `--via` leg, nothing copied), stops when the")
    add("  target is settled, and builds the legs. The peers get the very same")
    add("  mode-expanded graph as an edge list with the weights precomputed and run Dijkstra from the same")
    add("  sources, stopped at the first target settled (Boost CSR `dijkstra_shortest_paths`, LEMON")
    add("  `Dijkstra::start(target map)`, NetworkX `multi_source_dijkstra` to a virtual vertex joined to the")
    add("  targets). The route lengths agree to 1e-6 before anything is timed.")
    add("- **Max flow**: all Chinese terminals to all Turkish terminals, nodes split into in/out arcs")
    add("  carrying their capacities, as corridor models it. corridor's `FlowSolver` builds its split CSR")
    add("  flow graph once per network and terminal set (timed separately as *flow build*), then answers")
    add("  each query whole (flow, minimum cut and per-link flows); the peers get the split graph prebuilt and only")
    add("  run the algorithm (Boost CSR `push_relabel_max_flow`, LEMON `Preflow::run`, NetworkX")
    add("  `maximum_flow_value`, preflow-push). The flow values agree exactly.")
    add("- **Min-cost flow**: corridor's demand assignment (`assign_demand`: the arc LP up to 20,000 OD pairs x")
    add("  arcs, column generation on paths beyond, both with GLPK, on the")
    add("  mode-expanded graph: link arcs, passes through nodes with dwell and transfer times, mode changes")
    add("  only where allowed) of one OD pair, the route's origin and destination, for half of their max")
    add("  flow, by time. The peers (LEMON `NetworkSimplex`, NetworkX `network_simplex`) get that graph as")
    add("  a single-commodity network with the same capacities and the same weights as whole 1/300 hours")
    add("  (exact for generated networks; the benchmark checks it). A node capacity the LP shares between")
    add("  several arcs (a sea port's rail and ferry passes) cannot be put on one arc of such a network, so")
    add("  those capacities are dropped from the network all three solve")
    add(f"  ({largest['answers']['shared_capacities_dropped']:,} nodes at {largest['size']:,}). The total costs agree "
        "(corridor's to 1e-6, the peers' exactly).")
    add("- **Load**: corridor's `parse_network` on the text in memory (its fast reader: simdjson On-Demand,")
    add("  each node and link read, checked and added to the model with its id indexed; files with any problem")
    add("  go to the diagnosing reader) against the parsers alone on the same text: simdjson's DOM parse")
    add("  (every value parsed into its tape) and `nlohmann::json::parse`. The diagnosing reader alone")
    add("  (`parse_network_diagnosing`: nlohmann SAX, each element read with its line, column, JSON Pointer")
    add("  and id for every problem), which loaded every file before the fast reader, is timed beside them.")
    add("- **Peak memory**: maximum resident set of a process of its own: the whole `corridor route` /")
    add("  `corridor flow` command on the network file (reading, parsing, building, solving, printing")
    add("  JSON) against the peer programs reading the exported edge list and solving. *CSR bytes* is the")
    add("  size of the routing graph itself: offsets, targets and one double weight per arc.")
    add("- **Times are CPU time** (`cpu_time` of Google Benchmark, `time.process_time()` for NetworkX):")
    add("  every solver here is single-threaded, and CPU time is what stays comparable on a shared machine.")
    reps = ", ".join(f"{repetitions(r['size'])} at {r['size']:,}" for r in rows)
    nx_reps = "; ".join(f"{kind} " + ", ".join(f"{networkx_repetitions(kind, r['size'])} at {r['size']:,}"
                                               for r in rows if kind in r["networkx"])
                        for kind in ("route", "flow", "mincost") if any(kind in r["networkx"] for r in rows))
    for line in wrap(f"Each figure is the median of repetitions ({reps} nodes; NetworkX: {nx_reps or 'not run'}), "
                     "except those the caps below run once.", " "):
        add(line)
    add("- **Caps**: options of run_bench.py that keep a full run within about a quarter of an hour; this")
    add("  run's values (a dash in a table means not run):")
    for name, _, meaning in CAPS:
        add(f"  - `--{name.replace('_', '-')}` {caps[name]:,}: {meaning}")
    add("- Ratios are corridor ÷ peer: below 1 corridor is faster.")
    add("")
    add("## Networks")
    add("")
    add("| nodes | links | file | generate | routing graph (vertices / arcs) | CSR bytes | flow graph (vertices / arcs) "
        "| min-cost graph (vertices / arcs) | min-cost amount |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        add(f"| {r['size']:,} | {r['links']:,} | {fmt_mb(r['file_bytes'])} | {fmt_seconds(r['generate_s'])} | "
            f"{r['route_vertices']:,} / {r['route_arcs']:,} | {fmt_mb(r['csr_bytes'])} | "
            f"{r['flow_vertices']:,} / {r['flow_arcs']:,} | {r['mincost_vertices']:,} / {r['mincost_arcs']:,} | "
            f"{r['answers']['min_cost_amount'] / 1e6:g} Mt |")
    add("")
    add("## Times (medians)")
    add("")
    add("| nodes | algorithm | corridor | Boost CSR | LEMON | NetworkX | ÷ Boost | ÷ LEMON | ÷ NetworkX |")
    add("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m, nx_results = r["medians"], r["networkx"]
        nx_time = lambda kind: nx_results[kind]["median_s"] if kind in nx_results else None
        entries = [
            ("route query", m.get("route/corridor"), m.get("route/boost_csr"), m.get("route/lemon"), nx_time("route")),
            ("route build (once per network)", m.get("route_build/corridor"), None, None, None),
            ("flow build (once per network)", m.get("flow_build/corridor"), None, None, None),
            ("max flow", m.get("flow/corridor"), m.get("flow/boost_csr"), m.get("flow/lemon"), nx_time("flow")),
            ("min-cost flow (corridor: assignment LP)", m.get("mincost/corridor"), None, m.get("mincost/lemon"),
             nx_time("mincost")),
        ]
        for name, ours, boost, lemon, nx_t in entries:
            add(f"| {r['size']:,} | {name} | {fmt_seconds(ours)} | {fmt_seconds(boost)} | {fmt_seconds(lemon)} | "
                f"{fmt_seconds(nx_t)} | {fmt_ratio(ours, boost)} | {fmt_ratio(ours, lemon)} | {fmt_ratio(ours, nx_t)} |")
        add(f"| {r['size']:,} | load (vs simdjson parse) | {fmt_seconds(m.get('load/corridor'))} | "
            f"{fmt_seconds(m.get('load/simdjson_parse'))} (parse) | – | – | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/simdjson_parse'))} | – | – |")
        add(f"| {r['size']:,} | load (vs nlohmann parse) | {fmt_seconds(m.get('load/corridor'))} | "
            f"{fmt_seconds(m.get('load/nlohmann_parse'))} (parse) | – | – | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/nlohmann_parse'))} | – | – |")
    add("")
    add("## Loading")
    add("")
    add("| nodes | file | corridor (fast reader) | diagnosing reader | simdjson parse | nlohmann parse | "
        "corridor ÷ simdjson | corridor ÷ nlohmann | diagnosing ÷ corridor |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m = r["medians"]
        speed = lambda name: (f"{fmt_seconds(m.get(name))} ({throughput(r, m.get(name))})"
                              if m.get(name) else "–")
        add(f"| {r['size']:,} | {fmt_mb(r['file_bytes'])} | {speed('load/corridor')} | "
            f"{speed('load/corridor_diagnosing')} | {speed('load/simdjson_parse')} | {speed('load/nlohmann_parse')} | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/simdjson_parse'))} | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/nlohmann_parse'))} | "
            f"{fmt_ratio(m.get('load/corridor_diagnosing'), m.get('load/corridor'))} |")
    add("")
    add("## Peak memory")
    add("")
    add("| nodes | CSR bytes | corridor route (whole command) | Boost CSR route | LEMON route | NetworkX route | "
        "corridor flow (whole command) | Boost CSR flow | LEMON flow | NetworkX flow |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        p, nx_results = r["peaks"], r["networkx"]
        nx_peak = lambda kind: nx_results[kind]["peak"] if kind in nx_results else None
        add(f"| {r['size']:,} | {fmt_mb(r['csr_bytes'])} | {fmt_mb(p['route/corridor'])} | {fmt_mb(p['boost-route'])} | "
            f"{fmt_mb(p['lemon-route'])} | {fmt_mb(nx_peak('route'))} | {fmt_mb(p.get('flow/corridor'))} | "
            f"{fmt_mb(p.get('boost-flow'))} | {fmt_mb(p.get('lemon-flow'))} | {fmt_mb(nx_peak('flow'))} |")
    add("")
    add(f"## Targets on {largest['size']:,} nodes")
    add("")
    m, nx_results, p = largest["medians"], largest["networkx"], largest["peaks"]
    targets = []

    def target(name, value, limit, higher_is_better=False, missing="not measured"):
        if value is None:
            targets.append((name, missing, "–"))
            return
        met = value >= limit if higher_is_better else value <= limit
        targets.append((name, f"{value:.2f}", "met" if met else "**missed**"))

    target("route query ÷ direct Boost CSR (≤ 1.3)", ratio(m.get("route/corridor"), m.get("route/boost_csr")), 1.3)
    both = [r for r in rows if "flow/corridor" in r["medians"] and "flow/lemon" in r["medians"]]
    label = "max flow ÷ LEMON Preflow (≤ 2)"
    if both and both[-1] is not largest:  # capped at the largest size: say where it was measured
        label += f", at {both[-1]['size']:,} nodes"
    target(label, ratio(both[-1]["medians"]["flow/corridor"], both[-1]["medians"]["flow/lemon"]) if both else None, 2.0,
           missing="not measured (caps)")
    for kind, name in (("route", "route/corridor"), ("flow", "flow/corridor"), ("mincost", "mincost/corridor")):
        label = f"NetworkX {kind.replace('mincost', 'min-cost')} ÷ corridor (≥ 30)"
        both = [r for r in rows if name in r["medians"] and kind in r["networkx"]]
        if both and both[-1] is not largest:  # capped at the largest size: say where it was measured
            label += f", at {both[-1]['size']:,} nodes"
        value = ratio(both[-1]["networkx"][kind]["median_s"], both[-1]["medians"][name]) if both else None
        target(label, value, 30, higher_is_better=True, missing="not measured (caps)")
    target("load MB/s (≥ 300)", largest["file_bytes"] / 1e6 / m["load/corridor"] if m.get("load/corridor") else None,
           300, higher_is_better=True)
    target("load ÷ simdjson parse (≤ 1.5)", ratio(m.get("load/corridor"), m.get("load/simdjson_parse")), 1.5)
    target("load ÷ nlohmann parse (≤ 3)", ratio(m.get("load/corridor"), m.get("load/nlohmann_parse")), 3.0)
    target("peak memory of `corridor route` ÷ CSR bytes (≤ 3)", ratio(p["route/corridor"], largest["csr_bytes"]), 3.0)
    add("| target | measured | |")
    add("|---|---:|---|")
    for name, value, verdict in targets:
        add(f"| {name} | {value} | {verdict} |")
    add("")
    add("## Reading the results")
    add("")
    notes(rows, caps, add)
    add("")
    add("## Reliability sampling (corridor only)")
    add("")
    rel = results["reliability"]
    for line in wrap(f"`tests/benchmarks/reliability_bench.cpp` samples the shipped network's fastest {rel['from']} → "
                     f"{rel['to']} route ({rel['legs']} legs) {rel['samples']:,} times and times everything `corridor "
                     "reliability` does after choosing it (sampling, sums, sorting for the percentiles), with one "
                     f"thread and with every core; best wall time of {rel['repeats']}. There is no peer: these figures "
                     "are corridor's own (see [reliability.md](reliability.md#performance)).", ""):
        add(line)
    add("")
    add("| threads | wall time | sampled route times per second | per thread |")
    add("|---:|---:|---:|---:|")
    for run in rel["runs"]:
        add(f"| {run['threads']} | {fmt_seconds(run['seconds'])} | {run['per_second'] / 1e6:.2f} million | "
            f"{run['per_second'] / run['threads'] / 1e6:.2f} million |")
    add("")
    if results.get("sweeps"):
        for line in render_sweeps(results["sweeps"]):
            add(line)
        add("")
    add("## End to end")
    add("")
    add(f"`corridor run scenarios/baseline.json` on the shipped network, wall time including process start,")
    add(f"30 runs after 5 warm-up runs: **median {e2e * 1e3:.1f} ms** (min {e2e_min * 1e3:.1f} ms, "
        f"max {e2e_max * 1e3:.1f} ms); the target is under 50 ms.")
    add("")
    return "\n".join(lines) + "\n"


def fmt_duration(seconds):
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def growth(rows, name):
    """(smaller size, larger size, time ratio) between the two largest sizes where `name` ran."""
    timed = [(row["size"], row["medians"][name]) for row in rows if name in row["medians"]]
    if len(timed) < 2:
        return None
    (s0, t0), (s1, t1) = timed[-2], timed[-1]
    return s0, s1, t1 / t0


# Notes on the largest network: (title, corridor's benchmark, the peer's, the peer's name, why).
RATIO_NOTES = [
    ("Route", "route/corridor", "route/boost_csr", "the direct Boost CSR program",
     "Both run the same Dijkstra on the same CSR graph; corridor also copies the arc weights of the query's "
     "objective and marks the arcs its filters and ends exclude (one pass over the arcs), reads the graph through "
     "its per-query view (arcs of weight NaN are skipped), records the arc used to reach each vertex (parallel "
     "links make vertex predecessors ambiguous) and builds the legs."),
    ("Max flow", "flow/corridor", "flow/boost_csr", "the direct Boost CSR push-relabel",
     "Both run Boost's push-relabel on a CSR graph built once; per query corridor also allocates its own "
     "capacity and residual arrays (so one solver serves many threads), then finds the minimum cut and the flow "
     "on every link; the direct program only runs push-relabel."),
    ("Load", "load/corridor", "load/simdjson_parse", "simdjson's parse alone",
     "corridor's fast reader iterates the same text with simdjson On-Demand, which builds no tape, but does "
     "everything the model needs besides: each element's members decoded and looked up by the same element "
     "readers as the diagnosing reader's, type- and range-checked by the same model checks, strings copied into "
     "the model, ids indexed, end nodes resolved."),
]


def wrap(text, first):
    """Markdown wrapped near 100 columns. `first` is "-" for a list item, " " for more lines of
    one, "" for a paragraph."""
    head, rest = {"-": ("- ", "  "), " ": ("  ", "  "), "": ("", "")}[first]
    lines, line = [], ""
    for word in text.split():
        if line and len(head if not lines else rest) + len(line) + 1 + len(word) > 100:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [(head if i == 0 else rest) + text_line for i, text_line in enumerate(lines)]


def notes(rows, caps, add):
    """Explanations written from the measured figures (nothing here is typed in by hand)."""
    largest = rows[-1]
    m, p = largest["medians"], largest["peaks"]
    n = f"{largest['size']:,}"
    for title, ours, peer, peer_name, why in RATIO_NOTES:
        r = ratio(m.get(ours), m.get(peer))
        if r is None:
            continue
        build = {"route/corridor": "route_build/corridor", "flow/corridor": "flow_build/corridor"}.get(ours)
        extra = f" Building the graph, once per network, takes {fmt_seconds(m.get(build))}." if build and m.get(build) else ""
        for line in wrap(f"**{title}** ({n} nodes): corridor takes {r:.2f}× {peer_name}. {why}{extra}", "-"):
            add(line)
    lemon = growth(rows, "flow/lemon")
    if lemon:
        s0, s1, g = lemon
        for line in wrap(f"**LEMON Preflow** grows {g:.0f}× from {s0:,} to {s1:,} nodes on these networks, where "
                         "the long rail chains with capacity far above the ferries' make its highest-label "
                         "push-relabel move excess back and forth along the chains; it is not run beyond "
                         f"{caps['lemon_preflow_max']:,} nodes.", "-"):
            add(line)
    assign = [row for row in rows if "mincost/corridor" in row["medians"]]
    if assign:
        last = assign[-1]
        am = last["medians"]
        r = ratio(am['mincost/corridor'], am['mincost/lemon'])
        compared = f"{r:.1f}× the time of" if r >= 1 else f"{1 / r:.1f}× faster than"
        text = (f"**Min-cost flow** ({last['size']:,} nodes, the largest on which it ran): corridor's assignment "
                f"takes {fmt_seconds(am['mincost/corridor'])}, {compared} "
                f"LEMON NetworkSimplex ({fmt_seconds(am['mincost/lemon'])}) on the same problem.")
        g = growth(rows, "mincost/corridor")
        if g:
            text += f" It grows {g[2]:.0f}× from {g[0]:,} to {g[1]:,} nodes."
        text += (" On large networks the assignment is solved by column generation: a GLPK master LP over the "
                 "paths found so far, with rows only for the capacities that bind, and a Dijkstra per OD pair on "
                 "reduced costs that finds the next path; the LP is what lets corridor share capacities between "
                 f"many OD pairs and report duals. It is not run beyond {caps['assign_max']:,} nodes.")
        for line in wrap(text, "-"):
            add(line)
    if "route/corridor" in p:
        for line in wrap(f"**Peak memory** ({n} nodes): the whole `corridor route` command peaks at "
                         f"{fmt_mb(p['route/corridor'])}, {ratio(p['route/corridor'], largest['csr_bytes']):.0f}× the "
                         f"CSR graph's {fmt_mb(largest['csr_bytes'])}. Loading alone (`corridor validate`) peaks at "
                         f"{fmt_mb(p['validate'])}: the file ({fmt_mb(largest['file_bytes'])}) is read whole and parsed in "
                         "place (simdjson's index of it, 4 bytes per token, besides), and both are released once "
                         "loaded; the rest is the model itself (every node and link with its names, sources and "
                         "notes, and the id index); the route command adds "
                         f"{fmt_mb(p['route/corridor'] - p['validate'])} while it builds the routing graph (the mode "
                         "expansion's edge list and the CSR graph made from it) and answers the query; how much of "
                         "that is temporary is not broken down here. The direct peers read a bare edge list instead. Reaching 3× would "
                         "take a columnar model that keeps only what a solver needs in memory.", "-"):
            add(line)


def throughput(row, seconds):
    """The file's MB per second of `seconds`."""
    return f"{row['file_bytes'] / 1e6 / seconds:.0f} MB/s"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


if __name__ == "__main__":
    main()
