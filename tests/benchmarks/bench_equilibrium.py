"""The equilibrium section of run_bench.py (issue #17): corridor's equilibrium assignment against
the NetworkX Frank-Wolfe peer (networkx_fw_peer.py), measured and rendered between its markers."""
import json
import os
import statistics
import sys
import time

from bench_common import HERE, log, machine, run_measured, run_usage
from bench_report import fmt_duration, fmt_mb, fmt_ratio, fmt_seconds, ratio, wrap


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
