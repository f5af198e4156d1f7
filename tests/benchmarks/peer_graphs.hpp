#pragma once
// The graphs the peer programs (direct Boost.Graph CSR, LEMON, NetworkX) solve, written out as
// plain edge lists from a Network. They follow docs/model.md exactly as corridor does:
// - routing: the mode-expanded graph (arrival/departure vertex per node and mode, pass-through
//   arcs costing dwell (+ transfer when the mode changes, only where allowed), link arcs costing
//   hours + expected wait), several source vertices, several target vertices;
// - flow: every open node split into in -> out with its capacity, link arcs out -> in per
//   usable direction, a super source and a super sink; "unlimited" is one more than the sum of
//   all finite capacities (as in src/solve/flow.cpp).
// - min-cost flow: corridor's demand assignment model for one OD pair (assignment_graph.hpp).
// The benchmark checks that every peer finds the same answer as corridor before timing.

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/network.hpp"

namespace corridor::bench {

struct WeightedArc {
  std::uint32_t from, to;
  double hours;
};

struct RoutingGraph {
  std::uint32_t vertex_count = 0;
  std::vector<WeightedArc> arcs;  ///< sorted by source vertex (CSR order)
  std::vector<std::uint32_t> sources, targets;
};

inline constexpr std::uint32_t kNoVertex = std::numeric_limits<std::uint32_t>::max();

inline RoutingGraph make_routing_graph(const Network& net, NodeIndex origin, NodeIndex destination) {
  RoutingGraph g;
  const std::size_t n = net.nodes.size();
  std::vector<std::array<std::uint32_t, kModeCount>> arrival(n, {kNoVertex, kNoVertex, kNoVertex, kNoVertex});
  auto departure = arrival;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!net.link_usable(l)) continue;
    const Link& link = net.links[l];
    for (NodeIndex end : {link.from, link.to})
      if (arrival[end][static_cast<int>(link.mode)] == kNoVertex) arrival[end][static_cast<int>(link.mode)] = 0;
  }
  for (NodeIndex v = 0; v < n; ++v)
    for (std::size_t m = 0; m < kModeCount; ++m)
      if (arrival[v][m] != kNoVertex) {
        arrival[v][m] = g.vertex_count++;
        departure[v][m] = g.vertex_count++;
      }
  for (NodeIndex v = 0; v < n; ++v) {
    const Node& node = net.nodes[v];
    for (std::size_t in = 0; in < kModeCount; ++in)
      for (std::size_t out = 0; out < kModeCount; ++out) {
        if (arrival[v][in] == kNoVertex || departure[v][out] == kNoVertex) continue;
        if (in != out && !node.allows_transfer) continue;
        g.arcs.push_back({arrival[v][in], departure[v][out], node.dwell_hours + (in != out ? node.transfer_hours : 0.0)});
      }
  }
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!net.link_usable(l)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    const double hours = link.hours + link.expected_wait_hours();
    g.arcs.push_back({departure[link.from][m], arrival[link.to][m], hours});
    if (link.bidirectional) g.arcs.push_back({departure[link.to][m], arrival[link.from][m], hours});
  }
  std::stable_sort(g.arcs.begin(), g.arcs.end(), [](const WeightedArc& a, const WeightedArc& b) { return a.from < b.from; });
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (departure[origin][m] != kNoVertex) g.sources.push_back(departure[origin][m]);
    if (arrival[destination][m] != kNoVertex) g.targets.push_back(arrival[destination][m]);
  }
  return g;
}

struct CapacityArc {
  std::uint32_t from, to;
  std::int64_t capacity;
  std::int64_t cost;  ///< whole hundredths of an hour (for min-cost flow)
};

struct FlowGraph {
  std::uint32_t vertex_count = 0;
  /// Forward arcs only, in corridor's creation order (node arcs, link arcs in link order, then
  /// terminal arcs): push-relabel's running time depends on the order of each vertex's arcs.
  std::vector<CapacityArc> arcs;
  std::uint32_t source = 0, sink = 0;
  std::int64_t unlimited = 0;
};

inline std::int64_t cost_of(double hours) { return static_cast<std::int64_t>(hours * 100.0 + 0.5); }

/// "Unlimited" capacity: one more than the sum of all finite capacities (as in src/solve/flow.cpp).
inline std::int64_t unlimited_capacity(const Network& net) {
  long double finite_total = 0;
  for (const Node& node : net.nodes)
    if (node.capacity_tpy) finite_total += static_cast<long double>(*node.capacity_tpy);
  for (const Link& link : net.links)
    if (link.capacity_tpy) finite_total += static_cast<long double>(*link.capacity_tpy) * (link.bidirectional ? 2 : 1);
  return static_cast<std::int64_t>(finite_total) + 1;
}

inline FlowGraph make_flow_graph(const Network& net, const std::vector<NodeIndex>& sources,
                                 const std::vector<NodeIndex>& sinks) {
  FlowGraph g;
  const auto n = static_cast<std::uint32_t>(net.nodes.size());
  g.vertex_count = 2 * n + 2;
  g.source = 2 * n;
  g.sink = 2 * n + 1;
  g.unlimited = unlimited_capacity(net);
  for (NodeIndex v = 0; v < n; ++v) {
    const Node& node = net.nodes[v];
    if (node.is_open()) g.arcs.push_back({2 * v, 2 * v + 1, node.capacity_tpy.value_or(g.unlimited), cost_of(node.dwell_hours)});
  }
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!net.link_usable(l)) continue;
    const Link& link = net.links[l];
    const std::int64_t capacity = link.capacity_tpy.value_or(g.unlimited);
    const std::int64_t cost = cost_of(link.hours + link.expected_wait_hours());
    g.arcs.push_back({2 * link.from + 1, 2 * link.to, capacity, cost});
    if (link.bidirectional) g.arcs.push_back({2 * link.to + 1, 2 * link.from, capacity, cost});
  }
  for (NodeIndex s : sources) g.arcs.push_back({g.source, 2 * s, g.unlimited, 0});
  for (NodeIndex t : sinks) g.arcs.push_back({2 * t + 1, g.sink, g.unlimited, 0});
  return g;
}

/// Plain text for the NetworkX script: a header line, then one arc per line.
inline void export_routing_graph(const RoutingGraph& g, const std::string& path) {
  std::ofstream out(path);
  out.precision(17);
  out << "vertices " << g.vertex_count << " arcs " << g.arcs.size() << "\nsources";
  for (auto s : g.sources) out << ' ' << s;
  out << "\ntargets";
  for (auto t : g.targets) out << ' ' << t;
  out << '\n';
  for (const WeightedArc& a : g.arcs) out << a.from << ' ' << a.to << ' ' << a.hours << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

inline void export_flow_graph(const FlowGraph& g, std::int64_t min_cost_amount, const std::string& path) {
  std::ofstream out(path);
  out << "vertices " << g.vertex_count << " arcs " << g.arcs.size() << "\nsource " << g.source << " sink " << g.sink
      << " amount " << min_cost_amount << '\n';
  for (const CapacityArc& a : g.arcs) out << a.from << ' ' << a.to << ' ' << a.capacity << ' ' << a.cost << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace corridor::bench
