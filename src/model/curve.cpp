#include "model/curve.hpp"

#include <cmath>

#include "model/names.hpp"
#include "model/validate.hpp"

namespace corridor {

std::optional<CurveQuery> resolve(const Network& network, const CurveRequest& request, const std::string& pointer,
                                  DiagnosticSink& sink) {
  const auto before = sink.diagnostics().size();
  CurveQuery query;
  query.assign.weights.by = request.by;
  query.assign.corridors = request.corridors;
  query.assign.avoid = resolve_filter(network, request.corridors, request.avoid, pointer, sink);
  query.assign.equilibrium = request.equilibrium;
  auto ids = [&](const std::vector<std::string>& given, const std::string& key, std::vector<NodeIndex>& out) {
    if (given.empty()) sink.error("E-QUERY", pointer + "/" + key, key + " needs at least one node id");
    for (std::size_t i = 0; i < given.size(); ++i) {
      const std::string at = pointer + "/" + key + "/" + std::to_string(i);
      if (auto n = match_node(network, given[i])) {  // as everywhere: any case, names, aliases
        warn_if_idle_end(network, *n, key == "from" ? "origin" : "destination", at, sink);
        out.push_back(*n);
      } else {
        sink.error("E-QUERY-REF", at, node_reference_message(network, given[i], sink), given[i]);
      }
    }
  };
  ids(request.from, "from", query.from);
  ids(request.to, "to", query.to);
  for (NodeIndex a : query.from)
    for (NodeIndex b : query.to)
      if (a == b)
        sink.error("E-QUERY", pointer + "/to", "\"" + network.nodes[a].id + "\" is both an origin and a destination",
                   network.nodes[a].id);
  if (request.volumes_tpy.empty()) sink.error("E-QUERY", pointer + "/volumes_mt", "give at least one volume");
  for (std::size_t i = 0; i < request.volumes_tpy.size(); ++i) {
    const double v = request.volumes_tpy[i];
    if (!std::isfinite(v) || v <= 0 || v > static_cast<double>(kMaxCapacityTpy))
      sink.error("E-RANGE", pointer + "/volumes_mt/" + std::to_string(i), "volumes must be > 0 and at most 10^6 Mt/yr");
  }
  query.volumes_tpy = request.volumes_tpy;
  if (sink.diagnostics().size() != before && sink.has_errors()) return std::nullopt;
  return query;
}

}  // namespace corridor
