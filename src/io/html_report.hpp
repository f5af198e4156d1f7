#pragma once
// Self-contained HTML pages: inline CSS and SVG, no scripts, no external resources, so a
// page opens offline and prints to PDF. docs/outputs.md describes them.

#include <string>
#include <vector>

#include "io/basemap.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// `corridor report`: the scenario's maps (overview with the first route and the first flow,
/// the Caspian and Caucasus in detail, one map per query) and its tables (results at a
/// glance, capacity and bottlenecks, each route's legs, each flow's cut and link flows).
/// `warnings` (formatted diagnostics of the scenario, its network and its changes) are listed
/// under the header, so a reader of the page sees them as `run` shows them.
std::string scenario_report_html(const Scenario& scenario, const Network& network,
                                 const std::vector<QueryOutcome>& outcomes, const Basemap& basemap,
                                 const std::vector<std::string>& warnings = {});

/// `corridor map`: the network alone, with tables of its nodes and links.
std::string network_map_html(const Network& network, const Basemap& basemap);

}  // namespace corridor::io
