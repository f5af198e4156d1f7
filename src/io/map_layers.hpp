#pragma once
// Private to src/io: the network on the SVG maps (map_svg.hpp) and what a map highlights on
// it: links coloured by mode, node symbols by kind, the best route as a band with its days,
// flows as widths with their binding links and nodes, and the labels of all of them.

#include <string>
#include <vector>

#include "io/map_labels.hpp"
#include "io/map_projection.hpp"
#include "io/map_svg.hpp"
#include "io/result_view.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io::detail {

/// The route and the flow of a map, seen per link and node.
struct MapHighlights {
  const RouteResult* route = nullptr;  ///< set when the map's route was found
  const FlowResult* flow = nullptr;    ///< set when the map's flow carries anything
  std::vector<std::string> route_names;  ///< MapOptions::route_names
  RouteView route_elements;            ///< sized to the network when `route` is set
  FlowView flow_elements;              ///< sized to the network when `flow` is set
};
MapHighlights map_highlights(const Network& network, const MapOptions& options);

/// The label of every node inside the view (with its day on the route, bold at the ends of a
/// route or flow); each node's symbol becomes a dot the labels keep off.
void add_node_labels(const Network& network, const MapView& view, const MapHighlights& highlights, LabelPlacer& placer,
                     std::vector<MapLabel>& labels);

/// Bands under the links: each link carrying flow as a width (with its direction), then the
/// route's legs.
std::string highlight_bands_svg(const Network& network, const MapView& view, const MapHighlights& highlights);

/// Every link as a path coloured by mode, and the marks across binding links.
struct LinkLayers {
  std::string links;
  std::string marks;
};
/// Also adds the labels of arcs (sea routes, not to scale) and of binding capacities, and keeps
/// other labels off the binding marks.
LinkLayers link_layers_svg(const Network& network, const MapView& view, const MapHighlights& highlights,
                           LabelPlacer& placer, std::vector<MapLabel>& labels);

/// The symbol of every node inside the view, with a ring around binding nodes.
std::string node_layer_svg(const Network& network, const MapView& view, const MapHighlights& highlights);

}  // namespace corridor::io::detail
