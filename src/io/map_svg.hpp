#pragma once
// SVG maps of the network over country outlines, in an equirectangular projection with
// true scale at 42 deg N (done here, no GIS library): links coloured by mode (planned ones
// dashed), a route highlighted with its days, link widths by flow, binding links and nodes
// marked, labels placed without overlaps, a legend and a scale bar.

#include <string>

#include "io/basemap.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io {

struct MapOptions {
  std::string id;         ///< unique in the page; used for element ids
  std::string title;      ///< accessible name of the map
  GeoBox box;             ///< region to show; widened to an aspect between 1.2 and 2.6
  double width = 1100.0;  ///< in px (the SVG scales to its container)
  bool legend = true;
  const RouteResult* route = nullptr;  ///< highlighted with its days (every route: the best, then the others)
  /// The legend's name of each route of `route` (e.g. its corridor); empty = "Route 1", "Route 2", ...
  std::vector<std::string> route_names;
  const FlowResult* flow = nullptr;    ///< drawn as widths, with the minimum cut marked
};

/// A hidden <svg> defining the country outlines once per page (id "basemap"); every map
/// shows them with <use>, so a page with many maps stays small.
std::string basemap_defs_svg(const Basemap& basemap);

/// One <svg class="map"> element. Needs basemap_defs_svg() in the same page.
std::string map_svg(const Network& network, const Basemap& basemap, const MapOptions& options);
/// The same map as an SVG file of its own (`route --format svg`): the SVG namespace on its root
/// and the country outlines it uses inside it.
std::string map_svg_file(const Network& network, const Basemap& basemap, const MapOptions& options);

/// Region around all nodes of the network, a route or a flow (with margins).
GeoBox network_box(const Network& network);
GeoBox route_box(const Network& network, const RouteResult& result);
GeoBox flow_box(const Network& network, const FlowResult& result);
/// True when at least `min_nodes` nodes lie inside `box`.
bool box_has_nodes(const Network& network, const GeoBox& box, std::size_t min_nodes);

}  // namespace corridor::io
