#pragma once
// LEMON peers of the benchmark. LEMON 1.3.1 (Debian 12) uses std::allocator::construct, which
// C++20 removed, so these live in their own C++17 translation unit (lemon_peers.cpp) behind
// this LEMON-free interface.

#include <cstdint>
#include <memory>

#include "benchmarks/peer_graphs.hpp"

namespace corridor::bench {

/// LEMON Dijkstra on a StaticDigraph built once from the routing graph.
class LemonRoute {
 public:
  explicit LemonRoute(const RoutingGraph& graph);
  ~LemonRoute();
  /// Length of the shortest path from the graph's sources to the nearest target.
  double run(const RoutingGraph& graph) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// LEMON Preflow and NetworkSimplex on a StaticDigraph built once from the flow graph.
class LemonFlow {
 public:
  explicit LemonFlow(const FlowGraph& graph);
  ~LemonFlow();
  std::int64_t max_flow() const;
  /// Cost of the cheapest flow of `amount` from source to sink; -1 if infeasible.
  std::int64_t min_cost(std::int64_t amount) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::bench
