#pragma once
// Demand assignment: multi-commodity min-cost flow under shared link and node capacities,
// solved as a linear program with GLPK. Plain types here; GLPK stays inside assign.cpp.

#include "model/capacity.hpp"
#include "model/network.hpp"

namespace corridor::solve {

/// Assigns every OD pair's demand (tonnes per year) at minimum total weight (time, cost or
/// generalized cost per tonne, see weight_per_t in model/capacity.hpp) while the sum of all pairs' flows
/// respects every link's capacity per direction and every node's throughput capacity.
/// Demand that cannot be carried is left unserved at a per-tonne penalty, so an impossible
/// demand is an answer, not an error.
///
/// The network is mode-expanded as for routes: passing through a node costs its dwell, and a
/// change of mode its transfer time and handling cost, only where transfers are allowed. The
/// per-tonne weight of each path is therefore exactly that of the route model.
AssignResult assign_demand(const Network& network, const AssignQuery& query);

}  // namespace corridor::solve
