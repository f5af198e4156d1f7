#pragma once
// CSV of the analyses that had only a table and JSON (docs/outputs.md, "CSV of every command"),
// each built on the neutral Table (io/table.hpp): one header row, a fixed column count,
// plain numbers (no thousands separators), ids rather than display names.

#include <vector>

#include "io/table.hpp"
#include "model/capacity.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/reliability.hpp"

namespace corridor::io {

/// compare-routes: one row per corridor (found or not).
Table compare_routes_table(const Network& network, const std::vector<RouteResult>& per_corridor);
/// assign: one row per OD path (record "path") and one per loaded capacity (record "element").
Table assign_csv_table(const Network& network, const AssignResult& result);
/// criticality: one row per element tested, most critical first.
Table criticality_csv_table(const Network& network, const CriticalityResult& result);
/// upgrades: one row per option (record "option") and per step of the plan (record "step").
Table upgrades_csv_table(const Network& network, const UpgradeResult& result);
/// reliability: one row per route sampled, with its percentiles.
Table reliability_csv_table(const Network& network, const ReliabilityResult& result);

}  // namespace corridor::io
