#include "io/analysis_csv.hpp"

#include "io/capacity_report.hpp"
#include "model/cost.hpp"

namespace corridor::io {
namespace {

std::string node_path(const Network& network, const std::vector<NodeIndex>& nodes) {
  std::string out;
  for (NodeIndex n : nodes) out += (out.empty() ? "" : " ") + network.nodes[n].id;
  return out;
}

std::string element_type(const Network& network, CutElement::Type type, std::uint32_t index) {
  return type == CutElement::Type::Link ? std::string(to_string(network.links[index].mode)) + " link"
                                        : std::string(to_string(network.nodes[index].kind));
}

Cell optional_tonnes(const std::optional<TonnesPerYear>& tonnes) {
  return tonnes ? Cell::num(static_cast<double>(*tonnes)) : Cell();
}

}  // namespace

Table compare_routes_table(const Network& network, const std::vector<RouteResult>& per_corridor) {
  Table table({{"corridor"}, {"found"}, {"days", true}, {"hours", true}, {"distance_km", true}, {"transfers", true},
               {"border_crossings", true}, {"cost_usd_per_t", true}, {"cost_usd_per_teu", true},
               {"co2_kg_per_t", true}, {"legs_without_cost", true}, {"nodes"}});
  for (const RouteResult& result : per_corridor) {
    const std::string corridor = result.query.corridors.empty() ? "" : result.query.corridors.front();
    if (!result.found()) {
      table.add({corridor, "no", "", "", "", "", "", "", "", "", "", ""});
      continue;
    }
    const Route& r = result.routes.front();
    table.add({corridor, "yes", Cell::num(r.days(), 2), Cell::num(r.hours, 1), Cell::num(r.distance_km),
               Cell::num(r.transfers), Cell::num(r.border_crossings), Cell::num(r.cost_usd_per_t, 2),
               Cell::num(usd_per_teu(network, r.cost_usd_per_t), 2), Cell::num(r.co2_kg_per_t, 1),
               Cell::num(r.legs_without_cost), node_path(network, r.nodes)});
  }
  return table;
}

Table assign_csv_table(const Network& network, const AssignResult& result) {
  Table table({{"record"}, {"from"}, {"to"}, {"demand_tpy", true}, {"served_tpy", true}, {"unserved_tpy", true},
               {"path_tpy", true}, {"share", true}, {"days", true}, {"path"}, {"element"}, {"type"},
               {"load_tpy", true}, {"capacity_tpy", true}, {"utilisation", true}, {"binding"},
               {"marginal_value_per_t", true}});
  for (const OdAssignment& od : result.ods) {
    const std::string from = network.nodes[od.demand.from].id, to = network.nodes[od.demand.to].id;
    for (const OdPath& path : od.paths)
      table.add({"path", from, to, Cell::num(od.demand.tonnes_per_year), Cell::num(od.served_tpy),
                 Cell::num(od.unserved_tpy), Cell::num(path.tonnes_per_year),
                 Cell::num(od.served_tpy > 0 ? path.tonnes_per_year / od.served_tpy : 0.0, 4),
                 Cell::num(path.hours / 24.0, 2), node_path(network, path.nodes), "", "", "", "", "", "", ""});
    if (od.paths.empty())
      table.add({"path", from, to, Cell::num(od.demand.tonnes_per_year), Cell::num(od.served_tpy),
                 Cell::num(od.unserved_tpy), "", "", "", "", "", "", "", "", "", "", ""});
  }
  for (const CapacityLoad& load : result.loads) {
    const bool link = load.type == CutElement::Type::Link;
    std::optional<double> utilisation;
    if (load.capacity_tpy && *load.capacity_tpy > 0) utilisation = load.load_tpy / static_cast<double>(*load.capacity_tpy);
    table.add({"element", link ? network.nodes[load.from].id : "", link ? network.nodes[load.to].id : "", "", "", "",
               "", "", "", "", element_id(network, load.type, load.index),
               element_type(network, load.type, load.index), Cell::num(load.load_tpy),
               optional_tonnes(load.capacity_tpy), Cell::num(utilisation, 4), load.binding ? "yes" : "no",
               Cell::num(load.marginal_value_per_t, 4)});
  }
  return table;
}

Table criticality_csv_table(const Network& network, const CriticalityResult& result) {
  std::vector<Column> columns{{"rank", true},          {"element"},
                              {"type"},                {"flow_after_tpy", true},
                              {"flow_loss_tpy", true}, {"disconnected_pairs", true}};
  for (const RouteQuery& od : result.query.routes)
    columns.push_back({"added_hours_" + network.nodes[od.from].id + "_" + network.nodes[od.to].id, true});
  Table table(columns);
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    const ElementImpact& impact = result.ranking[i];
    std::vector<Cell> row{Cell::num(static_cast<double>(i + 1)),
                          element_id(network, impact.element.type, impact.element.index),
                          element_type(network, impact.element.type, impact.element.index),
                          Cell::num(static_cast<double>(impact.flow_after_tpy)),
                          Cell::num(static_cast<double>(impact.flow_loss_tpy)), Cell::num(impact.disconnected_pairs)};
    for (const auto& hours : impact.added_hours) row.push_back(hours ? Cell::num(*hours, 1) : Cell("no route"));
    table.add(std::move(row));
  }
  return table;
}

Table upgrades_csv_table(const Network& network, const UpgradeResult& result) {
  Table table({{"record"}, {"step", true}, {"element"}, {"type"}, {"capacity_tpy", true},
               {"gain_per_added_t", true}, {"headroom_tpy", true}, {"added_tpy", true}, {"flow_after_tpy", true},
               {"joint"}});
  for (const UpgradeOption& option : result.options) {
    const CutElement& e = option.element;
    table.add({"option", "", element_id(network, e.type, e.index), element_type(network, e.type, e.index),
               Cell::num(static_cast<double>(e.capacity_tpy)), Cell::num(option.marginal_gain_per_t, 4),
               Cell::num(static_cast<double>(option.headroom_tpy)), "", "", ""});
  }
  for (std::size_t s = 0; s < result.plan.size(); ++s) {
    const UpgradeStep& step = result.plan[s];
    for (std::size_t i = 0; i < step.raised.size(); ++i) {
      const CutElement& e = step.raised[i];
      table.add({"step", Cell::num(static_cast<double>(s + 1)), element_id(network, e.type, e.index),
                 element_type(network, e.type, e.index), Cell::num(static_cast<double>(e.capacity_tpy)), "", "",
                 Cell::num(static_cast<double>(step.added_tpy[i])), Cell::num(static_cast<double>(step.flow_after_tpy)),
                 step.joint ? "yes" : "no"});
    }
  }
  return table;
}

Table reliability_csv_table(const Network& network, const ReliabilityResult& result) {
  std::vector<Column> columns{{"rank", true},     {"samples", true},  {"expected_days", true}, {"mean_days", true},
                              {"sd_days", true},  {"min_days", true}, {"p50_days", true},      {"p80_days", true},
                              {"p90_days", true}, {"p95_days", true}, {"max_days", true},      {"on_time_probability", true},
                              {"cost_usd_per_t", true}, {"nodes"}};
  // Under load (only then, so that the unloaded table stays as it was): the volume, its status,
  // the delay added on the route and the route's share of the volume at equilibrium.
  // expected_days stays the route's unloaded expected time, as JSON's expected_hours;
  // loaded_expected_days adds the delay, as JSON's load.expected_hours.
  if (result.load)
    for (const char* name : {"volume_tpy", "load_status", "load_delay_days", "loaded_expected_days", "share_of_volume"})
      columns.push_back({name, std::string_view(name) != "load_status"});
  Table table(std::move(columns));
  for (std::size_t i = 0; i < result.routes.size(); ++i) {
    const RouteReliability& r = result.routes[i];
    std::vector<Cell> row{Cell::num(static_cast<double>(i + 1)), Cell::num(static_cast<double>(r.samples)),
                          Cell::num(r.route.days(), 3), Cell::num(r.mean_hours / 24.0, 3),
                          Cell::num(r.sd_hours / 24.0, 3), Cell::num(r.min_hours / 24.0, 3), Cell::num(r.p50_hours / 24.0, 3),
                          Cell::num(r.p80_hours / 24.0, 3), Cell::num(r.p90_hours / 24.0, 3), Cell::num(r.p95_hours / 24.0, 3),
                          Cell::num(r.max_hours / 24.0, 3), Cell::num(r.on_time_probability, 4),
                          Cell::num(r.route.cost_usd_per_t, 2), node_path(network, r.route.nodes)};
    if (result.load) {
      row.push_back(Cell::num(result.load->volume_tpy, 0));
      row.push_back(std::string(to_string(result.load->status)));
      row.push_back(Cell::num(r.load_delay_hours / 24.0, 3));
      row.push_back(Cell::num(r.route.days() + r.load_delay_hours / 24.0, 3));
      row.push_back(Cell::num(r.share_of_volume, 4));
    }
    table.add(std::move(row));
  }
  return table;
}

}  // namespace corridor::io
