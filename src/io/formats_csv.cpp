// The CSV renderers of formats.hpp (RFC 4180; docs/outputs.md lists the columns).

#include "io/formats.hpp"

#include <variant>

#include "io/outcome_render.hpp"
#include "io/result_renderers.hpp"
#include "io/result_view.hpp"
#include "io/table.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::decimal;

using Row = std::vector<std::string>;

/// The rows as a neutral table of text cells, written by the one CSV writer (io/table.hpp).
std::string csv_text(const Row& header, const std::vector<Row>& rows) {
  std::vector<Column> columns;
  for (const std::string& name : header) columns.push_back({name});
  Table table(std::move(columns));
  for (const Row& row : rows) table.add(std::vector<Cell>(row.begin(), row.end()));
  return render_csv(table);
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

}  // namespace

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
    const detail::Drawing drawing = detail::drawing_of(outcome);
    if (drawing.route) {
      for (Row& leg : route_rows(network, *drawing.route)) {
        Row row = prefix;
        row.emplace_back(to_string(query_type(outcome)));
        row.insert(row.end(), leg.begin(), leg.end());
        row.insert(row.end(), {"", "", "", ""});
        rows.push_back(std::move(row));
      }
    } else if (drawing.flow) {
      const FlowResult& flow = *drawing.flow;
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

}  // namespace corridor::io
