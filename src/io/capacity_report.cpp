#include "io/capacity_report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/report.hpp"
#include "io/capacity_text.hpp"
#include "io/flow_routes.hpp"
#include "io/result_json.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using nlohmann::ordered_json;
using detail::fixed;
using detail::load_id;
using detail::node_ids;
using detail::objective_text;
using detail::od_text;
using detail::optional_number;
using detail::plus;
using detail::tonnes;
using detail::TextTable;
using detail::thousands;

/// The words of an upgrade plan's end in its JSON and tables.
std::string_view upgrade_stop_text(UpgradeStop stop) {
  switch (stop) {
    case UpgradeStop::TargetReached: return "target reached";
    case UpgradeStop::StepLimit: return "step limit reached";
    case UpgradeStop::NoTarget: return "no target given: ranking only";
    case UpgradeStop::Unbounded: return "the flow is unlimited: some path has no capacity figure";
    case UpgradeStop::Unreachable: return "nothing can flow: the sources do not reach the sinks";
    case UpgradeStop::CutsDoNotHelp: return "raising the binding cuts does not increase the flow";
  }
  return "?";
}

}  // namespace

std::string assign_solver_status_text(const AssignResult& result) {
  switch (result.solver_status) {
    case AssignSolverStatus::Optimal: return "optimal";
    case AssignSolverStatus::Empty: return "empty";
    case AssignSolverStatus::ConjugateFrankWolfe: return "conjugate Frank-Wolfe";
    case AssignSolverStatus::SimplexFailed:
      return "glp_simplex failed (code " + std::to_string(result.solver_code) + ")";
    case AssignSolverStatus::NotOptimal:
      return "not optimal (GLPK status " + std::to_string(result.solver_code) + ")";
  }
  return "?";
}

namespace {

std::string load_kind(const Network& network, const CapacityLoad& load) {
  if (load.type == CutElement::Type::Node) return std::string(to_string(network.nodes[load.index].kind));
  return std::string(to_string(network.links[load.index].mode)) + " link";
}

std::string percent(double load, std::optional<TonnesPerYear> capacity) {
  if (!capacity) return "unlimited";
  if (*capacity == 0) return "closed";
  return fixed(100.0 * load / static_cast<double>(*capacity), 0) + " %";
}

std::string weight_text(const AssignResult& result, double weight) {
  return result.query.weights.by == AssignObjective::Time ? fixed(weight / 24.0, 2) + " d"
                                                          : fixed(weight, 2) + " USD";
}

ordered_json element_json(const Network& network, CutElement::Type type, std::uint32_t index) {
  ordered_json e;
  if (type == CutElement::Type::Link) {
    e["type"] = "link";
    e["id"] = network.links[index].id;
    e["mode"] = to_string(network.links[index].mode);
    if (!network.links[index].crossing.empty()) e["crossing"] = network.links[index].crossing;
  } else {
    e["type"] = "node";
    e["id"] = network.nodes[index].id;
    e["kind"] = to_string(network.nodes[index].kind);
  }
  return e;
}

// ------------------------------------------------------------------ assignment

}  // namespace

ordered_json detail::assign_object(const Network& network, const AssignResult& result) {
  ordered_json out;
  out["by"] = to_string(result.query.weights.by);
  out["weight_unit"] = std::string(weight_unit(result.query.weights.by)) + " per tonne";
  if (result.query.weights.by == AssignObjective::Generalized) {
    out["value_of_time_usd_per_t_day"] = result.query.weights.value_of_time_usd_per_t_day;
    out["carbon_price_usd_per_t_co2"] = result.query.weights.carbon_price_usd_per_t_co2;
  }
  if (!result.query.corridors.empty()) out["corridor"] = result.query.corridors;
  if (!result.equilibrium)
    out["max_detour"] = result.query.max_detour ? ordered_json(*result.query.max_detour) : ordered_json("none");
  out["solved"] = result.solved;
  out["solver_status"] = assign_solver_status_text(result);
  out["objective"] = result.objective;
  out["unserved_penalty_per_t"] = result.unserved_penalty_per_t;
  out["served_tpy"] = result.served_tpy;
  out["unserved_tpy"] = result.unserved_tpy;
  if (const auto& eq = result.equilibrium) {
    out["equilibrium"] = to_string(eq->settings.kind);
    out["relative_gap"] = eq->relative_gap;
    out["gap_target"] = eq->settings.relative_gap;
    out["iterations"] = eq->iterations;
    out["stop_reason"] = to_string(eq->stop);
    out["over_capacity_tpy"] = eq->over_capacity_tpy;
  }
  out["od"] = ordered_json::array();
  for (const OdAssignment& od : result.ods) {
    ordered_json o;
    o["from"] = network.nodes[od.demand.from].id;
    o["to"] = network.nodes[od.demand.to].id;
    o["demand_tpy"] = od.demand.tonnes_per_year;
    o["served_tpy"] = od.served_tpy;
    o["unserved_tpy"] = od.unserved_tpy;
    o["paths"] = ordered_json::array();
    for (const OdPath& path : od.paths) {
      ordered_json p;
      ordered_json nodes = ordered_json::array();
      for (NodeIndex n : path.nodes) nodes.push_back(network.nodes[n].id);
      ordered_json links = ordered_json::array();
      for (LinkIndex l : path.links) links.push_back(network.links[l].id);
      p["nodes"] = nodes;
      p["links"] = links;
      p["tonnes_per_year"] = path.tonnes_per_year;
      p["share"] = od.served_tpy > 0 ? path.tonnes_per_year / od.served_tpy : 0.0;
      p["weight_per_t"] = path.weight_per_t;
      p["hours"] = path.hours;
      p["days"] = path.hours / 24.0;
      if (result.equilibrium) p["delay_hours"] = path.delay_hours;
      o["paths"].push_back(p);
    }
    out["od"].push_back(o);
  }
  auto load_object = [&](const CapacityLoad& load) {
    ordered_json l = element_json(network, load.type, load.index);
    if (load.type == CutElement::Type::Link) {
      l["from"] = network.nodes[load.from].id;
      l["to"] = network.nodes[load.to].id;
    }
    l["load_tpy"] = load.load_tpy;
    l["capacity_tpy"] = load.capacity_tpy ? ordered_json(*load.capacity_tpy) : ordered_json(nullptr);
    l["utilisation"] = load.capacity_tpy && *load.capacity_tpy > 0
                           ? ordered_json(load.load_tpy / static_cast<double>(*load.capacity_tpy))
                           : ordered_json(nullptr);
    l["binding"] = load.binding;
    l["marginal_value_per_t"] = load.marginal_value_per_t;
    if (result.equilibrium) {
      l["utilisation"] = load.utilisation ? ordered_json(*load.utilisation) : ordered_json(nullptr);
      l["delay_hours"] = load.delay_hours;
    }
    return l;
  };
  out["binding"] = ordered_json::array();
  for (const CapacityLoad& load : result.binding) out["binding"].push_back(load_object(load));
  out["loads"] = ordered_json::array();
  for (const CapacityLoad& load : result.loads) out["loads"].push_back(load_object(load));
  if (!result.resource_loads.empty()) out["resources"] = detail::resource_loads_json(network, result.resource_loads);
  return out;
}

// ------------------------------------------------------------------ criticality

namespace {

std::string added_text(const std::optional<double>& hours) {
  if (!hours) return "no route";
  if (*hours < 0.05) return "-";
  return plus(fixed(*hours / 24.0, 2)) + " d";
}

}  // namespace

ordered_json detail::criticality_object(const Network& network, const CriticalityResult& result) {
  ordered_json out;
  out["from"] = ordered_json::array();
  for (NodeIndex n : result.query.flow.sources) out["from"].push_back(network.nodes[n].id);
  out["to"] = ordered_json::array();
  for (NodeIndex n : result.query.flow.sinks) out["to"].push_back(network.nodes[n].id);
  if (!result.query.flow.corridors.empty()) out["corridor"] = result.query.flow.corridors;
  out["base_flow_tpy"] = result.unbounded ? ordered_json(nullptr) : ordered_json(result.base_flow_tpy);
  out["unbounded"] = result.unbounded;
  out["od"] = ordered_json::array();
  for (std::size_t r = 0; r < result.query.routes.size(); ++r) {
    ordered_json od;
    od["from"] = network.nodes[result.query.routes[r].from].id;
    od["to"] = network.nodes[result.query.routes[r].to].id;
    od["base_hours"] = optional_number(result.base_hours[r]);
    out["od"].push_back(od);
  }
  out["elements_tested"] = result.elements_tested;
  out["ranking"] = ordered_json::array();
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    const ElementImpact& impact = result.ranking[i];
    ordered_json e = element_json(network, impact.element.type, impact.element.index);
    e["rank"] = i + 1;
    e["flow_after_tpy"] = impact.flow_after_tpy;
    e["flow_loss_tpy"] = impact.flow_loss_tpy;
    e["added_hours"] = ordered_json::array();
    for (const auto& h : impact.added_hours) e["added_hours"].push_back(optional_number(h));
    e["disconnected_pairs"] = impact.disconnected_pairs;
    out["ranking"].push_back(e);
  }
  return out;
}

// ------------------------------------------------------------------ upgrades

namespace {

std::string cut_element_text(const Network& network, const CutElement& e) {
  if (e.type == CutElement::Type::Link)
    return std::string(to_string(network.links[e.index].mode)) + " link " + network.links[e.index].id;
  return std::string(to_string(network.nodes[e.index].kind)) + " " + network.nodes[e.index].id;
}

}  // namespace

ordered_json detail::upgrades_object(const Network& network, const UpgradeResult& result) {
  ordered_json out;
  out["from"] = ordered_json::array();
  for (NodeIndex n : result.query.flow.sources) out["from"].push_back(network.nodes[n].id);
  out["to"] = ordered_json::array();
  for (NodeIndex n : result.query.flow.sinks) out["to"].push_back(network.nodes[n].id);
  if (!result.query.flow.corridors.empty()) out["corridor"] = result.query.flow.corridors;
  out["target_tpy"] = result.query.flow.target_tpy ? ordered_json(*result.query.flow.target_tpy) : ordered_json(nullptr);
  out["base_flow_tpy"] = result.base.unbounded ? ordered_json(nullptr) : ordered_json(result.base.max_flow_tpy);
  out["bottleneck"] = bottleneck_sentence(network, result.base);
  out["options"] = ordered_json::array();
  for (const UpgradeOption& option : result.options) {
    ordered_json o = element_json(network, option.element.type, option.element.index);
    o["capacity_tpy"] = option.element.capacity_tpy;
    o["marginal_gain_per_t"] = option.marginal_gain_per_t;
    o["headroom_tpy"] = option.headroom_tpy;
    out["options"].push_back(o);
  }
  out["plan"] = ordered_json::array();
  for (const UpgradeStep& step : result.plan) {
    ordered_json s;
    s["joint"] = step.joint;
    s["raised"] = ordered_json::array();
    for (std::size_t i = 0; i < step.raised.size(); ++i) {
      ordered_json r = element_json(network, step.raised[i].type, step.raised[i].index);
      r["capacity_before_tpy"] = step.raised[i].capacity_tpy;
      r["added_tpy"] = step.added_tpy[i];
      s["raised"].push_back(r);
    }
    s["flow_after_tpy"] = step.flow_after_tpy;
    out["plan"].push_back(s);
  }
  out["total_added_tpy"] = result.total_added_tpy;
  out["final_flow_tpy"] = result.final_flow_tpy;
  out["target_reached"] = result.target_reached;
  out["stop_reason"] = upgrade_stop_text(result.stop);
  return out;
}

std::string element_id(const Network& network, CutElement::Type type, std::uint32_t index) {
  return type == CutElement::Type::Link ? network.links[index].id : network.nodes[index].id;
}

/// A gap such as 8.7e-05.
std::string scientific(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1e", value);
  return buffer;
}

std::string assign_summary(const Network& /*network*/, const AssignResult& result) {
  if (!result.solved) return "Assignment failed: " + assign_solver_status_text(result);
  double demand = 0;
  for (const OdAssignment& od : result.ods) demand += od.demand.tonnes_per_year;
  std::string text = "Served " + tonnes(result.served_tpy) + " of " + tonnes(demand);
  if (result.unserved_tpy > 0) text += " (" + tonnes(result.unserved_tpy) + " unserved)";
  text += "; " + std::to_string(result.binding.size()) + " binding " +
          (result.binding.size() == 1 ? "capacity." : "capacities.");
  return text;
}

std::string assign_table(const Network& network, const AssignResult& result) {
  std::ostringstream out;
  out << "Demand assignment by " << to_string(result.query.weights.by);
  if (!result.query.corridors.empty()) {
    out << " (corridor ";
    for (std::size_t i = 0; i < result.query.corridors.size(); ++i) out << (i ? "," : "") << result.query.corridors[i];
    out << ")";
  }
  out << ": " << assign_summary(network, result) << "\n";
  if (!result.solved) return out.str();
  if (!result.equilibrium && result.query.max_detour)
    out << "  Routes: only links and nodes on a route at most " << fixed(*result.query.max_detour, 2)
        << " x the fastest between the pair's ends (--max-detour).\n";
  if (const auto& eq = result.equilibrium) {
    out << "  " << (eq->settings.kind == EquilibriumKind::User ? "User equilibrium" : "System optimum")
        << " with load-dependent delays: relative gap " << scientific(eq->relative_gap) << " after " << eq->iterations
        << " iterations (" << to_string(eq->stop) << ", target " << scientific(eq->settings.relative_gap) << ").\n";
    if (eq->over_capacity_tpy > 0)
      out << "  More than can move: a hard capacity is exceeded by up to " << tonnes(eq->over_capacity_tpy) << ".\n";
  }
  out << "  Objective " << objective_text(result.query.weights.by, result.objective) << " per year, unserved tonnes at "
      << weight_text(result, result.unserved_penalty_per_t) << " each included.\n";
  TextTable ods({"origin", "destination", "demand", "served", "unserved", "route split"},
                {false, false, true, true, true, false});
  for (const OdAssignment& od : result.ods) {
    std::string split;
    for (const OdPath& path : od.paths) {
      if (!split.empty()) split += " | ";
      split += fixed(100.0 * path.tonnes_per_year / std::max(od.served_tpy, 1.0), 0) + "% " +
               node_ids(network, path.nodes, ">") + " (" + fixed(path.hours / 24.0, 1) + " d)";
    }
    ods.add({network.nodes[od.demand.from].id, network.nodes[od.demand.to].id, tonnes(od.demand.tonnes_per_year),
             tonnes(od.served_tpy), tonnes(od.unserved_tpy), split.empty() ? "-" : split});
  }
  out << ods.render();
  if (!result.binding.empty()) {
    out << "Binding capacities (marginal value: objective saved per tonne/yr of added capacity; an unserved\n"
           "tonne weighs " << weight_text(result, result.unserved_penalty_per_t) << ", so where demand goes unserved the value is mostly that):\n";
    TextTable binding({"element", "type", "load", "capacity", "marginal value"}, {false, false, true, true, true});
    for (const CapacityLoad& load : result.binding)
      binding.add({load_id(network, load), load_kind(network, load), tonnes(load.load_tpy),
                   load.capacity_tpy ? format_tonnes(*load.capacity_tpy) : "unlimited",
                   weight_text(result, load.marginal_value_per_t) + "/t"});
    out << binding.render();
  }
  out << detail::resource_loads_table(network, result.resource_loads);
  if (std::any_of(result.loads.begin(), result.loads.end(), [](const CapacityLoad& l) { return l.capacity_tpy; })) {
    out << "Loads on elements with a capacity (all loads in --format json):\n";
    TextTable loads({"element", "type", "load", "capacity", "utilisation"}, {false, false, true, true, true});
    for (const CapacityLoad& load : result.loads)
      if (load.capacity_tpy) loads.add({load_id(network, load), load_kind(network, load), tonnes(load.load_tpy),
                 load.capacity_tpy ? format_tonnes(*load.capacity_tpy) : "unlimited",
                 percent(load.load_tpy, load.capacity_tpy)});
    out << loads.render();
  }
  if (result.equilibrium) {
    out << "Load-dependent delays (hours per tonne at the equilibrium load):\n";
    TextTable delays({"element", "type", "load", "utilisation", "delay h"}, {false, false, true, true, true});
    int delayed = 0;
    for (const CapacityLoad& load : result.loads)
      if (load.delay_hours > 0.005 && ++delayed)
        delays.add({load_id(network, load), load_kind(network, load), tonnes(load.load_tpy),
                    load.utilisation ? fixed(100.0 * *load.utilisation, 0) + "%" : "-", fixed(load.delay_hours, 2)});
    out << (delayed ? delays.render() : std::string("  none\n"));
  }
  return out.str();
}

std::string assign_json(const Network& network, const AssignResult& result) {
  return detail::json_text(detail::assign_object(network, result));
}

std::string criticality_summary(const Network& network, const CriticalityResult& result) {
  if (result.ranking.empty()) return "No element tested.";
  const ElementImpact& top = result.ranking.front();
  std::string text = "Most critical: " + element_id(network, top.element.type, top.element.index);
  if (!result.query.flow.sources.empty()) text += " (loses " + format_tonnes(top.flow_loss_tpy) + " of " + format_tonnes(result.base_flow_tpy) + ")";
  return text + "; " + std::to_string(result.elements_tested) + " elements tested.";
}

std::string criticality_table(const Network& network, const CriticalityResult& result) {
  std::ostringstream out;
  out << "Criticality: each element removed in turn (" << result.elements_tested << " elements)\n";
  if (!result.query.flow.sources.empty()) {
    out << "  Max flow " << node_ids(network, result.query.flow.sources) << " -> "
        << node_ids(network, result.query.flow.sinks);
    if (!result.query.flow.corridors.empty()) {
      out << " (corridor ";
      for (std::size_t i = 0; i < result.query.flow.corridors.size(); ++i)
        out << (i ? "," : "") << result.query.flow.corridors[i];
      out << ")";
    }
    out << ": "
        << (result.unbounded ? std::string("unlimited") : format_tonnes(result.base_flow_tpy)) << "\n";
  }
  for (std::size_t r = 0; r < result.query.routes.size(); ++r)
    out << "  Route " << od_text(network, result.query.routes[r].from, result.query.routes[r].to) << ": "
        << (result.base_hours[r] ? fixed(*result.base_hours[r] / 24.0, 2) + " days" : std::string("no route")) << "\n";
  std::vector<std::string> header{"#", "element", "type", "flow after", "flow loss"};
  std::vector<bool> right{true, false, false, true, true};
  for (const RouteQuery& route : result.query.routes) {
    header.push_back(od_text(network, route.from, route.to));
    right.push_back(true);
  }
  TextTable table(header, right);
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    const ElementImpact& impact = result.ranking[i];
    const auto& e = impact.element;
    std::vector<std::string> row{std::to_string(i + 1), element_id(network, e.type, e.index),
                                 e.type == CutElement::Type::Link
                                     ? std::string(to_string(network.links[e.index].mode)) + " link"
                                     : std::string(to_string(network.nodes[e.index].kind)),
                                 format_tonnes(impact.flow_after_tpy), format_tonnes(impact.flow_loss_tpy)};
    for (const auto& h : impact.added_hours) row.push_back(added_text(h));
    table.add(row);
  }
  out << table.render();
  return out.str();
}

std::string criticality_json(const Network& network, const CriticalityResult& result) {
  return detail::json_text(detail::criticality_object(network, result));
}

std::string upgrades_summary(const Network& /*network*/, const UpgradeResult& result) {
  if (result.base.unbounded) return "Unlimited flow: nothing to upgrade.";
  std::string text = "Max flow " + format_tonnes(result.base.max_flow_tpy);
  if (result.query.flow.target_tpy) {
    text += "; " + std::to_string(result.plan.size()) + "-step plan adds " + format_tonnes(result.total_added_tpy) +
            " of capacity for " + format_tonnes(result.final_flow_tpy) +
            (result.target_reached ? " (target met)" : " (target not met: " + std::string(upgrade_stop_text(result.stop)) + ")");
  }
  return text + ".";
}

std::string upgrades_table(const Network& network, const UpgradeResult& result) {
  std::ostringstream out;
  out << "Upgrades " << node_ids(network, result.query.flow.sources) << " -> "
      << node_ids(network, result.query.flow.sinks) << ": max flow "
      << (result.base.unbounded ? std::string("unlimited") : format_tonnes(result.base.max_flow_tpy));
  if (result.query.flow.target_tpy) out << ", target " << format_tonnes(*result.query.flow.target_tpy);
  out << "\n  " << bottleneck_sentence(network, result.base) << "\n";
  if (!result.options.empty()) {
    out << "Binding elements (gain in max flow per added tonne of capacity, and for how many tonnes):\n";
    TextTable options({"element", "capacity", "gain per added t", "1:1 gain up to"}, {false, true, true, true});
    for (const UpgradeOption& option : result.options)
      options.add({cut_element_text(network, option.element), format_tonnes(option.element.capacity_tpy),
                   fixed(option.marginal_gain_per_t, 2), format_tonnes(option.headroom_tpy)});
    out << options.render();
  }
  if (result.query.flow.target_tpy) {
    out << "Greedy plan to " << format_tonnes(*result.query.flow.target_tpy) << ":\n";
    if (result.plan.empty()) out << "  (no step)\n";
    else {
      TextTable plan({"step", "raise", "from", "add", "max flow after"}, {true, false, true, true, true});
      for (std::size_t s = 0; s < result.plan.size(); ++s) {
        const UpgradeStep& step = result.plan[s];
        for (std::size_t i = 0; i < step.raised.size(); ++i)
          plan.add({i == 0 ? std::to_string(s + 1) + (step.joint ? " (joint)" : "") : "",
                    cut_element_text(network, step.raised[i]), format_tonnes(step.raised[i].capacity_tpy),
                    plus(format_tonnes(step.added_tpy[i])), i + 1 == step.raised.size() ? format_tonnes(step.flow_after_tpy) : ""});
      }
      out << plan.render();
    }
    out << "  Total capacity added: " << format_tonnes(result.total_added_tpy) << "; max flow "
        << format_tonnes(result.final_flow_tpy) << " (" << upgrade_stop_text(result.stop) << ").\n";
  }
  return out.str();
}

std::string upgrades_json(const Network& network, const UpgradeResult& result) {
  return detail::json_text(detail::upgrades_object(network, result));
}

}  // namespace corridor::io
