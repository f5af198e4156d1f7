#!/usr/bin/env python3
"""NetworkX peer of corridor_bench: times one algorithm on an edge list exported by
`corridor_bench --export DIR` (the same graph, sources and targets as corridor's query).

    networkx_peer.py route|flow|mincost DIR REPETITIONS

Prints one JSON object: median CPU seconds of the algorithm alone (graph already built), the
answer (route hours, max-flow value, min-cost flow cost in 1/300 h x t) and the graph build time.
"""
import json
import statistics
import sys
import time

import networkx as nx


def read_route(path):
    with open(path) as f:
        header = f.readline().split()
        sources = [int(x) for x in f.readline().split()[1:]]
        targets = [int(x) for x in f.readline().split()[1:]]
        graph = nx.DiGraph()
        graph.add_nodes_from(range(int(header[1])))
        graph.add_weighted_edges_from((int(u), int(v), float(w)) for u, v, w in (line.split() for line in f))
    assert graph.number_of_edges() == int(header[3]), "parallel arcs in the exported routing graph"
    return graph, sources, targets


def read_flow(path):
    with open(path) as f:
        header = f.readline().split()
        terminals = f.readline().split()
        source, sink, amount = int(terminals[1]), int(terminals[3]), int(terminals[5])
        graph = nx.DiGraph()
        graph.add_nodes_from(range(int(header[1])))
        for line in f:
            u, v, capacity, cost = line.split()
            graph.add_edge(int(u), int(v), capacity=int(capacity), weight=int(cost))
    assert graph.number_of_edges() == int(header[3]), "parallel arcs in the exported flow graph"
    return graph, source, sink, amount


def add_virtual_target(graph, targets):
    """NetworkX has no multi-target early exit: join every target to one extra vertex with
    zero-weight arcs and stop there (one search, stopped when the nearest target is settled,
    as corridor and the C++ peers do)."""
    sink = graph.number_of_nodes()
    graph.add_weighted_edges_from((t, sink, 0.0) for t in targets)
    return sink


def main():
    kind, directory, repetitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = time.perf_counter()
    if kind == "route":
        graph, sources, targets = read_route(directory + "/route.txt")
        sink = add_virtual_target(graph, targets)
        run = lambda: nx.multi_source_dijkstra(graph, set(sources), target=sink)[0]
    else:
        # mincost.txt: corridor's demand assignment of one OD pair as a single-commodity graph
        graph, source, sink, amount = read_flow(directory + ("/flow.txt" if kind == "flow" else "/mincost.txt"))
        if kind == "flow":
            run = lambda: nx.maximum_flow_value(graph, source, sink)  # preflow-push by default
        else:
            graph.nodes[source]["demand"] = -amount
            graph.nodes[sink]["demand"] = amount
            run = lambda: nx.network_simplex(graph)[0]
    build_seconds = time.perf_counter() - start
    times, answer = [], None
    for _ in range(repetitions):
        start = time.process_time()  # CPU time, like the C++ figures (the machine may be shared)
        answer = run()
        times.append(time.process_time() - start)
    print(json.dumps({"median_s": statistics.median(times), "answer": answer, "build_s": build_seconds, "networkx": nx.__version__,
                      "repetitions": repetitions}))


if __name__ == "__main__":
    main()
