#include "support/lemon_reference.hpp"

#include <limits>

#include <lemon/dijkstra.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

namespace corridor::test::lemon_reference {

using Graph = lemon::SmartDigraph;

namespace {

std::vector<Graph::Node> add_nodes(Graph& graph, int count) {
  std::vector<Graph::Node> nodes;
  nodes.reserve(static_cast<std::size_t>(count));
  for (int v = 0; v < count; ++v) nodes.push_back(graph.addNode());
  return nodes;
}

}  // namespace

std::vector<double> shortest_distances(int vertex_count, const std::vector<WeightedArc>& arcs,
                                       const std::vector<int>& sources) {
  Graph graph;
  const std::vector<Graph::Node> nodes = add_nodes(graph, vertex_count);
  Graph::ArcMap<double> weight(graph);
  for (const WeightedArc& arc : arcs) weight.set(graph.addArc(nodes[arc.from], nodes[arc.to]), arc.weight);
  lemon::Dijkstra<Graph, Graph::ArcMap<double>> dijkstra(graph, weight);
  dijkstra.init();
  for (int s : sources) dijkstra.addSource(nodes[s], 0.0);
  dijkstra.start();
  std::vector<double> distance(static_cast<std::size_t>(vertex_count), std::numeric_limits<double>::infinity());
  for (int v = 0; v < vertex_count; ++v)
    if (dijkstra.reached(nodes[v])) distance[v] = dijkstra.dist(nodes[v]);
  return distance;
}

MaxFlow max_flow(int vertex_count, const std::vector<CapacityArc>& arcs, int source, int sink) {
  Graph graph;
  const std::vector<Graph::Node> nodes = add_nodes(graph, vertex_count);
  Graph::ArcMap<std::int64_t> capacity(graph);
  for (const CapacityArc& arc : arcs) capacity.set(graph.addArc(nodes[arc.from], nodes[arc.to]), arc.capacity);
  lemon::Preflow<Graph, Graph::ArcMap<std::int64_t>> preflow(graph, capacity, nodes[source], nodes[sink]);
  preflow.run();
  MaxFlow result;
  result.value = preflow.flowValue();
  for (Graph::ArcIt a(graph); a != lemon::INVALID; ++a)
    if (preflow.minCut(graph.source(a)) && !preflow.minCut(graph.target(a))) result.cut_capacity += capacity[a];
  return result;
}

MinCostFlow min_cost_flow(int vertex_count, const std::vector<CostArc>& arcs, int source, int sink,
                          std::int64_t amount) {
  Graph graph;
  const std::vector<Graph::Node> nodes = add_nodes(graph, vertex_count);
  using Simplex = lemon::NetworkSimplex<Graph, std::int64_t, double>;
  std::vector<Graph::Arc> handles;
  handles.reserve(arcs.size());
  for (const CostArc& arc : arcs) handles.push_back(graph.addArc(nodes[arc.from], nodes[arc.to]));
  Simplex simplex(graph);
  Graph::ArcMap<std::int64_t> upper(graph);
  Graph::ArcMap<double> cost(graph);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    upper.set(handles[i], arcs[i].capacity < 0 ? simplex.INF : arcs[i].capacity);
    cost.set(handles[i], arcs[i].cost);
  }
  simplex.upperMap(upper).costMap(cost).stSupply(nodes[source], nodes[sink], amount);
  MinCostFlow result;
  result.optimal = simplex.run() == Simplex::OPTIMAL;
  if (!result.optimal) return result;
  result.cost = simplex.totalCost<double>();
  for (const Graph::Arc& a : handles) result.flow.push_back(simplex.flow(a));
  return result;
}

}  // namespace corridor::test::lemon_reference
