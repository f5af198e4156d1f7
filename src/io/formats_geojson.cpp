// The GeoJSON renderers of formats.hpp (RFC 7946): the whole network as features, a result's
// figures as their properties (docs/outputs.md lists them).

#include "io/formats.hpp"

#include <cmath>
#include <variant>

#include <nlohmann/json.hpp>

#include "io/outcome_render.hpp"
#include "io/report.hpp"
#include "io/result_renderers.hpp"
#include "io/result_view.hpp"

namespace corridor::io {
namespace {

using nlohmann::ordered_json;

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

ordered_json optional_number(const std::optional<TonnesPerYear>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.append(separator);
    out.append(item);
  }
  return out;
}

ordered_json position(const Node& node) {
  return ordered_json::array({round_to(node.lon, 6), round_to(node.lat, 6)});
}

ordered_json node_feature(const Node& node) {
  ordered_json properties;
  properties["feature"] = "node";
  properties["id"] = node.id;
  properties["name"] = node.name;
  properties["country"] = node.country;
  properties["kind"] = to_string(node.kind);
  properties["status"] = to_string(node.status);
  properties["dwell_hours"] = node.dwell_hours;
  properties["transfer_hours"] = node.transfer_hours;
  properties["capacity_tpy"] = optional_number(node.capacity_tpy);
  ordered_json feature;
  feature["type"] = "Feature";
  feature["geometry"] = {{"type", "Point"}, {"coordinates", position(node)}};
  feature["properties"] = properties;
  return feature;
}

ordered_json link_feature(const Network& network, const Link& link) {
  ordered_json properties;
  properties["feature"] = "link";
  properties["id"] = link.id;
  properties["from"] = network.nodes[link.from].id;
  properties["to"] = network.nodes[link.to].id;
  properties["mode"] = to_string(link.mode);
  properties["corridor"] = joined(link.corridors, ",");
  properties["status"] = to_string(link.status);
  properties["distance_km"] = link.distance_km;
  properties["hours"] = link.hours;
  properties["wait_hours"] = round_to(link.expected_wait_hours(), 3);
  properties["departures_per_week"] =
      link.departures_per_week ? ordered_json(*link.departures_per_week) : ordered_json(nullptr);
  properties["capacity_tpy"] = optional_number(link.capacity_tpy);
  properties["bidirectional"] = link.bidirectional;
  ordered_json feature;
  feature["type"] = "Feature";
  // From end to end through the link's waypoints (a sea lane's straits), when it has any.
  ordered_json coordinates = ordered_json::array({position(network.nodes[link.from])});
  for (const GeoPoint& point : link.waypoints) coordinates.push_back(ordered_json::array({point.lon, point.lat}));
  coordinates.push_back(position(network.nodes[link.to]));
  feature["geometry"] = {{"type", "LineString"}, {"coordinates", coordinates}};
  feature["properties"] = properties;
  return feature;
}

/// Nodes first (in network order), then links; properties of results added later.
ordered_json network_features(const Network& network) {
  ordered_json features = ordered_json::array();
  for (const Node& node : network.nodes) features.push_back(node_feature(node));
  for (const Link& link : network.links) features.push_back(link_feature(network, link));
  return features;
}

ordered_json& node_properties(ordered_json& features, NodeIndex node) {
  return features[node]["properties"];
}
ordered_json& link_properties(ordered_json& features, const Network& network, LinkIndex link) {
  return features[network.nodes.size() + link]["properties"];
}

void add_route_properties(ordered_json& features, const Network& network, const RouteResult& result,
                          const std::string& prefix) {
  const detail::RouteView view = detail::route_view(network, result);
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    ordered_json& p = node_properties(features, n);
    const bool on = view.node_rank[n] > 0;
    p[prefix + "on_route"] = on;
    p[prefix + "rank"] = on ? ordered_json(view.node_rank[n]) : ordered_json(nullptr);
    p[prefix + "arrival_hours"] = on ? ordered_json(round_to(view.node_arrival_hours[n], 3)) : ordered_json(nullptr);
    p[prefix + "arrival_days"] =
        on ? ordered_json(round_to(view.node_arrival_hours[n] / 24.0, 4)) : ordered_json(nullptr);
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    ordered_json& p = link_properties(features, network, l);
    const bool on = view.link_rank[l] > 0;
    p[prefix + "on_route"] = on;
    p[prefix + "rank"] = on ? ordered_json(view.link_rank[l]) : ordered_json(nullptr);
    p[prefix + "direction"] = on ? ordered_json(view.link_forward[l] ? "forward" : "reverse") : ordered_json(nullptr);
  }
}

/// What a flow may use of an element (its capacity less background, as the flow's JSON and CSV
/// give it) and the share it uses: a binding element is at 1 whatever other traffic it carries.
void add_utilisation(ordered_json& p, const std::string& prefix, TonnesPerYear flow,
                     const std::optional<TonnesPerYear>& available) {
  p[prefix + "available_tpy"] = available ? ordered_json(*available) : ordered_json(nullptr);
  p[prefix + "utilisation"] = available && *available > 0
                                  ? ordered_json(round_to(static_cast<double>(flow) / static_cast<double>(*available), 4))
                                  : ordered_json(nullptr);
}

void add_flow_properties(ordered_json& features, const Network& network, const FlowResult& result,
                         const std::string& prefix) {
  const detail::FlowView view = detail::flow_view(network, result);
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    ordered_json& p = node_properties(features, n);
    p[prefix + "role"] = view.node_source[n] ? ordered_json("source")
                         : view.node_sink[n] ? ordered_json("sink")
                                             : ordered_json(nullptr);
    p[prefix + "throughput_tpy"] = view.node_throughput[n];
    add_utilisation(p, prefix, view.node_throughput[n], view.node_available[n]);
    p[prefix + "binding"] = view.node_binding[n] != 0;
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    ordered_json& p = link_properties(features, network, l);
    const Link& link = network.links[l];
    const int direction = view.link_direction[l];
    p[prefix + "flow_tpy"] = view.link_flow[l];
    p[prefix + "flow_from"] =
        direction == 0 ? ordered_json(nullptr) : ordered_json(network.nodes[direction > 0 ? link.from : link.to].id);
    p[prefix + "flow_to"] =
        direction == 0 ? ordered_json(nullptr) : ordered_json(network.nodes[direction > 0 ? link.to : link.from].id);
    add_utilisation(p, prefix, view.link_flow[l], view.link_available[l]);
    p[prefix + "binding"] = view.link_binding[l] != 0;
  }
}

ordered_json route_summary(const Network& network, const RouteResult& result) {
  ordered_json s;
  s["type"] = "route";
  s["from"] = network.nodes[result.query.from].id;
  s["to"] = network.nodes[result.query.to].id;
  s["by"] = to_string(result.query.by);
  s["corridor"] = result.query.corridors;
  s["found"] = result.found();
  if (result.found()) {
    const Route& route = result.routes.front();
    s["hours"] = round_to(route.hours, 3);
    s["days"] = round_to(route.days(), 4);
    s["distance_km"] = round_to(route.distance_km, 3);
    s["transfers"] = route.transfers;
    s["cost_usd_per_t"] = round_to(route.cost_usd_per_t, 3);
    s["co2_kg_per_t"] = round_to(route.co2_kg_per_t, 3);
    s["border_crossings"] = route.border_crossings;
  }
  return s;
}

ordered_json flow_summary(const Network& network, const FlowResult& result) {
  ordered_json s;
  s["type"] = "flow";
  ordered_json from = ordered_json::array(), to = ordered_json::array();
  for (NodeIndex n : result.query.sources) from.push_back(network.nodes[n].id);
  for (NodeIndex n : result.query.sinks) to.push_back(network.nodes[n].id);
  s["from"] = from;
  s["to"] = to;
  s["corridor"] = result.query.corridors;
  s["unbounded"] = result.unbounded;
  s["max_flow_tpy"] = result.unbounded ? ordered_json(nullptr) : ordered_json(result.max_flow_tpy);
  s["target_tpy"] = optional_number(result.query.target_tpy);
  const auto meets = result.meets_target();
  s["meets_target"] = meets ? ordered_json(*meets) : ordered_json(nullptr);
  s["bottleneck"] = bottleneck_sentence(network, result);
  return s;
}

std::string collection(ordered_json summary, ordered_json features) {
  ordered_json out;
  out["type"] = "FeatureCollection";
  out["corridor"] = std::move(summary);  // a foreign member (RFC 7946 section 6.1)
  out["features"] = std::move(features);
  return out.dump(1) + "\n";
}

}  // namespace

std::string route_geojson(const Network& network, const RouteResult& result) {
  ordered_json features = network_features(network);
  add_route_properties(features, network, result, "");
  return collection(route_summary(network, result), std::move(features));
}

std::string flow_geojson(const Network& network, const FlowResult& result) {
  ordered_json features = network_features(network);
  add_flow_properties(features, network, result, "");
  return collection(flow_summary(network, result), std::move(features));
}

std::string scenario_geojson(const Scenario& scenario, const Network& network,
                             const std::vector<QueryOutcome>& outcomes) {
  ordered_json features = network_features(network);
  ordered_json queries = ordered_json::array();
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const std::string prefix = "q" + std::to_string(q + 1) + "_";
    ordered_json summary;
    const detail::Drawing drawing = detail::drawing_of(outcomes[q]);
    if (drawing.route) {
      add_route_properties(features, network, *drawing.route, prefix);
      summary = route_summary(network, *drawing.route);
    } else if (drawing.flow) {
      add_flow_properties(features, network, *drawing.flow, prefix);
      summary = flow_summary(network, *drawing.flow);
    }
    // A reliability query draws its route, but is not a route query: its own type, and its
    // answer, the spread of the chosen route's sampled times.
    const QueryType type = query_type(outcomes[q]);
    summary["type"] = std::string(to_string(type));
    if (const auto* reliability = std::get_if<ReliabilityResult>(&outcomes[q].result)) {
      if (reliability->found()) {
        const RouteReliability& chosen = reliability->routes.front();
        summary["p50_days"] = round_to(chosen.p50_hours / 24.0, 4);
        summary["p90_days"] = round_to(chosen.p90_hours / 24.0, 4);
        summary["p95_days"] = round_to(chosen.p95_hours / 24.0, 4);
        summary["deadline_days"] = reliability->query.deadline_hours
                                       ? ordered_json(round_to(*reliability->query.deadline_hours / 24.0, 4))
                                       : ordered_json(nullptr);
        summary["on_time_probability"] =
            chosen.on_time_probability ? ordered_json(round_to(*chosen.on_time_probability, 6)) : ordered_json(nullptr);
      }
    } else if (type != QueryType::Route && type != QueryType::Flow) {
      summary["answer"] = outcome_summary(network, outcomes[q]);
    }
    ordered_json entry;
    entry["key"] = prefix.substr(0, prefix.size() - 1);
    entry["name"] = outcomes[q].name;
    entry.update(summary);
    queries.push_back(entry);
  }
  ordered_json summary;
  summary["scenario"] = scenario.name;
  summary["network"] = network.name;
  summary["queries"] = queries;
  return collection(summary, std::move(features));
}

}  // namespace corridor::io
