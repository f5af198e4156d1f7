#pragma once
// Private to src/io: the labels of the SVG maps (map_svg.hpp), placed greedily by priority at
// one of eight candidate positions around what they label, without overlaps; and the labels of
// areas (seas, countries), centred on them.

#include <string>
#include <utility>
#include <vector>

#include "io/basemap.hpp"
#include "io/map_projection.hpp"

namespace corridor::io::detail {

/// A rectangle on the map, in px.
struct ScreenRect {
  double x0, y0, x1, y1;
  bool overlaps(const ScreenRect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

/// Width of a line of text in px, from DejaVu Sans metrics (Helvetica and Arial are narrower);
/// `spacing` is CSS letter-spacing in em.
double text_width(const std::string& text, double size, bool bold, double spacing = 0.0);

struct MapLabel {
  std::vector<std::string> lines;
  double x = 0, y = 0;  ///< anchor (the thing labelled)
  double size = 11;
  bool bold = false;
  int priority = 0;
  bool must = false;     ///< placed even when it overlaps
  std::string css;       ///< class of the <text>
  double offset = 6;     ///< distance from the anchor
  double spacing = 0;    ///< letter-spacing in em (set by the CSS class)
  bool centred = false;  ///< only the centred position (areas: seas, countries)
};

struct PlacedLabel {
  const MapLabel* label;
  ScreenRect box;
  std::string anchor;  ///< text-anchor
  double tx, ty;       ///< first baseline position
};

class LabelPlacer {
 public:
  explicit LabelPlacer(const MapView& view) : view_(view) {}
  void obstacle(ScreenRect r) { taken_.push_back(r); }
  /// A node symbol: labels keep off it, except labels of nodes right next to it (a cluster
  /// such as Tbilisi and Marabda would otherwise leave no room for either name).
  void dot(double x, double y) { dots_.push_back({x, y}); }
  /// Sorts `labels` by priority (stable) and places them in that order; a label that finds no
  /// free position is left out, unless it `must` be shown.
  std::vector<PlacedLabel> place(std::vector<MapLabel>& labels);

 private:
  const MapView& view_;
  std::vector<ScreenRect> taken_;
  std::vector<std::pair<double, double>> dots_;
};

/// The <text> elements of placed labels.
void emit_labels(std::string& out, const std::vector<PlacedLabel>& placed);

/// Labels of the seas and of the countries whose part inside the view is large enough.
void add_area_labels(const MapView& view, const Basemap& basemap, std::vector<MapLabel>& labels);

}  // namespace corridor::io::detail
