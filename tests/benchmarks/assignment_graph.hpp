#pragma once
// The min-cost flow peers' graph: corridor's demand assignment of one OD pair as a
// single-commodity network (a FlowGraph of peer_graphs.hpp). Apart from peer_graphs.hpp because
// it needs model/capacity.hpp, which is C++20, and lemon_peers.cpp is compiled as C++17.

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmarks/peer_graphs.hpp"
#include "model/capacity.hpp"
#include "model/network.hpp"

namespace corridor::bench {

// ---- min-cost flow: the demand assignment of one OD pair ----
//
// solve::assign_demand solves an LP on the mode-expanded graph (docs/capacity.md): link arcs
// departure -> arrival and pass arcs arrival -> departure, each weighing weight_per_t of its
// step_metrics (mode changes only where allowed), the demand injected at the origin's
// departure vertices and absorbed at the destination's arrival vertices, a capacity per link
// direction and one per node shared by every pass through it (and the injection or absorption
// at an end). A node capacity shared by several arcs is a bundle constraint that a
// single-commodity network cannot express exactly, so for the comparison those capacities are
// dropped from the network all three solve (strip_shared_node_capacities); every other
// capacity sits on exactly one arc, and the peers then solve corridor's very problem.

/// Costs of the exported graph are whole multiples of this fraction of an hour: 1/300 h makes
/// every generated weight whole (hours in hundredths, dwell in quarters, ferry waits of 84/k
/// hours for k = 2..10 departures a week); make_assignment_graph checks it.
inline constexpr double kCostUnitsPerHour = 300.0;

namespace detail {
/// Arrival (or departure) vertex slots per node and mode of the mode-expanded graph, and the
/// number of arcs that corridor's LP counts against each node's capacity.
struct ExpandedVertices {
  std::vector<std::array<std::uint32_t, kModeCount>> arrival, departure;
  std::vector<std::uint32_t> counted_arcs;
  std::uint32_t vertex_count = 0;
};

inline ExpandedVertices expanded_vertices(const Network& net, NodeIndex origin, NodeIndex destination) {
  ExpandedVertices x;
  const std::size_t n = net.nodes.size();
  x.arrival.assign(n, {kNoVertex, kNoVertex, kNoVertex, kNoVertex});
  x.departure = x.arrival;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!net.link_usable(l)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    auto mark = [&](std::uint32_t& slot) {
      if (slot == kNoVertex) slot = x.vertex_count++;
    };
    mark(x.departure[link.from][m]);
    mark(x.arrival[link.to][m]);
    if (link.bidirectional) {
      mark(x.departure[link.to][m]);
      mark(x.arrival[link.from][m]);
    }
  }
  x.counted_arcs.assign(n, 0);
  for (NodeIndex v = 0; v < n; ++v)
    for (std::size_t in = 0; in < kModeCount; ++in)
      for (std::size_t out = 0; out < kModeCount; ++out)
        if (x.arrival[v][in] != kNoVertex && x.departure[v][out] != kNoVertex &&
            (in == out || net.nodes[v].allows_transfer))
          ++x.counted_arcs[v];
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (x.departure[origin][m] != kNoVertex) ++x.counted_arcs[origin];
    if (x.arrival[destination][m] != kNoVertex) ++x.counted_arcs[destination];
  }
  return x;
}
}  // namespace detail

/// Removes the capacity of every node whose capacity corridor's LP shares between several arcs
/// (a sea port's rail and ferry passes, for instance); returns how many were removed.
inline std::uint32_t strip_shared_node_capacities(Network& net, NodeIndex origin, NodeIndex destination) {
  const detail::ExpandedVertices x = detail::expanded_vertices(net, origin, destination);
  std::uint32_t dropped = 0;
  for (NodeIndex v = 0; v < net.nodes.size(); ++v)
    if (net.nodes[v].capacity_tpy && x.counted_arcs[v] > 1) {
      net.nodes[v].capacity_tpy.reset();
      ++dropped;
    }
  return dropped;
}

/// Whole cost units of a per-tonne weight in hours; throws if it is not whole.
inline std::int64_t assignment_cost(double hours) {
  const double units = hours * kCostUnitsPerHour;
  const double whole = std::round(units);
  if (std::fabs(units - whole) > 1e-6) throw std::runtime_error("a weight of " + std::to_string(hours) +
                                                                " h is not a whole 1/300 h: the peers' integer costs would differ");
  return static_cast<std::int64_t>(whole);
}

/// The single-commodity graph of the demand assignment of one OD pair, by time. Precondition:
/// no node capacity is shared (strip_shared_node_capacities has run on `net`).
inline FlowGraph make_assignment_graph(const Network& net, NodeIndex origin, NodeIndex destination) {
  const detail::ExpandedVertices x = detail::expanded_vertices(net, origin, destination);
  FlowGraph g;
  g.source = x.vertex_count;
  g.sink = x.vertex_count + 1;
  g.vertex_count = x.vertex_count + 2;
  g.unlimited = unlimited_capacity(net);
  const WeightParams by_time;
  auto node_capacity = [&](NodeIndex v) {
    if (net.nodes[v].capacity_tpy && x.counted_arcs[v] > 1)
      throw std::logic_error("node " + net.nodes[v].id + ": capacity shared by several arcs");
    return net.nodes[v].capacity_tpy.value_or(g.unlimited);
  };
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!net.link_usable(l)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    const std::int64_t capacity = link.capacity_tpy.value_or(g.unlimited);
    const std::int64_t cost = assignment_cost(weight_per_t(step_metrics(net, {true, l, false}), by_time));
    g.arcs.push_back({x.departure[link.from][m], x.arrival[link.to][m], capacity, cost});
    if (link.bidirectional) g.arcs.push_back({x.departure[link.to][m], x.arrival[link.from][m], capacity, cost});
  }
  for (NodeIndex v = 0; v < net.nodes.size(); ++v)
    for (std::size_t in = 0; in < kModeCount; ++in)
      for (std::size_t out = 0; out < kModeCount; ++out) {
        if (x.arrival[v][in] == kNoVertex || x.departure[v][out] == kNoVertex) continue;
        if (in != out && !net.nodes[v].allows_transfer) continue;
        g.arcs.push_back({x.arrival[v][in], x.departure[v][out], node_capacity(v),
                          assignment_cost(weight_per_t(step_metrics(net, {false, v, in != out}), by_time))});
      }
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (x.departure[origin][m] != kNoVertex) g.arcs.push_back({g.source, x.departure[origin][m], node_capacity(origin), 0});
    if (x.arrival[destination][m] != kNoVertex)
      g.arcs.push_back({x.arrival[destination][m], g.sink, node_capacity(destination), 0});
  }
  return g;
}

}  // namespace corridor::bench
