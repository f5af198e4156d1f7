#include "io/compare_report.hpp"

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/report.hpp"
#include "io/result_json.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using nlohmann::ordered_json;

using detail::fixed;
using detail::thousands;
using detail::TextTable;

}  // namespace

std::string compare_table(const Network& network, const std::vector<RouteResult>& per_corridor, MoneyUnit unit) {
  std::ostringstream out;
  if (per_corridor.empty()) return {};
  const RouteQuery& query = per_corridor.front().query;
  RouteQuery shown = query;
  shown.corridors.clear();
  out << "Best route per corridor, " << network.nodes[query.from].id << " -> " << network.nodes[query.to].id
      << route_constraints_text(network, shown) << ", by " << to_string(query.by) << ":\n";
  const std::string per_unit = "USD/" + std::string(money_unit_label(unit));
  const std::vector<std::string> header = {"corridor", "days", "km", per_unit, "kg CO2e/t", "transfers", "borders",
                                           "via"};
  TextTable table(header, {false, true, true, true, true, true, true, false});
  for (const RouteResult& result : per_corridor) {
    const std::string tag = result.query.corridors.empty() ? "any" : result.query.corridors.front();
    if (!result.found()) {
      table.add({tag, "-", "-", "-", "-", "-", "-", "no route over open links"});
      continue;
    }
    const Route& route = result.routes.front();
    const std::string via = key_nodes_text(network, route);
    table.add({tag, fixed(route.days(), 1), thousands(std::llround(route.distance_km)),
               fixed(usd_per_unit(network, route.cost_usd_per_t, unit).value_or(route.cost_usd_per_t), 2) +
                   (route.legs_without_cost > 0 ? "*" : ""),
               fixed(route.co2_kg_per_t, 1), std::to_string(route.transfers), std::to_string(route.border_crossings),
               via});
  }
  // A route with no mode change and no country entered has an empty "via": no trailing spaces.
  std::istringstream lines(table.render());
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  bool uncosted = false;
  for (const RouteResult& result : per_corridor) uncosted = uncosted || (result.found() && result.routes.front().legs_without_cost > 0);
  if (uncosted) out << "  * some legs have no cost figure and count as 0 " << per_unit << " (see the breakdown)\n";
  out << "  borders = country changes (end nodes and countries a link crosses); via = where the mode changes or a country is "
         "entered\n";
  for (const RouteResult& result : per_corridor) {
    if (!result.found()) continue;
    out << "\n" << route_table(network, result, unit);
  }
  return out.str();
}

std::string compare_json(const Network& network, const std::vector<RouteResult>& per_corridor) {
  ordered_json out;
  if (!per_corridor.empty()) {
    const RouteQuery& query = per_corridor.front().query;
    out["from"] = network.nodes[query.from].id;
    out["to"] = network.nodes[query.to].id;
    out["by"] = to_string(query.by);
  }
  out["corridors"] = ordered_json::array();
  for (const RouteResult& result : per_corridor) {
    ordered_json c;
    c["corridor"] = result.query.corridors.empty() ? std::string("any") : result.query.corridors.front();
    c["found"] = result.found();
    c["route"] = detail::route_object(network, result);
    out["corridors"].push_back(c);
  }
  return out.dump(2) + "\n";
}

}  // namespace corridor::io
