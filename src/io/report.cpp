#include "io/report.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/flow_routes.hpp"
#include "io/outcome_render.hpp"
#include "io/result_renderers.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"
#include "model/cost.hpp"

namespace corridor::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

using detail::fixed;
using detail::thousands;

using detail::TextTable;

std::string id_list(const Network& network, const std::vector<NodeIndex>& nodes) {
  std::string out;
  for (NodeIndex n : nodes) out += (out.empty() ? "" : ", ") + network.nodes[n].id;
  return out;
}

json ids_json(const Network& network, const std::vector<NodeIndex>& nodes) {
  json out = json::array();
  for (NodeIndex n : nodes) out.push_back(network.nodes[n].id);
  return out;
}

ordered_json avoid_json(const Network& network, const Avoidance& avoid) {
  ordered_json out = ordered_json::array();
  for (NodeIndex n : avoid.nodes) out.push_back(network.nodes[n].id);
  for (LinkIndex l : avoid.links) out.push_back(network.links[l].id);
  return out;
}

std::string avoid_text(const Network& network, const Avoidance& avoid) {
  if (avoid.empty()) return {};
  std::string text = " (avoiding ";
  bool first = true;
  for (const auto& id : avoid_json(network, avoid)) {
    if (!first) text += ',';
    text += id.get<std::string>();
    first = false;
  }
  return text + ")";
}

}  // namespace

ordered_json detail::route_object(const Network& network, const RouteResult& result) {
  ordered_json out;
  out["from"] = network.nodes[result.query.from].id;
  out["to"] = network.nodes[result.query.to].id;
  out["by"] = to_string(result.query.by);
  if (!result.query.corridors.empty()) out["corridor"] = result.query.corridors;
  if (!result.query.avoid.nodes.empty() || !result.query.avoid.links.empty())
    out["avoid"] = avoid_json(network, result.query.avoid);
  const RouteQuery& q = result.query;
  if (!q.avoid.countries.empty()) out["avoid_country"] = q.avoid.countries;
  if (!q.via.empty()) out["via"] = ids_json(network, q.via);
  if (!q.modes.empty()) {
    out["modes"] = ordered_json::array();
    for (Mode m : q.modes) out["modes"].push_back(to_string(m));
  }
  if (q.k != 1) out["k"] = q.k;
  if (q.max_overlap) out["max_overlap"] = *q.max_overlap;
  if (q.pareto) out["pareto"] = true;
  if (q.by == Objective::Generalized) {
    out["value_of_time_usd_per_t_day"] = q.value_of_time_usd_per_t_day;
    out["carbon_price_usd_per_t_co2"] = q.carbon_price_usd_per_t_co2;
  }
  out["found"] = result.found();
  if (!result.found() && !result.cut_by.empty()) {
    out["cut_by"] = ordered_json::array();
    for (const RouteConstraint& c : result.cut_by)
      out["cut_by"].push_back({{"constraint", to_string(c.kind)}, {"values", c.values}});
  }
  if (q.pareto) out["truncated"] = result.truncated;
  out["routes"] = ordered_json::array();
  for (const Route& route : result.routes) {
    ordered_json r;
    ordered_json nodes = ordered_json::array();
    for (NodeIndex n : route.nodes) nodes.push_back(network.nodes[n].id);
    r["nodes"] = nodes;
    r["legs"] = ordered_json::array();
    for (const RouteLeg& leg : route.legs) {
      ordered_json l;
      l["link"] = network.links[leg.link].id;
      l["from"] = network.nodes[leg.from].id;
      l["to"] = network.nodes[leg.to].id;
      l["mode"] = to_string(leg.mode);
      l["hours"] = leg.hours;
      l["wait_hours"] = leg.wait_hours;
      l["dwell_hours"] = leg.dwell_hours;
      l["transfer_hours"] = leg.transfer_hours;
      l["distance_km"] = leg.distance_km;
      l["handling_usd_per_t"] = leg.handling_usd_per_t;
      l["cost_usd_per_t"] = leg.cost_known ? ordered_json(leg.cost_usd_per_t) : ordered_json(nullptr);
      l["co2_kg_per_t"] = leg.co2_kg_per_t;
      l["border"] = leg.crosses_border;
      r["legs"].push_back(l);
    }
    r["hours"] = route.hours;
    r["days"] = route.days();
    r["distance_km"] = route.distance_km;
    r["transfers"] = route.transfers;
    r["cost_usd_per_t"] = route.cost_usd_per_t;
    if (const auto per_teu = usd_per_teu(network, route.cost_usd_per_t)) r["cost_usd_per_teu"] = *per_teu;
    r["co2_kg_per_t"] = route.co2_kg_per_t;
    r["border_crossings"] = route.border_crossings;
    r["legs_without_cost"] = route.legs_without_cost;
    r["objective_value"] = route.objective_value;
    out["routes"].push_back(r);
  }
  return out;
}

ordered_json detail::flow_object(const Network& network, const FlowResult& result) {
  ordered_json out;
  out["from"] = ids_json(network, result.query.sources);
  out["to"] = ids_json(network, result.query.sinks);
  if (!result.query.corridors.empty()) out["corridor"] = result.query.corridors;
  if (!result.query.avoid.empty()) out["avoid"] = avoid_json(network, result.query.avoid);
  out["unbounded"] = result.unbounded;
  out["max_flow_tpy"] = result.unbounded ? ordered_json(nullptr) : ordered_json(result.max_flow_tpy);
  out["target_tpy"] = result.query.target_tpy ? ordered_json(*result.query.target_tpy) : ordered_json(nullptr);
  auto meets = result.meets_target();
  out["meets_target"] = meets ? ordered_json(*meets) : ordered_json(nullptr);
  out["shortfall_tpy"] = (meets && !*meets) ? ordered_json(*result.query.target_tpy - result.max_flow_tpy)
                                            : ordered_json(nullptr);
  out["bottleneck"] = bottleneck_sentence(network, result);
  out["min_cut"] = ordered_json::array();
  for (const CutElement& element : result.min_cut) {
    ordered_json e;
    if (element.type == CutElement::Type::Link) {
      e["type"] = "link";
      e["id"] = network.links[element.index].id;
      e["from"] = network.nodes[element.from].id;
      e["to"] = network.nodes[element.to].id;
      e["mode"] = to_string(network.links[element.index].mode);
    } else {
      e["type"] = "node";
      e["id"] = network.nodes[element.index].id;
      e["kind"] = to_string(network.nodes[element.index].kind);
    }
    e["capacity_tpy"] = element.capacity_tpy;
    out["min_cut"].push_back(e);
  }
  out["flows"] = ordered_json::array();
  for (const LinkFlow& flow : result.flows) {
    ordered_json f;
    f["link"] = network.links[flow.link].id;
    f["from"] = network.nodes[flow.from].id;
    f["to"] = network.nodes[flow.to].id;
    f["flow_tpy"] = flow.flow_tpy;
    f["capacity_tpy"] = flow.capacity_tpy ? ordered_json(*flow.capacity_tpy) : ordered_json(nullptr);
    f["utilisation"] = flow.capacity_tpy && *flow.capacity_tpy > 0
                           ? ordered_json(static_cast<double>(flow.flow_tpy) / static_cast<double>(*flow.capacity_tpy))
                           : ordered_json(nullptr);
    out["flows"].push_back(f);
  }
  out["node_loads"] = ordered_json::array();
  for (const NodeLoad& load : result.node_loads) {
    ordered_json n;
    n["node"] = network.nodes[load.node].id;
    n["throughput_tpy"] = load.throughput_tpy;
    n["capacity_tpy"] = load.capacity_tpy ? ordered_json(*load.capacity_tpy) : ordered_json(nullptr);
    out["node_loads"].push_back(n);
  }
  detail::add_flow_routes_json(network, result, out);
  out["idle_ends"] = ids_json(network, result.query.idle_ends);
  return out;
}

namespace {

std::string utilisation_text(TonnesPerYear flow, std::optional<TonnesPerYear> capacity) {
  if (!capacity) return "unlimited";
  if (*capacity == 0) return "closed";
  return fixed(100.0 * static_cast<double>(flow) / static_cast<double>(*capacity), 0) + " %";
}

}  // namespace

std::string format_tonnes(TonnesPerYear tonnes) {
  if (tonnes >= 100'000 || tonnes <= -100'000) return fixed(static_cast<double>(tonnes) / 1e6, 2) + " Mt/yr";
  return thousands(tonnes) + " t/yr";
}

std::vector<BottleneckGroup> bottleneck_groups(const Network& network, const std::vector<CutElement>& cut) {
  std::vector<BottleneckGroup> groups;
  for (const CutElement& e : cut) {
    std::string crossing;
    if (e.type == CutElement::Type::Link) crossing = network.links[e.index].crossing;
    auto it = crossing.empty() ? groups.end()
                               : std::find_if(groups.begin(), groups.end(),
                                              [&](const BottleneckGroup& g) { return g.crossing == crossing; });
    if (it == groups.end()) {
      groups.push_back({crossing, {}, 0});
      it = std::prev(groups.end());
    }
    it->elements.push_back(e);
    it->capacity_tpy += e.capacity_tpy;
  }
  return groups;
}

std::string bottleneck_sentence(const Network& network, const FlowResult& result) {
  if (result.unbounded) return "No finite capacity limits this flow: some path has no capacity figure.";
  const std::vector<std::string> resources = detail::binding_resource_texts(network, result);
  if (result.min_cut.empty() && resources.empty())
    return "Nothing can flow: the sources do not reach the sinks over open links.";
  auto element_text = [&](const CutElement& e, bool with_mode) {
    if (e.type == CutElement::Type::Link) {
      const Link& link = network.links[e.index];
      return (with_mode ? std::string(to_string(link.mode)) + " link " : std::string()) + link.id + " (" +
             format_tonnes(e.capacity_tpy) + ")";
    }
    const Node& node = network.nodes[e.index];
    return node.name + " [" + node.id + "] (" + format_tonnes(e.capacity_tpy) + ")";
  };
  auto join = [](const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) text += i + 1 == parts.size() ? " and " : ", ";
      text += parts[i];
    }
    return text;
  };
  std::vector<std::string> parts;
  for (const BottleneckGroup& group : bottleneck_groups(network, result.min_cut)) {
    if (group.crossing.empty()) {
      for (const CutElement& e : group.elements) parts.push_back(element_text(e, true));
      continue;
    }
    // A crossing: "the Caspian crossing (ferry links A (x), B (y); 9.40 Mt/yr)".
    std::vector<std::string> members;
    bool same_mode = true;
    for (const CutElement& e : group.elements) {
      same_mode = same_mode && network.links[e.index].mode == network.links[group.elements.front().index].mode;
      members.push_back(network.links[e.index].id + " " + format_tonnes(e.capacity_tpy));
    }
    const Mode mode = network.links[group.elements.front().index].mode;
    std::string text = "the " + group.crossing + " crossing (";
    text += same_mode ? std::string(to_string(mode)) + (members.size() == 1 ? " link " : " links ") : "links ";
    text += join(members);
    if (members.size() > 1 && group.elements.size() < result.min_cut.size())
      text += ", " + format_tonnes(group.capacity_tpy) + " in all";
    parts.push_back(text + ")");
  }
  parts.insert(parts.end(), resources.begin(), resources.end());
  if (!detail::binding_is_plain_cut(result)) return "Binding: " + join(parts) + ".";
  return "Binding: " + join(parts) + "; together " + format_tonnes(result.max_flow_tpy) + ".";
}

static std::string corridor_filter_text(const std::vector<std::string>& corridors) {
  if (corridors.empty()) return {};
  std::string filter = " (corridor ";
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    if (i > 0) filter += ',';
    filter += corridors[i];
  }
  return filter + ")";
}

std::string route_constraints_text(const Network& network, const RouteQuery& query) {
  std::string text = corridor_filter_text(query.corridors);
  Avoidance ids = query.avoid;
  ids.countries.clear();
  text += avoid_text(network, ids);
  auto list = [](const std::vector<std::string>& items) {
    std::string joined;
    for (const auto& item : items) {
      if (!joined.empty()) joined += ',';
      joined += item;
    }
    return joined;
  };
  if (!query.avoid.countries.empty()) text += " (avoiding countries " + list(query.avoid.countries) + ")";
  if (!query.via.empty()) {
    std::vector<std::string> via;
    for (NodeIndex n : query.via) via.push_back(network.nodes[n].id);
    text += " (via " + list(via) + ")";
  }
  if (!query.modes.empty()) {
    std::vector<std::string> modes;
    for (Mode m : query.modes) modes.emplace_back(to_string(m));
    text += " (modes " + list(modes) + ")";
  }
  return text;
}

std::string key_nodes_text(const Network& network, const Route& route) {
  std::string text;
  for (std::size_t i = 1; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    const RouteLeg& previous = route.legs[i - 1];
    if (leg.mode != previous.mode || previous.crosses_border) {
      if (!text.empty()) text += ", ";
      text += network.nodes[leg.from].id;
    }
  }
  return text;
}

static std::string objective_text(const RouteQuery& query, double value) {
  switch (query.by) {
    case Objective::Time: return fixed(value, 1) + " h";
    case Objective::Distance: return thousands(std::llround(value)) + " km";
    case Objective::Cost: return fixed(value, 2) + " USD/t";
    case Objective::Co2: return fixed(value, 1) + " kg CO2e/t";
    case Objective::Generalized:
      return fixed(value, 2) + " USD/t generalized (value of time " + fixed(query.value_of_time_usd_per_t_day, 2) +
             " USD/t/day, carbon " + fixed(query.carbon_price_usd_per_t_co2, 2) + " USD/t CO2e)";
  }
  return fixed(value, 2);
}

/// The constraints that cut a route, in words: "avoiding A-D, avoiding country IR, modes rail".
static std::string cut_by_text(const std::vector<RouteConstraint>& constraints) {
  std::string text;
  for (const RouteConstraint& c : constraints) {
    if (!text.empty()) text += ", ";
    std::string values;
    for (const std::string& v : c.values) values += (values.empty() ? "" : ",") + v;
    switch (c.kind) {
      case RouteConstraint::Kind::Avoid: text += "avoiding " + values; break;
      case RouteConstraint::Kind::AvoidCountry: text += "avoiding country " + values; break;
      case RouteConstraint::Kind::Via: text += "via " + values; break;
      case RouteConstraint::Kind::Modes: text += "modes " + values; break;
      case RouteConstraint::Kind::Corridor: text += "corridor " + values; break;
    }
  }
  return text;
}

static std::string route_title(const RouteQuery& query) { return std::string(best_route_word(query.by)); }

std::string route_table(const Network& network, const RouteResult& result, MoneyUnit unit) {
  std::ostringstream out;
  const std::string per_unit = "USD/" + std::string(money_unit_label(unit));
  auto money = [&](double usd_per_t) {
    const auto value = usd_per_unit(network, usd_per_t, unit);
    assert(value && "a container unit is refused where the network has no tonnes_per_teu");
    return fixed(value.value_or(usd_per_t), 2);
  };
  const RouteQuery& query = result.query;
  const std::string from = network.nodes[query.from].id, to = network.nodes[query.to].id;
  const std::string filter = route_constraints_text(network, query);
  if (!result.found()) {
    out << "No route from " << from << " to " << to << filter << " over open links.\n";
    if (result.cut_by.size() > 1)
      out << "  The last route was cut by any of " << cut_by_text(result.cut_by)
          << ": without any one of them, a route exists.\n";
    else if (!result.cut_by.empty())
      out << "  The last route was cut by " << cut_by_text(result.cut_by) << ": without it, a route exists.\n";
    return out.str();
  }
  const std::size_t count = result.routes.size();
  if (query.pareto)
    out << count << (count == 1 ? " route" : " routes") << " from " << from << " to " << to << filter
        << " not beaten on time, cost and CO2e at once (fastest first"
        << (result.truncated ? "; truncated to the first " + std::to_string(count) : std::string()) << "):\n";
  else if (count > 1 || query.k > 1)
    out << count << (count == 1 ? " route" : " routes") << " from " << from << " to " << to << filter << " by "
        << to_string(query.by) << ", best first"
        << (count < static_cast<std::size_t>(query.k) ? " (only " + std::to_string(count) + " exist)" : std::string())
        << ":\n";
  for (std::size_t r = 0; r < count; ++r) {
    const Route& route = result.routes[r];
    if (count > 1 || query.k > 1 || query.pareto) out << "\n[" << r + 1 << "] ";
    out << (query.pareto ? std::string("Route") : r == 0 ? route_title(query) + " route" : std::string("Alternative"))
        << " " << from << " -> " << to << filter << ": " << fixed(route.days(), 1)
        << " days (" << fixed(route.hours, 1) << " h), " << thousands(std::llround(route.distance_km)) << " km, "
        << route.transfers << (route.transfers == 1 ? " transfer, " : " transfers, ") << money(route.cost_usd_per_t)
        << " " << per_unit << ", " << fixed(route.co2_kg_per_t, 1) << " kg CO2e/t";
    if (count > 1 || query.k > 1 || query.pareto) out << ", via " << key_nodes_text(network, route);
    out << "\n";
    if (query.by != Objective::Time && query.by != Objective::Distance)
      out << "  objective: " << objective_text(query, route.objective_value) << "\n";
    TextTable table({"#", "from", "to", "mode", "km", "dwell h", "transfer h", "wait h", "travel h", "leg h",
                     "cum. days", per_unit, "kg CO2e/t"},
                    {true, false, false, false, true, true, true, true, true, true, true, true, true});
    double cumulative = 0.0, dwell = 0.0, transfer = 0.0, wait = 0.0, travel = 0.0;
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const RouteLeg& leg = route.legs[i];
      cumulative += leg.total_hours();
      dwell += leg.dwell_hours;
      transfer += leg.transfer_hours;
      wait += leg.wait_hours;
      travel += leg.hours;
      table.add({std::to_string(i + 1), network.nodes[leg.from].id, network.nodes[leg.to].id,
                 std::string(to_string(leg.mode)), thousands(std::llround(leg.distance_km)), fixed(leg.dwell_hours, 1),
                 fixed(leg.transfer_hours, 1), fixed(leg.wait_hours, 1), fixed(leg.hours, 1),
                 fixed(leg.total_hours(), 1), fixed(cumulative / 24.0, 2),
                 money(leg.total_cost_usd_per_t()) + (leg.cost_known ? "" : "*"), fixed(leg.co2_kg_per_t, 1)});
    }
    table.add({"", "total", "", "", thousands(std::llround(route.distance_km)), fixed(dwell, 1), fixed(transfer, 1),
               fixed(wait, 1), fixed(travel, 1), fixed(route.hours, 1), fixed(route.days(), 2),
               money(route.cost_usd_per_t), fixed(route.co2_kg_per_t, 1)});
    out << table.render();
    if (route.legs_without_cost > 0)
      out << "  * no cost figure for this link: counted as 0 " << per_unit << " (" << route.legs_without_cost
          << (route.legs_without_cost == 1 ? " leg)\n" : " legs)\n");
  }
  return out.str();
}

std::string flow_table(const Network& network, const FlowResult& result) {
  std::ostringstream out;
  out << "Max flow " << id_list(network, result.query.sources) << " -> " << id_list(network, result.query.sinks)
      << corridor_filter_text(result.query.corridors) << avoid_text(network, result.query.avoid) << ": " << (result.unbounded ? std::string("unlimited") : format_tonnes(result.max_flow_tpy));
  if (auto meets = result.meets_target()) {
    out << " (target " << format_tonnes(*result.query.target_tpy) << ": "
        << (*meets ? std::string("met") : "short by " + format_tonnes(*result.query.target_tpy - result.max_flow_tpy))
        << ")";
  }
  out << "\n  " << bottleneck_sentence(network, result) << "\n";
  if (!result.query.idle_ends.empty())
    out << "  Contributing nothing (closed, cut off or of capacity 0): " << id_list(network, result.query.idle_ends) << "\n";
  if (result.unbounded) return out.str();
  out << detail::flow_routes_table(network, result);
  out << detail::flow_constraints_table(network, result);
  if (!result.min_cut.empty() && detail::binding_is_plain_cut(result)) {
    out << "Minimum cut (capacities that bind; they sum to the max flow):\n";
    TextTable cut({"type", "id", "source side", "sink side", "capacity"}, {false, false, false, false, true});
    for (const CutElement& e : result.min_cut) {
      if (e.type == CutElement::Type::Link) {
        const Link& link = network.links[e.index];
        cut.add({std::string(to_string(link.mode)) + " link", link.id, network.nodes[e.from].id,
                 network.nodes[e.to].id, format_tonnes(e.capacity_tpy)});
      } else {
        cut.add({std::string(to_string(network.nodes[e.index].kind)), network.nodes[e.index].id, "(node)", "",
                 format_tonnes(e.capacity_tpy)});
      }
    }
    out << cut.render();
  }
  if (!result.flows.empty()) {
    out << "Link flows:\n";
    TextTable flows({"link", "from", "to", "flow", "capacity", "utilisation"}, {false, false, false, true, true, true});
    for (const LinkFlow& f : result.flows)
      flows.add({network.links[f.link].id, network.nodes[f.from].id, network.nodes[f.to].id, format_tonnes(f.flow_tpy),
                 f.capacity_tpy ? format_tonnes(*f.capacity_tpy) : "unlimited",
                 utilisation_text(f.flow_tpy, f.capacity_tpy)});
    out << flows.render();
  }
  return out.str();
}

std::string route_json(const Network& network, const RouteResult& result) {
  return detail::json_text(detail::route_object(network, result));
}

std::string flow_json(const Network& network, const FlowResult& result) {
  return detail::json_text(detail::flow_object(network, result));
}

std::string scenario_table(const Scenario& scenario, const Network& network,
                           const std::vector<QueryOutcome>& outcomes) {
  std::ostringstream out;
  out << "Scenario: " << scenario.name << "\n";
  if (!scenario.description.empty()) out << scenario.description << "\n";
  out << "Network: " << network.name << " (" << network.nodes.size() << " nodes, " << network.links.size()
      << " links; " << scenario.changes.size() << (scenario.changes.size() == 1 ? " change" : " changes")
      << " applied)\n";
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    out << "\n[" << i + 1 << "] " << outcomes[i].name << "\n" << outcome_table(network, outcomes[i]);
  }
  return out.str();
}

std::string scenario_json(const Scenario& scenario, const Network& network,
                          const std::vector<QueryOutcome>& outcomes) {
  ordered_json out;
  out["scenario"] = scenario.name;
  out["description"] = scenario.description;
  out["network"] = network.name;
  out["changes"] = scenario.changes.size();
  out["results"] = ordered_json::array();
  for (const QueryOutcome& outcome : outcomes) {
    ordered_json r;
    r["name"] = outcome.name;
    r["type"] = std::string(to_string(query_type(outcome)));
    r["result"] = detail::visit_result(
        outcome, [&](const auto& result, auto renderer) { return renderer.object(network, result); });
    out["results"].push_back(r);
  }
  return detail::json_text(out);
}

}  // namespace corridor::io
