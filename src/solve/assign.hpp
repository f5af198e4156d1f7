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
///
/// Both methods solve the same linear program to its optimum: ColumnGeneration on path columns
/// found by Dijkstra on reduced costs (solve/detail/assign_paths.hpp), ArcLp on arc columns per
/// OD pair (solve/detail/assign_lp.hpp). Automatic takes the arc LP while it is small (OD pairs
/// x arcs of the expanded graph up to kArcLpMaxColumns: the shipped network and scenarios, whose
/// reported figures thus keep their last digits) and column generation beyond, where the arc
/// LP's size makes it slow.
enum class AssignMethod { Automatic, ColumnGeneration, ArcLp };
inline constexpr std::size_t kArcLpMaxColumns = 20'000;
AssignResult assign_demand(const Network& network, const AssignQuery& query,
                           AssignMethod method = AssignMethod::Automatic);

}  // namespace corridor::solve
