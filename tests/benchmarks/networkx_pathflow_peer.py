#!/usr/bin/env python3
"""The plausible-route max flow (corridor flow with its default --max-detour) done in Python by
the same algorithm, for make bench (docs/performance.md):

    networkx_pathflow_peer.py NETWORK.json SOURCE[,SOURCE...] SINK[,SINK...] MAX_DETOUR

Column generation on routes, as src/solve/path_flow.cpp does it (docs/model.md):
- the LP: one variable per route (its t/yr), one row per link direction and node with a finite
  capacity that some route meets, maximise the total; solved by HiGHS (scipy.optimize.linprog),
  whose row marginals are the duals;
- pricing: for every (source, sink) pair, the cheapest route at the duals whose hours stay within
  MAX_DETOUR x the pair's fastest (NetworkX's Dijkstra on the (node, arrival mode) states, with
  dwell and transfer hours as docs/model.md has them), by label setting on those states: labels
  leave a heap by cost then hours, a label is dropped when an earlier one at its state was as
  fast, a reverse Dijkstra on link hours (NetworkX) prunes what cannot reach the sink in time,
  and routes are loopless;
- a route priced below 1 improves the flow and enters; when none does, the LP is optimal.
It starts from each pair's fastest route and prints {"max_flow_tpy", "rounds", "routes"}.

Only what generated networks contain is modelled (networkx_whole.py refuses the rest), and an
allowed route without any capacity (corridor: "unbounded") is refused too.
"""
import heapq
import json
import os
import sys

import networkx as nx
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from networkx_whole import TRANSFER_KINDS, link_hours, read, usable_links  # noqa: E402

PRICING_TOLERANCE = 1e-7


class Graph:
    """The usable links as corridor's RouteTimeGraph sees them."""

    def __init__(self, network, index):
        self.nodes = network["nodes"]
        self.out = [[] for _ in self.nodes]  # per node: (link number, other end, mode, hours, backwards)
        self.links = []
        for link, u, v in usable_links(network, index):
            number = len(self.links)
            self.links.append(link)
            hours = link_hours(link)
            self.out[u].append((number, v, link["mode"], hours, False))
            if link.get("bidirectional", True):
                self.out[v].append((number, u, link["mode"], hours, True))
        # The (node, arrival mode) states, None at the origin, and the hours between them.
        self.arriving = [set() for _ in self.nodes]
        for steps in self.out:
            for _, nxt, mode, _, _ in steps:
                self.arriving[nxt].add(mode)
        self.states = nx.DiGraph()
        for at, steps in enumerate(self.out):
            for _, nxt, mode, hours, _ in steps:
                for in_mode in [None] + sorted(self.arriving[at]):
                    passing = 0.0 if in_mode is None else self.pass_hours(at, in_mode, mode)
                    if passing is None:
                        continue
                    edge = self.states.get_edge_data((at, in_mode), (nxt, mode))
                    if edge is None or passing + hours < edge["weight"]:
                        self.states.add_edge((at, in_mode), (nxt, mode), weight=passing + hours)

    def pass_hours(self, at, in_mode, out_mode):
        node = self.nodes[at]
        if in_mode == out_mode:
            return node.get("dwell_hours", 0.0)
        if not node.get("allows_transfer", node["kind"] in TRANSFER_KINDS):
            return None
        return node.get("dwell_hours", 0.0) + node.get("transfer_hours", 0.0)

    def fastest_hours(self, source, sink):
        """NetworkX's Dijkstra on the (node, arrival mode) states."""
        if not self.states.has_node((source, None)):
            return None
        hours = nx.single_source_dijkstra_path_length(self.states, (source, None))
        best = [hours[(sink, mode)] for mode in self.arriving[sink] if (sink, mode) in hours]
        return min(best) if best else None

    def hours_to(self, sink):
        """Lower bounds on the hours from every node to `sink` (NetworkX, link hours only)."""
        reverse = nx.DiGraph()
        for at, steps in enumerate(self.out):
            for _, nxt, _, hours, _ in steps:
                if not reverse.has_edge(nxt, at) or reverse[nxt][at]["weight"] > hours:
                    reverse.add_edge(nxt, at, weight=hours)
        reverse.add_node(sink)
        return nx.single_source_dijkstra_path_length(reverse, sink)


def within(hours, bound):
    return hours <= bound + 1e-9 * max(1.0, bound)


def cheapest_route(graph, source, sink, max_hours, bound, link_price, node_price):
    """(cost, nodes, [(link, backwards)]) of the cheapest loopless route within max_hours, or None."""
    if not within(bound.get(source, float("inf")), max_hours):
        return None
    labels = [(node_price[source], 0.0, source, None, None, -1)]  # cost, hours, node, mode, (link, backwards), parent
    heap = [(labels[0][0], 0.0, 0)]
    fastest_settled = {}
    settled_nodes = set()

    def visited(label, node):
        if node not in settled_nodes:
            return False
        while label >= 0:
            if labels[label][2] == node:
                return True
            label = labels[label][5]
        return False

    while heap:
        cost, hours, index = heapq.heappop(heap)
        _, _, at, mode, _, _ = labels[index]
        if fastest_settled.get((at, mode), float("inf")) <= hours:
            continue
        fastest_settled[(at, mode)] = hours
        settled_nodes.add(at)
        if at == sink:
            nodes, steps = [], []
            while index > 0:
                nodes.append(labels[index][2])
                steps.append(labels[index][4])
                index = labels[index][5]
            return cost, [source] + nodes[::-1], steps[::-1]
        for link, nxt, link_mode, link_hours_, backwards in graph.out[at]:
            step = link_hours_
            if mode is not None:
                passing = graph.pass_hours(at, mode, link_mode)
                if passing is None:
                    continue
                step += passing
            arrival = hours + step
            if not within(arrival + bound.get(nxt, float("inf")), max_hours):
                continue
            if fastest_settled.get((nxt, link_mode), float("inf")) <= arrival or visited(index, nxt):
                continue
            next_cost = cost + link_price[(link, backwards)] + node_price[nxt]
            labels.append((next_cost, arrival, nxt, link_mode, (link, backwards), index))
            heapq.heappush(heap, (next_cost, arrival, len(labels) - 1))
    return None


def plausible_max_flow(network, index, sources, sinks, max_detour):
    graph = Graph(network, index)
    link_capacity = {}
    for number, link in enumerate(graph.links):
        if "capacity_tpy" in link:
            link_capacity[(number, False)] = link_capacity[(number, True)] = float(link["capacity_tpy"])
    node_capacity = {n: float(node["capacity_tpy"]) for n, node in enumerate(graph.nodes) if "capacity_tpy" in node}
    pairs = []
    for s in (index[x] for x in sources):
        for t in (index[x] for x in sinks):
            if s == t:
                continue
            fastest = graph.fastest_hours(s, t)
            if fastest is not None:
                pairs.append((s, t, fastest * max_detour))
    bounds = {t: graph.hours_to(t) for t in {t for _, t, _ in pairs}}
    zero_link = {(number, backwards): 0.0 for number in range(len(graph.links)) for backwards in (False, True)}
    zero_node = [0.0] * len(graph.nodes)
    # An allowed route meeting no capacity at all: corridor answers "unbounded".
    unit_link = {key: 1.0 if key in link_capacity else 0.0 for key in zero_link}
    unit_node = [1.0 if n in node_capacity else 0.0 for n in range(len(graph.nodes))]
    for s, t, max_hours in pairs:
        route = cheapest_route(graph, s, t, max_hours, bounds[t], unit_link, unit_node)
        if route and route[0] == 0.0:
            raise SystemExit("networkx_pathflow_peer.py: an allowed route has no capacity (unbounded)")

    rows, routes, known = {}, [], set()  # rows: capacity key -> row number

    def add_route(route):
        _, nodes, steps = route
        key = (nodes[0], tuple(steps))
        if key in known:
            return False
        known.add(key)
        coefficients = {}
        for n in nodes:
            if n in node_capacity:
                row = rows.setdefault(("node", n), len(rows))
                coefficients[row] = coefficients.get(row, 0.0) + 1.0
        for step in steps:
            if step in link_capacity:
                row = rows.setdefault(("link", step), len(rows))
                coefficients[row] = coefficients.get(row, 0.0) + 1.0
        routes.append(coefficients)
        return True

    for s, t, max_hours in pairs:
        route = cheapest_route(graph, s, t, max_hours, bounds[t], zero_link, zero_node)
        if route:
            add_route(route)
    rounds = 0
    while True:
        rounds += 1
        data, row_index, column_index = [], [], []
        for j, coefficients in enumerate(routes):
            for row, value in coefficients.items():
                data.append(value), row_index.append(row), column_index.append(j)
        matrix = csr_matrix((data, (row_index, column_index)), shape=(len(rows), len(routes)))
        capacity = np.zeros(len(rows))
        for (kind, key), row in rows.items():
            capacity[row] = node_capacity[key] if kind == "node" else link_capacity[key]
        answer = linprog(-np.ones(len(routes)), A_ub=matrix, b_ub=capacity, bounds=(0, None), method="highs")
        if answer.status != 0:
            raise SystemExit(f"networkx_pathflow_peer.py: HiGHS failed: {answer.message}")
        dual = -answer.ineqlin.marginals
        link_price, node_price = dict(zero_link), list(zero_node)
        for (kind, key), row in rows.items():
            if kind == "node":
                node_price[key] += max(0.0, dual[row])
            else:
                link_price[key] += max(0.0, dual[row])
        added = False
        for s, t, max_hours in pairs:
            route = cheapest_route(graph, s, t, max_hours, bounds[t], link_price, node_price)
            if route and route[0] < 1.0 - PRICING_TOLERANCE:
                added = add_route(route) or added
        if not added:
            return {"max_flow_tpy": round(-answer.fun), "rounds": rounds, "routes": len(routes)}


def main():
    if len(sys.argv) != 5:
        raise SystemExit("usage: networkx_pathflow_peer.py NETWORK.json SOURCES SINKS MAX_DETOUR")
    network, index = read(sys.argv[1])
    print(json.dumps(plausible_max_flow(network, index, sys.argv[2].split(","), sys.argv[3].split(","),
                                        float(sys.argv[4]))))


if __name__ == "__main__":
    main()
