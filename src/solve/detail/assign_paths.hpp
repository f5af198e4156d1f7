#pragma once
// The demand assignment by column generation (internal to src/solve): the path formulation of
// the multi-commodity min-cost flow that assign_lp.hpp states on arcs. A GLPK master LP has a
// demand row per OD pair, its unserved column, the path columns found so far and a capacity row
// only for the capacities (link directions, nodes, shared resources) that some found path uses
// and that the master's flow has overrun; pricing (assign_pricing.hpp) is an A* search per
// origin (or per destination, backwards) on the shared mode-expanded graph for all the OD pairs
// that share it, each arc weighing its per-tonne weight plus the duals of the capacities it
// draws on. It stops when no path has a negative reduced cost and every capacity holds: the
// master's optimum is then the arc LP's (docs/capacity.md).

#include <map>
#include <vector>

#include "model/capacity.hpp"
#include "model/network.hpp"
#include "solve/detail/assign_lp.hpp"

namespace corridor::solve::detail {

/// A path of one OD pair with its tonnes: arcs of the ExpandedGraph from a departure vertex of
/// its origin to an arrival vertex of its destination.
struct PathFlow {
  std::vector<int> arcs;
  double tonnes = 0.0;
};

/// The column generation's answer, in the terms the report needs.
struct PathAnswer {
  std::vector<std::vector<PathFlow>> paths;  ///< per OD pair, the paths carrying more than the noise
  std::vector<double> unserved;              ///< per OD pair
  std::map<CapacityKey, double> load;        ///< every loaded link direction and node
  std::map<CapacityKey, double> dual;        ///< the duals of the capacities that are master rows
  std::vector<double> resource_used, resource_dual;  ///< per network resource (dual 0 without a row)
  int rounds = 0;                            ///< master solves
  int columns = 0;                           ///< path columns generated
  int restarts = 0;                          ///< master solves started again from a fresh basis
  int dropped = 0;                           ///< path columns purged from the master
  int seeded = 0;                            ///< path columns the greedy seed started the master with
};

/// How the column generation runs; tests change these to reach rare paths.
struct ColumnSettings {
  int warm_iterations = -1;  ///< the master's simplex_with_restart limit (simplex.hpp; -1: its default, 0: always afresh)
  int purge_rounds = 10;     ///< rounds between purges of priced-out columns (see assign_paths.cpp)
  int purge_rows_factor = 2; ///< purges only with more path columns than this x the master's rows, plus its pairs
  bool seed = true;          ///< starts the master from greedy paths (see assign_paths.cpp)
};

/// Solves the assignment of `query` on `g` by column generation, unserved tonnes weighing
/// `unserved_penalty_per_t`; paths below `noise` tonnes are left out of the answer. Sets
/// result.solved, result.solver_status, result.solver_code and, when solved, result.objective.
/// `settings` are the defaults but in tests.
PathAnswer solve_by_columns(const Network& network, const ExpandedGraph& g, const AssignQuery& query,
                            double unserved_penalty_per_t, double noise, AssignResult& result,
                            const ColumnSettings& settings = {});

}  // namespace corridor::solve::detail
