#pragma once
// Rendering results as text tables and JSON (docs/cli.md documents both).

#include <string>
#include <vector>

#include "model/cost.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// Money per `unit` (--unit); a container unit needs the network's tonnes_per_teu.
std::string route_table(const Network& network, const RouteResult& result, MoneyUnit unit = MoneyUnit::Tonne);
std::string flow_table(const Network& network, const FlowResult& result);
std::string route_json(const Network& network, const RouteResult& result);
std::string flow_json(const Network& network, const FlowResult& result);

/// All query outcomes of a scenario run, under the scenario's name.
std::string scenario_table(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes);
std::string scenario_json(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes);

/// Binding elements grouped for reports: links that share a `crossing` (e.g. the Caspian
/// ferries) form one group; every other element is a group of its own. In cut order.
struct BottleneckGroup {
  std::string crossing;  ///< empty for a single element
  std::vector<CutElement> elements;
  TonnesPerYear capacity_tpy = 0;
};
std::vector<BottleneckGroup> bottleneck_groups(const Network& network, const std::vector<CutElement>& cut);

/// One sentence saying what limits a flow, e.g. "Binding: link KURYK-BAKU (ferry, 4.10 Mt/yr) ...".
std::string bottleneck_sentence(const Network& network, const FlowResult& result);

/// The nodes where a route changes mode or enters another country, comma-separated ("AKTAU, BAKU, ..."):
/// enough to tell alternatives apart.
std::string key_nodes_text(const Network& network, const Route& route);

/// A route query's constraints as text, e.g. " (corridor middle) (avoiding countries RU) (via KARS)".
std::string route_constraints_text(const Network& network, const RouteQuery& query);

/// "4.10 Mt/yr" for large values, "35,000 t/yr" for small ones.
std::string format_tonnes(TonnesPerYear tonnes);

}  // namespace corridor::io
