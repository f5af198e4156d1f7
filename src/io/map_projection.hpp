#pragma once
// Private to src/io: the projection of the SVG maps (map_svg.hpp) and the geometry of links on
// them. Equirectangular, x = lon * cos(42 deg), y = -lat, in degrees of latitude ("units"); one
// unit is 111.32 km along meridians and along the 42nd parallel.

#include <string>
#include <utility>

#include "io/basemap.hpp"
#include "model/network.hpp"

namespace corridor::io::detail {

inline constexpr double kKmPerUnit = 111.32;
/// Basemap coordinates are stored in hundredths of a unit (integers, relative moves).
inline constexpr double kBasemapUnit = 100.0;

/// Projected x and y of a longitude and a latitude, in units.
double proj_x(double lon);
double proj_y(double lat);

/// The part of the projection one map shows, and its size in px.
struct MapView {
  GeoBox box;
  double x0 = 0, y0 = 0;  ///< projected top-left corner
  double scale = 1;       ///< px per unit
  double width = 0, height = 0;
  double px(double lon) const { return (proj_x(lon) - x0) * scale; }
  double py(double lat) const { return (proj_y(lat) - y0) * scale; }
  bool inside(double x, double y, double margin = 0) const {
    return x >= -margin && y >= -margin && x <= width + margin && y <= height + margin;
  }
};

/// The view of `requested`, widened to an aspect between 1.2 and 2.6 and kept inside `limits`
/// where possible, `width` px wide.
MapView make_view(const GeoBox& requested, const GeoBox& limits, double width);

/// A coordinate, length or font size as the SVG writes it (one decimal).
std::string svg_number(double value);

/// A link drawn from one end to the other: straight, or an arc when the link is far longer than
/// the straight line (a sea route around a continent).
struct LinkSegment {
  std::string d;          ///< SVG path data
  double mx = 0, my = 0;  ///< middle point
  double tx = 1, ty = 0;  ///< unit tangent at the middle, in the direction of travel
  double length = 0;      ///< of the chord (along the waypoints when the link has some), px
  bool arc = false;
  double x1 = 0, y1 = 0, cx = 0, cy = 0, x2 = 0, y2 = 0;  ///< ends and control point
  /// Point at parameter t along the segment.
  std::pair<double, double> at(double t) const {
    if (!arc) return {x1 + (x2 - x1) * t, y1 + (y2 - y1) * t};
    const double u = 1 - t;
    return {u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2};
  }
};

/// Whether the link is drawn as an arc (no waypoints, longer than 1500 km and than twice the
/// great circle); a link with waypoints is drawn along them.
bool drawn_as_arc(const Network& network, const Link& link);
/// The link on the view, from link.from to link.to when `forward`, else the other way.
LinkSegment link_segment(const MapView& view, const Network& network, const Link& link, bool forward);

}  // namespace corridor::io::detail
