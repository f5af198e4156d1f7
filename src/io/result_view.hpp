#pragma once
// Private to src/io: a route or flow result seen per network element (which links and nodes
// a route uses and in which order, each link's flow and whether it binds), for the formats
// that draw the whole network (GeoJSON, DOT, SVG maps).

#include <vector>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io::detail {

struct RouteView {
  std::vector<int> link_rank;              ///< leg number (1-based) on the best route; 0 = not used
  std::vector<char> link_forward;          ///< travelled from link.from to link.to
  std::vector<int> node_rank;              ///< stop number (1 = origin); 0 = not on the route
  std::vector<double> node_arrival_hours;  ///< cumulative hours at arrival (0 at the origin)
};

struct FlowView {
  std::vector<TonnesPerYear> link_flow;  ///< 0 when unused
  /// What the flow could use of the link in its direction (capacity less background), as the
  /// flow's JSON and CSV give it; none when unused or unlimited.
  std::vector<std::optional<TonnesPerYear>> link_available;
  std::vector<int> link_direction;       ///< +1 link.from -> link.to, -1 reverse, 0 unused
  std::vector<char> link_binding;        ///< in the minimum cut
  std::vector<TonnesPerYear> node_throughput;
  std::vector<std::optional<TonnesPerYear>> node_available;  ///< as link_available, for nodes
  std::vector<char> node_binding;
  std::vector<char> node_source;
  std::vector<char> node_sink;
  TonnesPerYear max_link_flow = 0;
};

inline RouteView route_view(const Network& network, const RouteResult& result) {
  RouteView view;
  view.link_rank.assign(network.links.size(), 0);
  view.link_forward.assign(network.links.size(), 1);
  view.node_rank.assign(network.nodes.size(), 0);
  view.node_arrival_hours.assign(network.nodes.size(), 0.0);
  if (!result.found()) return view;
  const Route& route = result.routes.front();
  double hours = 0.0;
  if (!route.nodes.empty()) view.node_rank[route.nodes.front()] = 1;
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    hours += leg.total_hours();
    view.link_rank[leg.link] = static_cast<int>(i + 1);
    view.link_forward[leg.link] = network.links[leg.link].from == leg.from ? 1 : 0;
    view.node_rank[leg.to] = static_cast<int>(i + 2);
    view.node_arrival_hours[leg.to] = hours;
  }
  return view;
}

inline FlowView flow_view(const Network& network, const FlowResult& result) {
  FlowView view;
  view.link_flow.assign(network.links.size(), 0);
  view.link_direction.assign(network.links.size(), 0);
  view.link_binding.assign(network.links.size(), 0);
  view.link_available.assign(network.links.size(), std::nullopt);
  view.node_throughput.assign(network.nodes.size(), 0);
  view.node_available.assign(network.nodes.size(), std::nullopt);
  view.node_binding.assign(network.nodes.size(), 0);
  view.node_source.assign(network.nodes.size(), 0);
  view.node_sink.assign(network.nodes.size(), 0);
  for (NodeIndex n : result.query.sources) view.node_source[n] = 1;
  for (NodeIndex n : result.query.sinks) view.node_sink[n] = 1;
  for (const LinkFlow& flow : result.flows) {
    view.link_flow[flow.link] = flow.flow_tpy;
    view.link_available[flow.link] = flow.capacity_tpy;
    view.link_direction[flow.link] = network.links[flow.link].from == flow.from ? 1 : -1;
    if (flow.flow_tpy > view.max_link_flow) view.max_link_flow = flow.flow_tpy;
  }
  for (const NodeLoad& load : result.node_loads) {
    view.node_throughput[load.node] = load.throughput_tpy;
    view.node_available[load.node] = load.capacity_tpy;
  }
  if (!result.unbounded) {
    for (const CutElement& element : result.min_cut) {
      if (element.type == CutElement::Type::Link)
        view.link_binding[element.index] = 1;
      else
        view.node_binding[element.index] = 1;
    }
  }
  return view;
}

}  // namespace corridor::io::detail

namespace corridor::io::detail {

/// Colours shared by the DOT output and the SVG maps.
inline const char* mode_colour(Mode mode) {
  switch (mode) {
    case Mode::Rail:
      return "#4a4a4a";
    case Mode::Ferry:
      return "#1565c0";
    case Mode::Road:
      return "#c77800";
    case Mode::Sea:
      return "#00838f";
  }
  return "#4a4a4a";
}
inline constexpr const char* kRouteColour = "#e6007e";
/// Alternatives 2, 3, ... of a map's route (k alternatives, Pareto routes), in turn: distinct from
/// the best route's colour, the modes' colours and each other (colour-blind-safe Okabe-Ito hues).
inline constexpr const char* kAlternativeColours[] = {"#0072b2", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#e69f00"};
inline const char* alternative_colour(std::size_t alternative) {
  return kAlternativeColours[alternative % (sizeof kAlternativeColours / sizeof kAlternativeColours[0])];
}
inline constexpr const char* kFlowColour = "#f5a300";
inline constexpr const char* kBindingColour = "#d50000";

}  // namespace corridor::io::detail
