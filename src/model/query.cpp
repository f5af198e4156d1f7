#include "model/query.hpp"

#include <algorithm>

namespace corridor {

std::string_view best_route_word(Objective objective) {
  switch (objective) {
    case Objective::Time: return "Fastest";
    case Objective::Distance: return "Shortest";
    case Objective::Cost: return "Cheapest";
    case Objective::Co2: return "Lowest-CO2e";
    case Objective::Generalized: return "Best generalized-cost";
  }
  return "Best";
}

std::vector<char> usable_links(const Network& network, const std::vector<std::string>& corridors,
                               const Avoidance& avoid) {
  std::vector<char> usable(network.links.size(), 0);
  std::vector<char> avoided_node(network.nodes.size(), 0);
  for (NodeIndex n : avoid.nodes) avoided_node[n] = 1;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    for (const auto& country : avoid.countries)
      if (network.nodes[n].country == country) avoided_node[n] = 1;
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    usable[l] = network.link_usable(l) && passes_corridor_filter(link, corridors) && !avoided_node[link.from] &&
                !avoided_node[link.to];
    for (const auto& country : link.transit_countries)
      if (std::find(avoid.countries.begin(), avoid.countries.end(), country) != avoid.countries.end()) usable[l] = 0;
  }
  for (LinkIndex l : avoid.links) usable[l] = 0;
  return usable;
}

bool passes_corridor_filter(const Link& link, const std::vector<std::string>& corridors) {
  if (corridors.empty()) return true;
  for (const auto& tag : corridors)
    if (link.in_corridor(tag)) return true;
  return false;
}

}  // namespace corridor
