#pragma once
// Private to src/io: each result type's JSON object, built once and used wherever that result
// appears in JSON (its own command, a scenario's results, compare-routes, the HTTP API), so
// that no rendered JSON text is parsed again.

#include <nlohmann/json.hpp>

#include "model/capacity.hpp"
#include "model/curve.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/reliability.hpp"

namespace corridor::io::detail {

nlohmann::ordered_json route_object(const Network& network, const RouteResult& result);
nlohmann::ordered_json flow_object(const Network& network, const FlowResult& result);
nlohmann::ordered_json assign_object(const Network& network, const AssignResult& result);
nlohmann::ordered_json criticality_object(const Network& network, const CriticalityResult& result);
nlohmann::ordered_json upgrades_object(const Network& network, const UpgradeResult& result);
nlohmann::ordered_json reliability_object(const Network& network, const ReliabilityResult& result);
nlohmann::ordered_json curve_object(const Network& network, const CurveResult& result);

/// A JSON document as every renderer writes it: indented by 2, ending in a line break.
inline std::string json_text(const nlohmann::ordered_json& value) { return value.dump(2) + "\n"; }

}  // namespace corridor::io::detail
