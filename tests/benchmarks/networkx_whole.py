#!/usr/bin/env python3
"""NetworkX doing a whole corridor command from the same network file, for make bench's
whole-process comparison (docs/performance.md):

    networkx_whole.py route NETWORK.json ORIGIN DESTINATION
    networkx_whole.py flow NETWORK.json SOURCE[,SOURCE...] SINK[,SINK...] [ALGORITHM]

It reads the file with Python's json module, builds the graph corridor builds (docs/model.md),
solves, and prints a JSON answer, as `corridor route|flow ... --format json` does:
- route: the mode-expanded graph (an arrival and a departure vertex per node and mode of its
  usable links; pass-through arcs cost dwell_hours, plus transfer_hours on a mode change, which
  only nodes allowing transfers permit; link arcs cost hours + 84 / departures_per_week, both ways
  unless one-way), Dijkstra from the origin's departure vertices to the first of the
  destination's arrival vertices settled; prints {"hours": ...}.
- flow (corridor flow --max-detour none): every open node split into in -> out carrying its
  capacity, usable links out -> in with theirs (per direction), a super source and a super sink;
  prints {"max_flow_tpy": ...}. ALGORITHM is a NetworkX max-flow function (default
  boykov_kolmogorov, the fastest of NetworkX's on these networks).

Only what generated networks contain is modelled; a file using anything else (timetables,
random waits, shared resources, background traffic, vessel payloads) is refused rather than
answered wrongly. The answers are checked against corridor's by run_bench.py.
"""
import json
import sys

import networkx as nx
from networkx.algorithms import flow as nx_flow

MODES = ("rail", "ferry", "road", "sea")
TRANSFER_KINDS = ("sea_port", "rail_terminal", "dry_port")
UNMODELLED = ("wait_distribution", "schedule", "uses", "background_tpy", "vessel_payload_t", "delay")


def read(path):
    with open(path) as f:
        network = json.load(f)
    index = {}
    for i, node in enumerate(network["nodes"]):
        index[node["id"]] = i
        for key in UNMODELLED:
            if key in node:
                raise SystemExit(f"networkx_whole.py: node {node['id']} has {key}, which this script does not model")
    for link in network["links"]:
        for key in UNMODELLED:
            if key in link:
                raise SystemExit(f"networkx_whole.py: link {link['from']}-{link['to']} has {key}, which this script does not model")
    return network, index


def is_open(element):
    return element.get("status", "open") == "open"


def usable_links(network, index):
    nodes = network["nodes"]
    for link in network["links"]:
        u, v = index[link["from"]], index[link["to"]]
        if is_open(link) and is_open(nodes[u]) and is_open(nodes[v]):
            yield link, u, v


def link_hours(link):
    departures = link.get("departures_per_week", 0)
    return link["hours"] + (84.0 / departures if departures > 0 else 0.0)


def route(network, index, origin, destination):
    graph = nx.DiGraph()
    modes_at = {}
    links = list(usable_links(network, index))
    for link, u, v in links:
        modes_at.setdefault(u, set()).add(link["mode"])
        modes_at.setdefault(v, set()).add(link["mode"])
    nodes = network["nodes"]
    for n, modes in modes_at.items():
        node = nodes[n]
        transfers = node.get("allows_transfer", node["kind"] in TRANSFER_KINDS)
        for arriving in modes:
            for leaving in modes:
                if arriving == leaving:
                    graph.add_edge(("a", n, arriving), ("d", n, leaving), weight=node.get("dwell_hours", 0.0))
                elif transfers:
                    graph.add_edge(("a", n, arriving), ("d", n, leaving),
                                   weight=node.get("dwell_hours", 0.0) + node.get("transfer_hours", 0.0))
    for link, u, v in links:
        mode, hours = link["mode"], link_hours(link)
        # A parallel link of the same mode: the faster one is the only one a shortest path uses.
        for tail, head in ((u, v), (v, u)) if link.get("bidirectional", True) else ((u, v),):
            edge = graph.get_edge_data(("d", tail, mode), ("a", head, mode))
            if edge is None or hours < edge["weight"]:
                graph.add_edge(("d", tail, mode), ("a", head, mode), weight=hours)
    o, d = index[origin], index[destination]
    target = "target"
    for mode in modes_at.get(d, ()):
        graph.add_edge(("a", d, mode), target, weight=0.0)
    sources = {("d", o, mode) for mode in modes_at.get(o, ())}
    hours = nx.multi_source_dijkstra(graph, sources, target=target)[0]
    return {"hours": hours}


def unlimited_capacity(network):
    total = sum(node.get("capacity_tpy", 0) for node in network["nodes"])
    total += sum(link.get("capacity_tpy", 0) * (2 if link.get("bidirectional", True) else 1) for link in network["links"])
    return total + 1


def flow(network, index, sources, sinks, algorithm):
    unlimited = unlimited_capacity(network)
    graph = nx.DiGraph()
    for n, node in enumerate(network["nodes"]):
        if is_open(node):
            graph.add_edge(("in", n), ("out", n), capacity=node.get("capacity_tpy", unlimited))
    for link, u, v in usable_links(network, index):
        capacity = link.get("capacity_tpy", unlimited)
        for tail, head in ((u, v), (v, u)) if link.get("bidirectional", True) else ((u, v),):
            # Parallel links between the same ends add their capacities.
            edge = graph.get_edge_data(("out", tail), ("in", head))
            graph.add_edge(("out", tail), ("in", head), capacity=capacity + (edge["capacity"] if edge else 0))
    for s in sources:
        graph.add_edge("source", ("in", index[s]), capacity=unlimited)
    for t in sinks:
        graph.add_edge(("out", index[t]), "sink", capacity=unlimited)
    value = nx.maximum_flow_value(graph, "source", "sink", flow_func=getattr(nx_flow, algorithm))
    return {"max_flow_tpy": value}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    network, index = read(path)
    if kind == "route":
        answer = route(network, index, sys.argv[3], sys.argv[4])
    elif kind == "flow":
        algorithm = sys.argv[5] if len(sys.argv) > 5 else "boykov_kolmogorov"
        answer = flow(network, index, sys.argv[3].split(","), sys.argv[4].split(","), algorithm)
    else:
        raise SystemExit(f"networkx_whole.py: unknown job {kind!r} (route or flow)")
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
