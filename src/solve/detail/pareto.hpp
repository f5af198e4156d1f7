#pragma once
// Pareto-optimal routes by time, cost and CO2e (internal to src/solve): Boost's resource-
// constrained shortest-path label search. The one file of corridor that touches boost::detail.

#include <vector>

#include "model/query.hpp"
#include "solve/detail/route_graph.hpp"

namespace corridor::solve::detail {

/// Every route of `query` not beaten on time, cost and CO2e at once, within kParetoTimeFactor of
/// the fastest time, fastest first; at most kMaxParetoRoutes (then `truncated` is set).
std::vector<Route> pareto_routes(const RouteGraph& graph, const RouteQuery& query, bool& truncated);

}  // namespace corridor::solve::detail
