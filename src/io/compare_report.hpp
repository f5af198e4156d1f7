#pragma once
// Rendering `corridor compare-routes`: the best route per corridor side by side, then each
// route's leg-by-leg breakdown (docs/cli.md).

#include <string>
#include <vector>

#include "model/cost.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io {

/// One row per corridor (days, km, USD/t, kg CO2e/t, transfers, border crossings, or "no
/// route" with the constraint that cut it), then the breakdown of every route found.
/// Money per `unit` (--unit).
std::string compare_table(const Network& network, const std::vector<RouteResult>& per_corridor,
                          MoneyUnit unit = MoneyUnit::Tonne);
/// {"from", "to", "by", "corridors": [{"corridor", "found", "route" (as in `route --format json`)}]}
std::string compare_json(const Network& network, const std::vector<RouteResult>& per_corridor);

}  // namespace corridor::io
