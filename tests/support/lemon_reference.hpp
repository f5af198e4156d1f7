#pragma once
// LEMON 1.3 (Debian liblemon-dev) behind plain types: the independent reference solvers of the
// cross-checks. LEMON's headers need C++17 (its maps use std::allocator::construct, removed in
// C++20), so they stay in lemon_reference.cpp, compiled as C++17; callers build the graphs.

#include <cstdint>
#include <vector>

namespace corridor::test::lemon_reference {

struct WeightedArc {
  int from = 0;
  int to = 0;
  double weight = 0.0;
};

/// Shortest distances from a set of sources (all at distance 0) by LEMON's Dijkstra;
/// infinity for vertices not reached.
std::vector<double> shortest_distances(int vertex_count, const std::vector<WeightedArc>& arcs,
                                       const std::vector<int>& sources);

struct CapacityArc {
  int from = 0;
  int to = 0;
  std::int64_t capacity = 0;
};

struct MaxFlow {
  std::int64_t value = 0;         ///< LEMON Preflow's flow value
  std::int64_t cut_capacity = 0;  ///< capacity of LEMON's minimum cut (its own certificate)
};

MaxFlow max_flow(int vertex_count, const std::vector<CapacityArc>& arcs, int source, int sink);

struct CostArc {
  int from = 0;
  int to = 0;
  std::int64_t capacity = -1;  ///< < 0: unlimited
  double cost = 0.0;           ///< per unit of flow, >= 0
};

struct MinCostFlow {
  bool optimal = false;            ///< false: LEMON found the problem infeasible or unbounded
  double cost = 0.0;               ///< LEMON NetworkSimplex's total cost
  std::vector<std::int64_t> flow;  ///< per arc, in the order given
};

/// Sends exactly `amount` from `source` to `sink` at least total cost (LEMON NetworkSimplex,
/// integer flows, real costs). The caller makes the problem feasible (e.g. a direct arc).
MinCostFlow min_cost_flow(int vertex_count, const std::vector<CostArc>& arcs, int source, int sink,
                          std::int64_t amount);

}  // namespace corridor::test::lemon_reference
