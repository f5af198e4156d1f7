#pragma once
// Private to src/io: the legend strip under an SVG map (map_svg.hpp): what the map highlights,
// the modes and node kinds it shows, a scale bar and the basemap's attribution.

#include <string>
#include <vector>

#include "io/map_layers.hpp"
#include "io/map_projection.hpp"
#include "model/network.hpp"

namespace corridor::io::detail {

struct LegendItem {
  std::string swatch;  ///< SVG drawn in a 30 x 14 box at the origin
  std::string text;
};

/// The route and the flow (when the map highlights them), the modes of the network's links,
/// "Planned" when a link is not open, and the node kinds.
std::vector<LegendItem> legend_items(const Network& network, const MapHighlights& highlights);

/// Where each item goes in the strip: items wrap onto rows of the map's width.
struct LegendLayout {
  struct Slot {
    double x, y;  ///< px from the strip's top-left corner
  };
  std::vector<Slot> slots;
  double strip_height_px = 0;  ///< rows, and room for the scale bar
};
LegendLayout lay_out_legend(const std::vector<LegendItem>& items, double width_px);

/// The strip under the map: the items, the scale bar and the attribution.
void append_legend_svg(std::string& out, const MapView& view, const std::vector<LegendItem>& items,
                       const LegendLayout& layout);

}  // namespace corridor::io::detail
