"""run_bench.py's document: docs/performance.md rendered from the results of a run (the tables,
the notes on the largest network and the sweep section; the equilibrium section is
bench_equilibrium.py's)."""

from bench_common import CAPS, networkx_repetitions, repetitions
from bench_whole import render_whole


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
        f"({per_size}; whole commands, many OD pairs, reliability sampling, sweeps, equilibrium and end to end "
        f"{fmt_duration(rest)}).")
    add("")
    add(f"Machine: {results['machine']}. It is a virtual machine, so single figures can be noisy; the")
    add("ratios compare runs made minutes apart on the same graphs.")
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
    add("  `corridor flow --max-detour none` command on the network file, or on its snapshot (reading,")
    add("  parsing, building, solving, printing JSON) against the peer programs reading the exported edge")
    add("  list and solving. *CSR bytes* is the")
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
    add("| nodes | file | corridor (fast reader) | diagnosing reader | snapshot | simdjson parse | nlohmann parse | "
        "corridor ÷ simdjson | corridor ÷ nlohmann | diagnosing ÷ corridor |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m = r["medians"]
        speed = lambda name: (f"{fmt_seconds(m.get(name))} ({throughput(r, m.get(name))})"
                              if m.get(name) else "–")
        add(f"| {r['size']:,} | {fmt_mb(r['file_bytes'])} | {speed('load/corridor')} | "
            f"{speed('load/corridor_diagnosing')} | {speed('load/corridor_snapshot')} | {speed('load/simdjson_parse')} | "
            f"{speed('load/nlohmann_parse')} | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/simdjson_parse'))} | "
            f"{fmt_ratio(m.get('load/corridor'), m.get('load/nlohmann_parse'))} | "
            f"{fmt_ratio(m.get('load/corridor_diagnosing'), m.get('load/corridor'))} |")
    add("")
    add("## Peak memory")
    add("")
    add("| nodes | CSR bytes | corridor route (whole command) | the same on the snapshot | Boost CSR route | LEMON route | "
        "NetworkX route | corridor flow (whole command) | Boost CSR flow | LEMON flow | NetworkX flow |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        p, nx_results = r["peaks"], r["networkx"]
        nx_peak = lambda kind: nx_results[kind]["peak"] if kind in nx_results else None
        add(f"| {r['size']:,} | {fmt_mb(r['csr_bytes'])} | {fmt_mb(p['route/corridor'])} | "
            f"{fmt_mb(p.get('route/corridor_snapshot'))} | {fmt_mb(p['boost-route'])} | "
            f"{fmt_mb(p['lemon-route'])} | {fmt_mb(nx_peak('route'))} | {fmt_mb(p.get('flow/corridor'))} | "
            f"{fmt_mb(p.get('boost-flow'))} | {fmt_mb(p.get('lemon-flow'))} | {fmt_mb(nx_peak('flow'))} |")
    add("")
    add("## Targets")
    add("")
    add(f"On the largest network ({largest['size']:,} nodes) unless the target says otherwise.")
    add("")
    m, nx_results, p = largest["medians"], largest["networkx"], largest["peaks"]
    targets = []

    def target(name, value, limit, higher_is_better=False, missing="not measured", why=""):
        if value is None:
            targets.append((name, missing, "–", ""))
            return
        met = value >= limit if higher_is_better else value <= limit
        targets.append((name, f"{value:.2f}", "met" if met else "**missed**", "" if met else why))

    json_load, snapshot_load = m.get("load/corridor"), m.get("load/corridor_snapshot")
    simdjson_parse = m.get("load/simdjson_parse")
    model_why = ""
    if json_load and snapshot_load and simdjson_parse:
        model_why = (f"of the {fmt_seconds(json_load)}, building the model (every node and link an object with its "
                     f"strings, ids indexed; a snapshot load does only that) takes at most "
                     f"{fmt_seconds(snapshot_load)}, {snapshot_load / simdjson_parse:.1f}× simdjson's whole parse; the "
                     f"other {fmt_seconds(json_load - snapshot_load)} is reading the JSON: each member decoded by the "
                     "element readers the diagnosing reader shares, checked, its strings copied")

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
           300, higher_is_better=True, why=model_why)
    target("load ÷ simdjson parse (≤ 1.5)", ratio(m.get("load/corridor"), m.get("load/simdjson_parse")), 1.5,
           why=model_why)
    target("load ÷ nlohmann parse (≤ 3)", ratio(m.get("load/corridor"), m.get("load/nlohmann_parse")), 3.0)
    mincost = [r for r in rows if "mincost/corridor" in r["medians"] and "mincost/lemon" in r["medians"]]
    label = "min-cost flow ÷ LEMON NetworkSimplex, one OD pair (≤ 3)"
    if mincost and mincost[-1] is not largest:
        label += f", at {mincost[-1]['size']:,} nodes"
    target(label, ratio(mincost[-1]["medians"]["mincost/corridor"], mincost[-1]["medians"]["mincost/lemon"])
           if mincost else None, 3.0, missing="not measured (caps)")
    target("snapshot load, MB/s of the JSON file it stands for (≥ 300)",
           largest["file_bytes"] / 1e6 / m["load/corridor_snapshot"] if m.get("load/corridor_snapshot") else None,
           300, higher_is_better=True,
           why="the model's objects: the kernel hands out and zeroes their memory page by page, and each id "
               "goes into the index (the checksum, the column checks and the decoding are a small part)")
    memory_why = memory_budget_why(largest, p)
    target("peak memory of `corridor route` ÷ CSR bytes (≤ 5, stretch 3)",
           ratio(p["route/corridor"], largest["csr_bytes"]), 5.0, why=memory_why)
    if "route/corridor_snapshot" in p:
        target("peak memory of `corridor route` on the snapshot ÷ CSR bytes (≤ 5, stretch 3)",
               ratio(p["route/corridor_snapshot"], largest["csr_bytes"]), 5.0, why=memory_why)
    if results.get("whole") and results.get("many_od"):
        whole_lines, whole_targets = render_whole(results["whole"], results["many_od"], results.get("path_flow"))
        targets += whole_targets
    add("| target | measured | | why missed (from the measurements above) |")
    add("|---|---:|---|---|")
    for name, value, verdict, why in targets:
        add(f"| {name} | {value} | {verdict} | {why} |")
    add("")
    if results.get("whole") and results.get("many_od"):
        for line in whole_lines:
            add(line)
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
        added = p["route/corridor"] - p["validate"]
        if added > 0.05 * p["validate"]:
            route_part = (f"the route command adds {fmt_mb(added)} while it builds the routing graph (the mode "
                          "expansion's edge list and the CSR graph made from it) and answers the query; how much of "
                          "that is temporary is not broken down here.")
        else:
            above = (f"only {fmt_mb(added)} above loading" if added > 0 else "no higher than loading")
            route_part = (f"the route command peaks {above}: the routing graph (the mode expansion's edge list and "
                          "the CSR graph made from it) takes no more than the file and simdjson's index gave back.")
        for line in wrap(f"**Peak memory** ({n} nodes): the whole `corridor route` command peaks at "
                         f"{fmt_mb(p['route/corridor'])}, {ratio(p['route/corridor'], largest['csr_bytes']):.0f}× the "
                         f"CSR graph's {fmt_mb(largest['csr_bytes'])}. Loading alone (`corridor validate`) peaks at "
                         f"{fmt_mb(p['validate'])}: the file ({fmt_mb(largest['file_bytes'])}) is read whole and parsed in "
                         "place (simdjson's index of it, 4 bytes per token, besides); the text of the node and link "
                         "lists is given back 2 MiB at a time as they are read, and the index once loaded; the rest "
                         "is the model itself (every node and link an object with its names, its notes and lists out "
                         "of line, its optional figures without their flags, and the id index); " + route_part +
                         " The direct peers read a "
                         "bare edge list instead. The routing graph and one query's arrays alone take nearly all "
                         "of 5× (the budget under Targets): no model holding every node and link fits in what is "
                         "left, so the target would take routing on the snapshot's columns in place and a leaner "
                         "graph.", "-"):
            add(line)


def throughput(row, seconds):
    """The file's MB per second of `seconds`."""
    return f"{row['file_bytes'] / 1e6 / seconds:.0f} MB/s"


def memory_budget_why(largest, peaks):
    """Why the peak memory target is missed: the budget the bench measured (corridor_bench's answers.json)."""
    answers, csr = largest["answers"], largest["csr_bytes"]
    if "model_bytes" not in answers:
        return (f"the model: loading alone (`corridor validate`) peaks at {fmt_mb(peaks['validate'])}, "
                f"{ratio(peaks['validate'], csr):.0f}× the CSR graph")
    model, graph = answers["model_bytes"], answers["route_graph_bytes"]
    # One query's arrays (route_graph.cpp): a weight per arc, a distance and the arc reached by per vertex.
    query = 8 * largest["route_arcs"] + 16 * largest["route_vertices"]
    elements = answers["nodes"] + answers["links"]
    left = 5 * csr - graph - query
    return (f"the budget, on the heap (corridor_bench): the model, a copy of the loaded network ({elements:,} node and "
            f"link objects of {answers['node_object_bytes']} and {answers['link_object_bytes']} bytes, with their id index), takes {fmt_mb(model)}; the routing graph "
            f"{fmt_mb(graph)}; one query's arrays (a weight per arc, a distance and a predecessor per vertex) "
            f"{fmt_mb(query)}. The graph and a query alone are {ratio(graph + query, csr):.1f}× the CSR graph, so "
            + (f"5× would leave {fmt_mb(left)} for the model, {left / elements:.0f} bytes an element"
               if left > 0 else "5× leaves nothing for the model")
            + ". Reaching it would take a command that routes on the snapshot's columns in place, without building "
            "the model, and a leaner routing graph; the direct peers read a bare edge list")


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b
