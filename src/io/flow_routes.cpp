#include "io/flow_routes.hpp"

#include <cmath>

#include "io/report.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"

namespace corridor::io::detail {
namespace {

using nlohmann::ordered_json;

std::string units(double value, const std::string& unit) {
  if (unit == "t/yr") return format_tonnes(static_cast<TonnesPerYear>(std::llround(value)));
  return fixed(value, 0) + " " + unit;
}

std::string via_text(const Network& network, const FlowRoute& route) {
  if (route.nodes.size() <= 2) return "(direct)";
  std::string text;
  for (std::size_t i = 1; i + 1 < route.nodes.size(); ++i) text += (i > 1 ? " " : "") + network.nodes[route.nodes[i]].id;
  return text;
}

std::string constraint_id(const Network& network, const BindingConstraint& c) {
  switch (c.type) {
    case BindingConstraint::Type::Link: return network.links[c.index].id;
    case BindingConstraint::Type::Node: return network.nodes[c.index].id;
    case BindingConstraint::Type::Resource: return network.resources[c.index].id;
  }
  return {};
}

std::string constraint_type(const Network& network, const BindingConstraint& c) {
  switch (c.type) {
    case BindingConstraint::Type::Link: return std::string(to_string(network.links[c.index].mode)) + " link";
    case BindingConstraint::Type::Node: return std::string(to_string(network.nodes[c.index].kind));
    case BindingConstraint::Type::Resource: return "resource";
  }
  return {};
}

}  // namespace

std::string flow_routes_table(const Network& network, const FlowResult& result) {
  if (result.routes.empty()) return {};
  std::string out = "Routes carrying the flow";
  if (result.query.max_detour) out += " (each at most " + fixed(*result.query.max_detour, 2) + " x the fastest between its ends)";
  out += ":\n";
  TextTable table({"from", "via", "to", "flow", "days"}, {false, false, false, true, true});
  for (const FlowRoute& route : result.routes)
    table.add({network.nodes[route.nodes.front()].id, via_text(network, route), network.nodes[route.nodes.back()].id,
               format_tonnes(route.flow_tpy), fixed(route.days(), 1)});
  return out + table.render();
}

std::string resource_loads_table(const Network& network, const std::vector<ResourceLoad>& loads) {
  if (loads.empty()) return "";
  std::string out = "Shared resources (capacity, other cargo, what is left for the corridor, used by this flow):\n";
  TextTable table({"resource", "capacity", "background", "left", "used", ""}, {false, true, true, true, true, false});
  for (const ResourceLoad& load : loads) {
    const Resource& r = network.resources[load.resource];
    table.add({r.id, units(load.capacity, r.unit), units(load.background, r.unit),
               units(std::max(0.0, load.capacity - load.background), r.unit), units(load.used, r.unit),
               load.binding ? "binding" : ""});
  }
  return out + table.render();
}

ordered_json resource_loads_json(const Network& network, const std::vector<ResourceLoad>& loads) {
  ordered_json out = ordered_json::array();
  for (const ResourceLoad& load : loads) {
    const Resource& r = network.resources[load.resource];
    out.push_back({{"id", r.id},
                   {"name", r.name},
                   {"unit", r.unit},
                   {"capacity", load.capacity},
                   {"background", load.background},
                   {"left", std::max(0.0, load.capacity - load.background)},
                   {"used", load.used},
                   {"binding", load.binding}});
  }
  return out;
}

std::string flow_constraints_table(const Network& network, const FlowResult& result) {
  std::string out;
  out += resource_loads_table(network, result.resource_loads);
  if (!result.binding.empty() && !binding_is_plain_cut(result)) {
    out += "Binding constraints (max flow gained per added unit of capacity left):\n";
    TextTable table({"type", "id", "left", "gain per unit"}, {false, false, true, true});
    for (const BindingConstraint& c : result.binding) {
      const std::string unit = c.type == BindingConstraint::Type::Resource ? network.resources[c.index].unit : "t/yr";
      table.add({constraint_type(network, c), constraint_id(network, c), units(c.capacity, unit), fixed(c.dual, 3)});
    }
    out += table.render();
  }
  return out;
}

void add_flow_routes_json(const Network& network, const FlowResult& result, ordered_json& out) {
  out["max_detour"] = result.query.max_detour ? ordered_json(*result.query.max_detour) : ordered_json("none");
  out["routes"] = ordered_json::array();
  for (const FlowRoute& route : result.routes) {
    ordered_json r;
    r["nodes"] = ordered_json::array();
    for (NodeIndex n : route.nodes) r["nodes"].push_back(network.nodes[n].id);
    r["links"] = ordered_json::array();
    for (LinkIndex l : route.links) r["links"].push_back(network.links[l].id);
    r["flow_tpy"] = route.flow_tpy;
    r["hours"] = route.hours;
    r["days"] = route.days();
    out["routes"].push_back(r);
  }
  out["resources"] = resource_loads_json(network, result.resource_loads);
  out["binding"] = ordered_json::array();
  for (const BindingConstraint& c : result.binding) {
    ordered_json b;
    b["type"] = c.type == BindingConstraint::Type::Link   ? "link"
                : c.type == BindingConstraint::Type::Node ? "node"
                                                          : "resource";
    b["id"] = constraint_id(network, c);
    b["capacity_left"] = c.capacity;
    b["dual"] = c.dual;
    out["binding"].push_back(b);
  }
}

std::vector<std::string> binding_resource_texts(const Network& network, const FlowResult& result) {
  std::vector<std::string> texts;
  for (const ResourceLoad& load : result.resource_loads) {
    if (!load.binding) continue;
    const Resource& r = network.resources[load.resource];
    std::string text = r.name + " (" + units(std::max(0.0, load.capacity - load.background), r.unit) + " left";
    if (load.background > 0) text += " of " + units(load.capacity, r.unit) + " after other cargo";
    texts.push_back(text + ")");
  }
  return texts;
}

bool binding_is_plain_cut(const FlowResult& result) {
  for (const BindingConstraint& c : result.binding)
    if (c.type == BindingConstraint::Type::Resource || std::abs(c.dual - 1.0) > 1e-6) return false;
  return true;
}

}  // namespace corridor::io::detail
