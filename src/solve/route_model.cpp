// The route model: a path's legs and totals (make_route) and its objective values.
#include <cassert>
#include <string_view>
#include <vector>

#include "model/cost.hpp"
#include "solve/route.hpp"

namespace corridor::solve {

Route make_route(const Network& network, NodeIndex origin, const std::vector<LinkIndex>& links) {
  Route route;
  route.nodes.push_back(origin);
  NodeIndex at = origin;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& link = network.links[links[i]];
    RouteLeg leg;
    leg.link = links[i];
    leg.from = at;
    assert(link.from == at || (link.bidirectional && link.to == at));
    leg.to = link.from == at ? link.to : link.from;
    leg.mode = link.mode;
    if (i > 0) {
      const bool mode_change = network.links[links[i - 1]].mode != link.mode;
      const StepMetrics pass = step_metrics(network, {false, at, mode_change});
      leg.dwell_hours = pass.dwell_hours;
      if (mode_change) {
        leg.transfer_hours = pass.transfer_hours;
        ++route.transfers;
      }
      leg.handling_usd_per_t = pass.cost_usd_per_t;
    }
    const StepMetrics travel = step_metrics(network, {true, links[i], false});
    leg.wait_hours = travel.wait_hours;
    leg.hours = travel.in_motion_hours;
    leg.distance_km = travel.distance_km;
    leg.cost_known = travel.cost_known;
    leg.cost_usd_per_t = travel.cost_usd_per_t;
    leg.co2_kg_per_t = travel.co2_kg_per_t;
    // Countries in travel order: from, the link's transit countries (reversed when travelled
    // backwards), to; every change is a border crossing.
    std::vector<std::string_view> chain{network.nodes[leg.from].country};
    if (leg.from == link.from) chain.insert(chain.end(), link.transit_countries.begin(), link.transit_countries.end());
    else chain.insert(chain.end(), link.transit_countries.rbegin(), link.transit_countries.rend());
    chain.push_back(network.nodes[leg.to].country);
    int borders = 0;
    for (std::size_t c = 1; c < chain.size(); ++c) borders += chain[c] != chain[c - 1];
    leg.crosses_border = borders > 0;
    route.hours += leg.total_hours();
    route.distance_km += leg.distance_km;
    route.cost_usd_per_t += leg.total_cost_usd_per_t();
    route.co2_kg_per_t += leg.co2_kg_per_t;
    route.border_crossings += borders;
    route.legs_without_cost += leg.cost_known ? 0 : 1;
    route.legs.push_back(leg);
    route.nodes.push_back(leg.to);
    at = leg.to;
  }
  return route;
}

double objective_value(const Route& route, Objective objective, const GeneralizedWeights& weights) {
  switch (objective) {
    case Objective::Time: return route.hours;
    case Objective::Distance: return route.distance_km;
    case Objective::Cost: return route.cost_usd_per_t;
    case Objective::Co2: return route.co2_kg_per_t;
    case Objective::Generalized: return weights.of(route.cost_usd_per_t, route.hours, route.co2_kg_per_t);
  }
  return route.hours;
}

}  // namespace corridor::solve
