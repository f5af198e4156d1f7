#pragma once
// Private to src/io: the parts of a flow report that come from the plausible-route engine
// (docs/capacity.md): the routes carrying the flow, shared resources with their background,
// the binding constraints with their duals, in tables, JSON and plain words.

#include <string>

#include <nlohmann/json.hpp>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io::detail {

/// "Routes (each at most 1.5 x the fastest between its ends):" and a table of via-nodes, t/yr,
/// days; "" for a result without routes.
std::string flow_routes_table(const Network& network, const FlowResult& result);
/// "Shared resources (...)" and a table of capacity, background, left, used and whether it binds,
/// one row per resource; "" when the network has none. Flow and assignment reports both use it.
std::string resource_loads_table(const Network& network, const std::vector<ResourceLoad>& loads);
/// The same as a JSON array of objects (id, name, unit, capacity, background, left, used, binding).
nlohmann::ordered_json resource_loads_json(const Network& network, const std::vector<ResourceLoad>& loads);
/// Shared resources (capacity, background, left, used) and binding constraints with duals;
/// "" when there are none.
std::string flow_constraints_table(const Network& network, const FlowResult& result);
/// Adds "max_detour", "routes", "resources" and "binding" to a flow's JSON object.
void add_flow_routes_json(const Network& network, const FlowResult& result, nlohmann::ordered_json& out);
/// Plain words for each binding resource, e.g. "the Baku ferry terminal (resource, 6.20 Mt/yr
/// left of 6.20 Mt/yr)"; empty when none binds.
std::vector<std::string> binding_resource_texts(const Network& network, const FlowResult& result);
/// Whether the binding links and nodes form a classic minimum cut (every dual 1, no resource).
bool binding_is_plain_cut(const FlowResult& result);

}  // namespace corridor::io::detail
