#!/usr/bin/env python3
"""NetworkX peer of corridor's equilibrium assignment: Frank-Wolfe (classic, or conjugate as
corridor) for the user equilibrium of the problem `corridor_bench --export-equilibrium` wrote.

    networkx_fw_peer.py DIR/equilibrium.json [--conjugate] [--gap 1e-4] [--max-iterations N]
                        [--check CORRIDOR.json] [--objective-tolerance T] [--load-tolerance T]

The export is corridor's own problem (solve::equilibrium_problem: the solver's build, not a
re-derivation): the mode-expanded graph's arcs with their load-independent weights, the element
(link direction or node) whose load delays each arc, every element's delay function, free-flow
time, fixed load and hard capacity, and each OD pair's source and target vertices. Only the
delay formulas of src/model/delay.cpp (BPR; queue with its tangent cap) and the hard-capacity
penalty of src/solve/equilibrium.cpp are written again here, below.

Frank-Wolfe as in corridor's src/solve/equilibrium.cpp; classic unless --conjugate:
 1. x = all-or-nothing at the loads of x = 0 (every pair on its shortest path);
 2. at the loads of x, the arc weights c and the all-or-nothing point y (one NetworkX Dijkstra
    per origin); relative gap = (sum x_a c_a - sum_od d_od pi_od) / sum x_a c_a, corridor's
    definition; stop when it is at most --gap or after --max-iterations;
 3. the direction point s = y (classic), or with --conjugate corridor's s = alpha s_bar +
    (1 - alpha) y, alpha making s - x conjugate to the previous direction with respect to the
    diagonal Hessian at x, clamped to [0, 0.99] (Mitradjieva and Lindberg 2013);
 4. the step lambda in [0, 1] minimising Beckmann's objective on x + lambda (s - x): bisection
    on its derivative, 60 halvings at most (corridor's line search); x += lambda (s - x).

Prints one JSON object: iterations, the final relative gap, CPU seconds of the Frank-Wolfe loop
(steps 1-4, the graph already built) and of reading and building, iterations per second, the
objective (sum x_a c_a, corridor's `objective`) and, with --check, the comparison with
corridor's `assign --equilibrium user --format json` answer; a disagreement beyond the
tolerances exits with code 1. Element loads are compared only where a delay function makes the
element's weight strictly increasing in its load (there the equilibrium load is unique); loads
on elements without one may split differently between equally fast paths.
"""
import argparse
import json
import sys
import time

import networkx as nx

INFINITY = float("inf")


def delay_hours(delay, free_flow_hours, load):
    """src/model/delay.cpp, delay_hours: hours one tonne waits at `load` t/yr."""
    capacity = delay["capacity_tpy"]
    if capacity <= 0.0 or load <= 0.0:
        return 0.0
    rho = load / capacity
    if delay["function"] == "bpr":
        return free_flow_hours * delay["alpha"] * rho ** delay["beta"]
    service = delay["service_hours"] if delay["service_hours"] > 0.0 else free_flow_hours
    scale = service * delay["variability"]
    cap = delay["max_utilisation"]
    if rho <= cap:
        return scale * rho / (1.0 - rho)
    return scale * cap / (1.0 - cap) + scale / ((1.0 - cap) * (1.0 - cap)) * (rho - cap)


def delay_slope(delay, free_flow_hours, load):
    """src/model/delay.cpp, delay_slope: d delay_hours / d load."""
    capacity = delay["capacity_tpy"]
    if capacity <= 0.0 or load < 0.0:
        return 0.0
    rho = load / capacity
    if delay["function"] == "bpr":
        if rho == 0.0:
            return free_flow_hours * delay["alpha"] / capacity if delay["beta"] == 1.0 else 0.0
        return free_flow_hours * delay["alpha"] * delay["beta"] * rho ** (delay["beta"] - 1.0) / capacity
    service = delay["service_hours"] if delay["service_hours"] > 0.0 else free_flow_hours
    scale = service * delay["variability"]
    below = 1.0 - min(rho, delay["max_utilisation"])
    return scale / (below * below) / capacity


class Problem:
    def __init__(self, path):
        with open(path) as f:
            data = json.load(f)
        if data["system"]:
            raise SystemExit("networkx_fw_peer.py: only the user equilibrium is implemented")
        self.data = data
        self.hour_weight = data["hour_weight"]
        self.penalty_weight = data["penalty_weight"]
        self.elements = data["elements"]
        self.fixed = [e["fixed_tpy"] for e in self.elements]
        arcs = data["arcs"]
        self.arc_from = [a[0] for a in arcs]
        self.arc_to = [a[1] for a in arcs]
        self.base = [a[2] for a in arcs]
        self.element_of_arc = [a[3] for a in arcs]
        self.arcs_of_element = [[] for _ in self.elements]
        for a, e in enumerate(self.element_of_arc):
            self.arcs_of_element[e].append(a)
        self.pairs = data["pairs"]
        # One Dijkstra per origin, as corridor groups its pairs by origin: a virtual vertex per
        # distinct set of source vertices, joined to them by arcs of weight 0.
        self.graph = nx.DiGraph()
        self.graph.add_nodes_from(range(data["vertices"]))
        self.graph.add_edges_from((u, v, {"w": w, "arc": a}) for a, (u, v, w, _) in enumerate(arcs))
        if self.graph.number_of_edges() != len(arcs):
            raise SystemExit("networkx_fw_peer.py: parallel arcs in the exported graph (a DiGraph cannot hold them)")
        self.origin_vertex = {}
        for pair in self.pairs:
            key = tuple(pair["sources"])
            if key and key not in self.origin_vertex:
                vertex = self.graph.number_of_nodes()
                self.origin_vertex[key] = vertex
                self.graph.add_edges_from((vertex, s, {"w": 0.0, "arc": None}) for s in key)
        self.edge_of_arc = [self.graph[u][v] for u, v in zip(self.arc_from, self.arc_to)]
        self.cost = [0.0] * len(self.elements)  # element costs the graph's weights carry now

    def element_cost(self, e, load):
        """src/solve/equilibrium.cpp, element_cost (user equilibrium): the load-dependent weight
        per tonne, delay plus the penalty above a hard capacity."""
        element = self.elements[e]
        value = 0.0
        if element["delay"] is not None:
            value = self.hour_weight * delay_hours(element["delay"], element["free_flow_hours"], load)
        hard = element["hard_capacity_tpy"]
        if hard is not None and load > hard:
            value += self.penalty_weight * (load - hard) / max(hard, 1.0)
        return value

    def element_cost_slope(self, e, load):
        """src/solve/equilibrium.cpp, element_cost_slope (user equilibrium)."""
        element = self.elements[e]
        slope = 0.0
        if element["delay"] is not None:
            slope = self.hour_weight * delay_slope(element["delay"], element["free_flow_hours"], load)
        hard = element["hard_capacity_tpy"]
        if hard is not None and load > hard:
            slope += self.penalty_weight / max(hard, 1.0)
        return slope

    def conjugate_weight(self, x, s_bar, y):
        """src/solve/equilibrium.cpp, conjugate_weight: the new direction's weight on s_bar."""
        lx, ls, ly = self.loads(x), self.loads(s_bar), self.loads(y)
        numerator = denominator = 0.0
        for e in set(lx) | set(ls) | set(ly):
            fixed = self.fixed[e]
            x_e, s_e, y_e = lx.get(e, fixed), ls.get(e, fixed), ly.get(e, fixed)
            h = self.element_cost_slope(e, x_e)
            numerator += (s_e - x_e) * h * (y_e - x_e)
            denominator += (s_e - x_e) * h * (y_e - s_e)
        if denominator == 0.0:
            return 0.0
        alpha = numerator / denominator
        if alpha != alpha or alpha in (INFINITY, -INFINITY):
            return 0.0
        return min(max(alpha, 0.0), 1.0 - 0.01)  # corridor's kConjugateMargin

    def loads(self, flow):
        """Element loads of a sparse arc flow {arc: t/yr}, only where they differ from the fixed load."""
        load = {}
        for a, f in flow.items():
            e = self.element_of_arc[a]
            load[e] = load.get(e, self.fixed[e]) + f
        return load

    def set_weights(self, flow):
        """Puts every arc's loaded weight at the loads of `flow` on the graph (only arcs whose
        element cost changed are touched). Returns the arc weights of the arcs carrying `flow`."""
        load = self.loads(flow)
        touched = set(load) | self.loaded_before
        for e in touched:
            cost = self.element_cost(e, load.get(e, self.fixed[e]))
            if cost != self.cost[e]:
                self.cost[e] = cost
                for a in self.arcs_of_element[e]:
                    self.edge_of_arc[a]["w"] = self.base[a] + cost
        self.loaded_before = set(load)

    def start_weights(self):
        """Weights at the fixed loads alone (flow 0)."""
        self.loaded_before = set()
        for e in range(len(self.elements)):
            cost = self.element_cost(e, self.fixed[e])
            self.cost[e] = cost
            if cost != 0.0:
                for a in self.arcs_of_element[e]:
                    self.edge_of_arc[a]["w"] = self.base[a] + cost

    def all_or_nothing(self):
        """Every pair on its shortest path at the graph's weights: (sparse arc flow, sum of
        demand x shortest path weight)."""
        flow, shortest_total = {}, 0.0
        searched = {}
        for pair in self.pairs:
            key = tuple(pair["sources"])
            if not key or not pair["targets"]:
                continue
            if key not in searched:
                searched[key] = nx.dijkstra_predecessor_and_distance(self.graph, self.origin_vertex[key], weight="w")
            pred, dist = searched[key]
            best = None
            for t in pair["targets"]:  # corridor's tie-break: the first target of least distance
                if t in dist and (best is None or dist[t] < dist[best]):
                    best = t
            if best is None:
                continue
            tonnes = pair["tonnes_per_year"]
            v = best
            while True:
                u = pred[v][0]
                arc = self.graph[u][v]["arc"]
                if arc is None:
                    break
                flow[arc] = flow.get(arc, 0.0) + tonnes
                v = u
            shortest_total += tonnes * dist[best]
        return flow, shortest_total

    def line_search(self, x, s):
        """corridor's line_search: the zero of the objective's derivative on x + lambda (s - x)."""
        arcs = set(x) | set(s)
        linear = sum((s.get(a, 0.0) - x.get(a, 0.0)) * self.base[a] for a in arcs)
        load_x, load_s = self.loads(x), self.loads(s)
        changes = []
        for e in set(load_x) | set(load_s):
            lx, ls = load_x.get(e, self.fixed[e]), load_s.get(e, self.fixed[e])
            if ls - lx != 0.0:
                changes.append((e, lx, ls - lx))

        def derivative(step):
            return linear + sum(change * self.element_cost(e, lx + step * change) for e, lx, change in changes)

        if derivative(0.0) >= 0.0:
            return 0.0
        if derivative(1.0) <= 0.0:
            return 1.0
        low, high = 0.0, 1.0
        for _ in range(60):
            if high - low <= 1e-15:
                break
            mid = 0.5 * (low + high)
            if derivative(mid) < 0.0:
                low = mid
            else:
                high = mid
        return 0.5 * (low + high)

    def arc_cost(self, a):
        return self.base[a] + self.cost[self.element_of_arc[a]]

    def solve(self, gap_target, max_iterations, conjugate):
        self.start_weights()
        x, _ = self.all_or_nothing()
        iterations = 0
        s_bar = None
        while True:
            self.set_weights(x)
            y, shortest_total = self.all_or_nothing()
            total = sum(f * self.arc_cost(a) for a, f in x.items())
            if total <= 0.0:
                raise SystemExit("networkx_fw_peer.py: nothing to assign")
            gap = max(0.0, (total - shortest_total) / total)
            if gap <= gap_target:
                stop = "converged"
                break
            if iterations >= max_iterations:
                stop = "iteration_limit"
                break
            if conjugate and s_bar is not None:
                alpha = self.conjugate_weight(x, s_bar, y)
                s = {a: alpha * s_bar.get(a, 0.0) + (1.0 - alpha) * y.get(a, 0.0) for a in set(s_bar) | set(y)}
            else:
                s = y
            step = self.line_search(x, s)
            for a in set(x) | set(s):
                x[a] = x.get(a, 0.0) + step * (s.get(a, 0.0) - x.get(a, 0.0))
            s_bar = s
            iterations += 1
        return x, {"iterations": iterations, "relative_gap": gap, "stop_reason": stop, "objective": total}

    def element_key(self, e):
        element = self.elements[e]
        if element["type"] == "link":
            return ("link", element["id"], element["from"], element["to"])
        return ("node", element["id"])


def check(problem, x, result, corridor_path, objective_tolerance, load_tolerance):
    """Compares with corridor's JSON answer; returns the comparison (and whether it passed)."""
    with open(corridor_path) as f:
        corridor = json.load(f)
    theirs = {}
    for entry in corridor["loads"]:
        key = ("link", entry["id"], entry["from"], entry["to"]) if entry["type"] == "link" else ("node", entry["id"])
        theirs[key] = entry["load_tpy"]
    ours = problem.loads(x)
    deviation, total = 0.0, 0.0
    worst = (0.0, None)
    for e, element in enumerate(problem.elements):
        if element["delay"] is None:
            continue  # weight constant in the load: the load need not be unique
        key = problem.element_key(e)
        mine, other = ours.get(e, problem.fixed[e]), theirs.get(key, 0.0)
        deviation += abs(mine - other)
        total += other
        if abs(mine - other) > worst[0]:
            worst = (abs(mine - other), key)
    load_deviation = deviation / total if total > 0 else 0.0
    objective_deviation = abs(result["objective"] - corridor["objective"]) / abs(corridor["objective"])
    problems = []
    if corridor.get("stop_reason") != "converged" or result["stop_reason"] != "converged":
        problems.append(f"stop reasons corridor {corridor.get('stop_reason')}, NetworkX {result['stop_reason']}")
    if objective_deviation > objective_tolerance:
        problems.append(f"objective corridor {corridor['objective']!r}, NetworkX {result['objective']!r}: relative "
                        f"difference {objective_deviation:.3g} > {objective_tolerance:g}")
    if load_deviation > load_tolerance:
        problems.append(f"loads on delayed elements differ by {load_deviation:.3g} of their total (> {load_tolerance:g}); "
                        f"most at {worst[1]}: {worst[0]:.6g} t/yr")
    return {"objective_corridor": corridor["objective"], "objective_deviation": objective_deviation,
            "load_deviation": load_deviation, "worst_load_difference_tpy": worst[0],
            "corridor_iterations": corridor.get("iterations"), "corridor_relative_gap": corridor.get("relative_gap"),
            "objective_tolerance": objective_tolerance, "load_tolerance": load_tolerance,
            "delayed_elements": sum(1 for e in problem.elements if e["delay"] is not None),
            "problems": problems}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("problem")
    parser.add_argument("--conjugate", action="store_true", help="conjugate Frank-Wolfe, corridor's method")
    parser.add_argument("--gap", type=float, default=1e-4)
    parser.add_argument("--max-iterations", type=int, default=100000)
    parser.add_argument("--check", help="corridor's `assign --equilibrium user --format json` answer to compare with")
    parser.add_argument("--objective-tolerance", type=float, default=1e-3,
                        help="largest relative difference of the objectives (default 1e-3)")
    parser.add_argument("--load-tolerance", type=float, default=0.05,
                        help="largest sum of absolute load differences on delayed elements over their total load "
                             "(default 0.05: two stops within a gap of 1e-4 differ by about 1 percent on generated "
                             "networks)")
    args = parser.parse_args()
    start = time.process_time()
    problem = Problem(args.problem)
    build_s = time.process_time() - start
    start = time.process_time()  # CPU time, like the other figures (the machine may be shared)
    x, result = problem.solve(args.gap, args.max_iterations, args.conjugate)
    solve_s = time.process_time() - start
    result.update({"solve_s": solve_s, "build_s": build_s,
                   "iterations_per_s": result["iterations"] / solve_s if solve_s > 0 else None,
                   "vertices": problem.data["vertices"], "arcs": len(problem.base), "elements": len(problem.elements),
                   "pairs": len(problem.pairs), "method": "conjugate" if args.conjugate else "classic",
                   "networkx": nx.__version__})
    failed = False
    if args.check:
        result["check"] = check(problem, x, result, args.check, args.objective_tolerance, args.load_tolerance)
        failed = bool(result["check"]["problems"])
    print(json.dumps(result))
    if failed:
        print("networkx_fw_peer.py: NetworkX and corridor disagree: " + "; ".join(result["check"]["problems"]),
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
