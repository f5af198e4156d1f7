#include "io/leg_times.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "io/result_json.hpp"
#include "model/distribution.hpp"

namespace corridor::io {

std::vector<LegTime> leg_times(const Route& route, std::int64_t depart_minutes) {
  std::vector<LegTime> times;
  double elapsed_hours = 0.0;
  for (const RouteLeg& leg : route.legs) {
    const double leaves = elapsed_hours + leg.dwell_hours + leg.transfer_hours + leg.wait_hours;
    elapsed_hours += leg.total_hours();
    times.push_back({depart_minutes + std::llround(leaves * 60.0), depart_minutes + std::llround(elapsed_hours * 60.0)});
  }
  return times;
}

std::string iso_utc(std::int64_t minutes) {
  std::string text = format_iso_minutes(minutes).substr(0, 16);  // "2026-03-02 08:00"
  text[10] = 'T';
  return text + "Z";
}

Table leg_times_table(const Network& network, const Route& route, std::int64_t depart_minutes) {
  Table table({{"leg", true}, {"from"}, {"to"}, {"link"}, {"mode"}, {"departs_utc"}, {"arrives_utc"},
               {"leg_hours", true}});
  const auto times = leg_times(route, depart_minutes);
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    table.add({Cell::num(static_cast<double>(i + 1)), network.nodes[leg.from].id, network.nodes[leg.to].id,
               network.links[leg.link].id, std::string(to_string(leg.mode)), iso_utc(times[i].depart_minutes),
               iso_utc(times[i].arrive_minutes), Cell::num(leg.total_hours(), 1)});
  }
  return table;
}

std::string timed_route_json(const Network& network, const RouteResult& result, std::int64_t depart_minutes) {
  auto j = detail::route_object(network, result);
  if (!result.found()) return detail::json_text(j);
  const Route& route = result.routes.front();
  auto& routes = j["routes"];
  auto& legs = routes[0]["legs"];
  const auto times = leg_times(route, depart_minutes);
  for (std::size_t i = 0; i < legs.size() && i < times.size(); ++i) {
    legs[i]["departs_utc"] = iso_utc(times[i].depart_minutes);
    legs[i]["arrives_utc"] = iso_utc(times[i].arrive_minutes);
  }
  routes[0]["departs_utc"] = iso_utc(depart_minutes);
  return detail::json_text(j);
}

}  // namespace corridor::io
