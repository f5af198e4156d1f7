#include "io/formats.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/report.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::csv_field;
using detail::decimal;
using detail::dot_string;
using nlohmann::ordered_json;

constexpr std::string_view kFormatNames[] = {"table", "json", "csv", "geojson", "dot"};

// ---------------------------------------------------------------------------------------
// CSV

using Row = std::vector<std::string>;

std::string csv_text(const Row& header, const std::vector<Row>& rows) {
  std::string out;
  auto line = [&out](const Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(csv_field(row[i]));
    }
    out.append("\r\n");
  };
  line(header);
  for (const Row& row : rows) line(row);
  return out;
}

const Row kRouteColumns = {"route",          "leg",        "from",         "from_name",   "to",
                           "to_name",        "link",       "mode",         "distance_km", "dwell_hours",
                           "transfer_hours", "wait_hours", "travel_hours", "leg_hours",   "cumulative_hours",
                           "cumulative_days", "handling_usd_per_t", "cost_usd_per_t", "co2_kg_per_t",
                           "cumulative_usd_per_t", "cumulative_co2_kg_per_t"};
const Row kFlowColumns = {"link", "from",     "from_name",    "to",          "to_name",
                          "mode", "flow_tpy", "capacity_tpy", "utilisation", "binding"};

std::string capacity_cell(const std::optional<TonnesPerYear>& capacity) {
  return capacity ? std::to_string(*capacity) : std::string();
}

std::string utilisation_cell(TonnesPerYear flow, const std::optional<TonnesPerYear>& capacity) {
  if (!capacity || *capacity <= 0) return {};
  return decimal(static_cast<double>(flow) / static_cast<double>(*capacity), 4);
}

std::vector<Row> route_rows(const Network& network, const RouteResult& result) {
  std::vector<Row> rows;
  for (std::size_t r = 0; r < result.routes.size(); ++r) {
    double cumulative = 0.0, cumulative_usd = 0.0, cumulative_co2 = 0.0;
    const Route& route = result.routes[r];
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const RouteLeg& leg = route.legs[i];
      cumulative += leg.total_hours();
      cumulative_usd += leg.total_cost_usd_per_t();
      cumulative_co2 += leg.co2_kg_per_t;
      const Node& from = network.nodes[leg.from];
      const Node& to = network.nodes[leg.to];
      rows.push_back({std::to_string(r + 1), std::to_string(i + 1), from.id, from.name, to.id, to.name,
                      network.links[leg.link].id, std::string(to_string(leg.mode)), decimal(leg.distance_km, 3),
                      decimal(leg.dwell_hours, 3), decimal(leg.transfer_hours, 3), decimal(leg.wait_hours, 3),
                      decimal(leg.hours, 3), decimal(leg.total_hours(), 3), decimal(cumulative, 3),
                      decimal(cumulative / 24.0, 4), decimal(leg.handling_usd_per_t, 3),
                      leg.cost_known ? decimal(leg.cost_usd_per_t, 3) : std::string(), decimal(leg.co2_kg_per_t, 3),
                      decimal(cumulative_usd, 3), decimal(cumulative_co2, 3)});
    }
  }
  return rows;
}

std::vector<Row> flow_rows(const Network& network, const FlowResult& result) {
  const detail::FlowView view = detail::flow_view(network, result);
  std::vector<Row> rows;
  for (const LinkFlow& flow : result.flows) {
    const Node& from = network.nodes[flow.from];
    const Node& to = network.nodes[flow.to];
    rows.push_back({network.links[flow.link].id, from.id, from.name, to.id, to.name,
                    std::string(to_string(network.links[flow.link].mode)), std::to_string(flow.flow_tpy),
                    capacity_cell(flow.capacity_tpy), utilisation_cell(flow.flow_tpy, flow.capacity_tpy),
                    view.link_binding[flow.link] ? "true" : "false"});
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// GeoJSON

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
  feature["geometry"] = {
      {"type", "LineString"},
      {"coordinates", ordered_json::array({position(network.nodes[link.from]), position(network.nodes[link.to])})}};
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

void add_flow_properties(ordered_json& features, const Network& network, const FlowResult& result,
                         const std::string& prefix) {
  const detail::FlowView view = detail::flow_view(network, result);
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    ordered_json& p = node_properties(features, n);
    const Node& node = network.nodes[n];
    p[prefix + "role"] = view.node_source[n] ? ordered_json("source")
                         : view.node_sink[n] ? ordered_json("sink")
                                             : ordered_json(nullptr);
    p[prefix + "throughput_tpy"] = view.node_throughput[n];
    p[prefix + "utilisation"] =
        node.capacity_tpy && *node.capacity_tpy > 0
            ? ordered_json(
                  round_to(static_cast<double>(view.node_throughput[n]) / static_cast<double>(*node.capacity_tpy), 4))
            : ordered_json(nullptr);
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
    p[prefix + "utilisation"] =
        link.capacity_tpy && *link.capacity_tpy > 0
            ? ordered_json(
                  round_to(static_cast<double>(view.link_flow[l]) / static_cast<double>(*link.capacity_tpy), 4))
            : ordered_json(nullptr);
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

// ---------------------------------------------------------------------------------------
// DOT

/// Inches per degree of latitude; longitudes are scaled by cos(42 deg) like the maps.
constexpr double kDotScale = 0.16;
constexpr double kStandardParallel = 42.0;
constexpr double kPi = 3.14159265358979323846;

double dot_x(double lon) {
  return lon * std::cos(kStandardParallel * kPi / 180.0) * kDotScale;
}
double dot_y(double lat) {
  return lat * kDotScale;
}

struct Extent {
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

Extent dot_extent(const Network& network) {
  Extent e{1e9, -1e9, 1e9, -1e9};
  for (const Node& node : network.nodes) {
    e.min_x = std::min(e.min_x, dot_x(node.lon));
    e.max_x = std::max(e.max_x, dot_x(node.lon));
    e.min_y = std::min(e.min_y, dot_y(node.lat));
    e.max_y = std::max(e.max_y, dot_y(node.lat));
  }
  if (network.nodes.empty()) e = {0, 0, 0, 0};
  return e;
}

std::string route_title(const Network& network, const RouteResult& result) {
  std::string title = network.nodes[result.query.from].id;
  title.append(" -> ").append(network.nodes[result.query.to].id);
  if (!result.found()) return title.append(": no route");
  const Route& route = result.routes.front();
  return title.append(": ")
      .append(detail::fixed(route.days(), 1))
      .append(" days, ")
      .append(detail::thousands(std::llround(route.distance_km)))
      .append(" km");
}

std::string flow_title(const Network& network, const FlowResult& result) {
  std::string title;
  for (NodeIndex n : result.query.sources) title.append(title.empty() ? "" : ",").append(network.nodes[n].id);
  title.append(" -> ");
  bool first = true;
  for (NodeIndex n : result.query.sinks) {
    title.append(first ? "" : ",").append(network.nodes[n].id);
    first = false;
  }
  title.append(": max flow ").append(result.unbounded ? std::string("unlimited") : format_tonnes(result.max_flow_tpy));
  return title;
}

/// One copy of the network, its node names prefixed (for panels) and shifted by (dx, dy) inches.
void dot_panel(std::string& out, const Network& network, const std::string& prefix, double dx, double dy,
               const RouteResult* route, const FlowResult* flow) {
  const detail::RouteView rv = route ? detail::route_view(network, *route) : detail::RouteView{};
  const detail::FlowView fv = flow ? detail::flow_view(network, *flow) : detail::FlowView{};
  auto name = [&](NodeIndex n) { return dot_string(prefix + network.nodes[n].id); };
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    out.append("  ").append(name(n)).append(" [pos=\"");
    out.append(decimal(dot_x(node.lon) + dx, 3)).append(",").append(decimal(dot_y(node.lat) + dy, 3)).append("!\"");
    std::string label = node.id;
    const bool on_route = route && rv.node_rank[n] > 0;
    const bool terminal = flow && (fv.node_source[n] || fv.node_sink[n]);
    const bool endpoint = on_route && (rv.node_rank[n] == 1 || n == route->query.to);
    if (endpoint || terminal) {
      // Ends of the route or the flow: a labelled box that is always drawn.
      if (endpoint) label.append("\nday ").append(detail::fixed(rv.node_arrival_hours[n] / 24.0, 1));
      out.append(", shape=box, style=\"filled,rounded\", fixedsize=false, width=0, height=0, margin=\"0.05,0.02\", ");
      out.append("fontsize=10, fontcolor=white, label=").append(dot_string(label));
      out.append(", color=\"").append(endpoint ? detail::kRouteColour : "#b37400").append("\", fillcolor=\"");
      out.append(endpoint ? detail::kRouteColour : "#b37400").append("\"");
    } else {
      out.append(", xlabel=").append(dot_string(label));
      if (on_route)
        out.append(", fillcolor=\"")
            .append(detail::kRouteColour)
            .append("\", color=\"")
            .append(detail::kRouteColour)
            .append("\"");
    }
    out.append(", tooltip=").append(dot_string(node.name + " (" + std::string(to_string(node.kind)) + ")"));
    if (flow && fv.node_binding[n])
      out.append(", color=\"").append(detail::kBindingColour).append("\", penwidth=3, width=0.14, height=0.14");
    if (node.status != Status::Open) out.append(", style=\"dashed\", fillcolor=\"none\"");
    out.append("];\n");
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    out.append("  ").append(name(link.from)).append(" -- ").append(name(link.to)).append(" [");
    std::string colour = detail::mode_colour(link.mode);
    double width = 1.2;
    std::string style = link.status == Status::Open ? "solid" : link.status == Status::Planned ? "dashed" : "dotted";
    std::string extra;
    if (link.status == Status::Closed) colour = "#aaaaaa";
    if (flow && fv.link_flow[l] > 0) {
      colour = fv.link_binding[l] ? detail::kBindingColour : detail::kFlowColour;
      width = 1.5 + 6.0 * static_cast<double>(fv.link_flow[l]) /
                        static_cast<double>(std::max<TonnesPerYear>(fv.max_link_flow, 1));
      extra.append(", arrowsize=0.6, dir=").append(fv.link_direction[l] > 0 ? "forward" : "back");
      extra.append(", label=")
          .append(dot_string(format_tonnes(fv.link_flow[l]) + (fv.link_binding[l] ? " (binding)" : "")));
    } else if (flow && fv.link_binding[l]) {
      colour = detail::kBindingColour;
      extra.append(", label=\"binding\"");
    }
    if (route && rv.link_rank[l] > 0) {
      colour = detail::kRouteColour;
      width = 4.0;
      extra.append(", arrowsize=0.7, dir=").append(rv.link_forward[l] ? "forward" : "back");
    }
    out.append("color=\"").append(colour).append("\", penwidth=").append(decimal(width, 2));
    out.append(", style=").append(style).append(extra);
    out.append(", tooltip=")
        .append(dot_string(link.id + " (" + std::string(to_string(link.mode)) + ", " +
                           detail::thousands(std::llround(link.distance_km)) + " km)"));
    out.append("];\n");
  }
}

std::string dot_header(const std::string& title) {
  std::string out = "graph \"corridor\" {\n";
  out.append(
         "  graph [layout=neato, splines=false, overlap=true, outputorder=edgesfirst, forcelabels=false, pad=0.3, "
         "fontname=\"Helvetica,Arial,sans-serif\", fontsize=16, labelloc=t, labeljust=l, label=")
      .append(dot_string(title))
      .append("];\n");
  out.append(
      "  node [shape=circle, fixedsize=true, width=0.08, height=0.08, style=filled, fillcolor=white, "
      "color=\"#333333\", label=\"\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=9];\n");
  out.append("  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=8, fontcolor=\"#333333\"];\n");
  return out;
}

}  // namespace

std::string_view to_string(OutputFormat format) {
  return kFormatNames[static_cast<std::size_t>(format)];
}

std::optional<OutputFormat> parse_output_format(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kFormatNames); ++i)
    if (kFormatNames[i] == text) return static_cast<OutputFormat>(i);
  return std::nullopt;
}

std::string_view output_format_names() {
  return "table, json, csv, geojson, dot";
}

std::string route_csv(const Network& network, const RouteResult& result) {
  return csv_text(kRouteColumns, route_rows(network, result));
}

std::string flow_csv(const Network& network, const FlowResult& result) {
  return csv_text(kFlowColumns, flow_rows(network, result));
}

std::string scenario_csv(const Scenario& /*scenario*/, const Network& network,
                         const std::vector<QueryOutcome>& outcomes) {
  Row header = {"query", "query_name", "type"};
  header.insert(header.end(), kRouteColumns.begin(), kRouteColumns.end());
  header.insert(header.end(), {"flow_tpy", "capacity_tpy", "utilisation", "binding"});
  std::vector<Row> rows;
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const QueryOutcome& outcome = outcomes[q];
    const Row prefix = {std::to_string(q + 1), outcome.name};
    if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
      for (Row& leg : route_rows(network, *route)) {
        Row row = prefix;
        row.push_back("route");
        row.insert(row.end(), leg.begin(), leg.end());
        row.insert(row.end(), {"", "", "", ""});
        rows.push_back(std::move(row));
      }
    } else if (const auto* flow_result = std::get_if<FlowResult>(&outcome.result)) {
      const auto& flow = *flow_result;
      for (Row& f : flow_rows(network, flow)) {
        // f: link, from, from_name, to, to_name, mode, flow, capacity, utilisation, binding
        Row row = prefix;
        row.push_back("flow");
        row.insert(row.end(), {"", "", f[1], f[2], f[3], f[4], f[0], f[5]});
        row.insert(row.end(), kRouteColumns.size() - 8, "");
        row.insert(row.end(), {f[6], f[7], f[8], f[9]});
        rows.push_back(std::move(row));
      }
    }
  }
  return csv_text(header, rows);
}

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
    if (const auto* route = std::get_if<RouteResult>(&outcomes[q].result)) {
      add_route_properties(features, network, *route, prefix);
      summary = route_summary(network, *route);
    } else if (const auto* flow = std::get_if<FlowResult>(&outcomes[q].result)) {
      add_flow_properties(features, network, *flow, prefix);
      summary = flow_summary(network, *flow);
    } else {
      summary["type"] = capacity_outcome_type(outcomes[q]);
      summary["answer"] = capacity_outcome_summary(network, outcomes[q]);
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

std::string network_geojson(const Network& network) {
  ordered_json summary;
  summary["network"] = network.name;
  return collection(summary, network_features(network));
}

std::string route_dot(const Network& network, const RouteResult& result) {
  std::string out = dot_header((std::string(best_route_word(result.query.by)) + " route ") +
                               route_title(network, result));
  dot_panel(out, network, "", 0, 0, &result, nullptr);
  out.append("}\n");
  return out;
}

std::string flow_dot(const Network& network, const FlowResult& result) {
  std::string out = dot_header(flow_title(network, result) + "\n" + bottleneck_sentence(network, result));
  dot_panel(out, network, "", 0, 0, nullptr, &result);
  out.append("}\n");
  return out;
}

std::string scenario_dot(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes) {
  std::string out = dot_header("Scenario: " + scenario.name);
  const Extent e = dot_extent(network);
  const double width = e.max_x - e.min_x + 1.5, height = e.max_y - e.min_y + 1.6;
  constexpr std::size_t kColumns = 2;
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const double dx = static_cast<double>(q % kColumns) * width - e.min_x;
    const double dy = -static_cast<double>(q / kColumns) * height - e.min_y;
    const std::string prefix = "q" + std::to_string(q + 1) + "/";
    const auto* route = std::get_if<RouteResult>(&outcomes[q].result);
    const auto* flow = std::get_if<FlowResult>(&outcomes[q].result);
    if (!route && !flow) continue;  // capacity analyses have no map panel
    std::string title = std::to_string(q + 1) + ". " + outcomes[q].name + "\n" +
                        (route ? route_title(network, *route) : flow_title(network, *flow));
    out.append("  ").append(dot_string(prefix + "title")).append(" [shape=plaintext, fixedsize=false, style=\"\", ");
    out.append("fontsize=14, labeljust=l, label=").append(dot_string(title)).append(", pos=\"");
    out.append(decimal(dx + e.min_x + (e.max_x - e.min_x) / 2, 3)).append(",");
    out.append(decimal(dy + e.max_y + 0.6, 3)).append("!\"];\n");
    dot_panel(out, network, prefix, dx, dy, route, flow);
  }
  out.append("}\n");
  return out;
}

std::string render_route(const Network& network, const RouteResult& result, OutputFormat format) {
  switch (format) {
    case OutputFormat::Table:
      return route_table(network, result);
    case OutputFormat::Json:
      return route_json(network, result);
    case OutputFormat::Csv:
      return route_csv(network, result);
    case OutputFormat::GeoJson:
      return route_geojson(network, result);
    case OutputFormat::Dot:
      return route_dot(network, result);
  }
  return route_table(network, result);
}

std::string render_flow(const Network& network, const FlowResult& result, OutputFormat format) {
  switch (format) {
    case OutputFormat::Table:
      return flow_table(network, result);
    case OutputFormat::Json:
      return flow_json(network, result);
    case OutputFormat::Csv:
      return flow_csv(network, result);
    case OutputFormat::GeoJson:
      return flow_geojson(network, result);
    case OutputFormat::Dot:
      return flow_dot(network, result);
  }
  return flow_table(network, result);
}

std::string render_scenario(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes,
                            OutputFormat format) {
  switch (format) {
    case OutputFormat::Table:
      return scenario_table(scenario, network, outcomes);
    case OutputFormat::Json:
      return scenario_json(scenario, network, outcomes);
    case OutputFormat::Csv:
      return scenario_csv(scenario, network, outcomes);
    case OutputFormat::GeoJson:
      return scenario_geojson(scenario, network, outcomes);
    case OutputFormat::Dot:
      return scenario_dot(scenario, network, outcomes);
  }
  return scenario_table(scenario, network, outcomes);
}

}  // namespace corridor::io
