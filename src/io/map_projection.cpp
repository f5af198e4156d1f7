#include "io/map_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "io/map_svg.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace detail {
namespace {

constexpr double kStandardParallel = 42.0;
constexpr double kMinAspect = 1.2;
constexpr double kMaxAspect = 2.6;

double cos_parallel() {
  return std::cos(kStandardParallel * std::numbers::pi / 180.0);
}

/// Widens the box to an aspect (projected width / height) within [kMinAspect, kMaxAspect]
/// and keeps it inside `limits` where possible.
GeoBox fit_box(GeoBox box, const GeoBox& limits) {
  const double c = cos_parallel();
  double w = (box.east - box.west) * c, h = box.north - box.south;
  if (w <= 0) w = 1;
  if (h <= 0) h = 1;
  if (w / h > kMaxAspect) {
    const double grow = (w / kMaxAspect - h) / 2;
    box.south -= grow;
    box.north += grow;
  } else if (w / h < kMinAspect) {
    const double grow = (h * kMinAspect - w) / 2 / c;
    box.west -= grow;
    box.east += grow;
  }
  auto clamp_axis = [](double& lo, double& hi, double min, double max) {
    if (hi - lo >= max - min) {
      lo = min;
      hi = max;
    } else if (lo < min) {
      hi += min - lo;
      lo = min;
    } else if (hi > max) {
      lo -= hi - max;
      hi = max;
    }
  };
  clamp_axis(box.west, box.east, limits.west, limits.east);
  clamp_axis(box.south, box.north, limits.south, limits.north);
  return box;
}

double great_circle_km(const Node& a, const Node& b) {
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

double proj_x(double lon) {
  return lon * cos_parallel();
}
double proj_y(double lat) {
  return -lat;
}

MapView make_view(const GeoBox& requested, const GeoBox& limits, double width) {
  MapView view;
  view.box = fit_box(requested, limits);
  view.x0 = proj_x(view.box.west);
  view.y0 = proj_y(view.box.north);
  view.width = width;
  view.scale = width / (proj_x(view.box.east) - proj_x(view.box.west));
  view.height = std::round((proj_y(view.box.south) - view.y0) * view.scale);
  return view;
}

std::string svg_number(double value) {
  return decimal(value, 1);
}

bool drawn_as_arc(const Network& network, const Link& link) {
  if (!link.waypoints.empty()) return false;  // drawn along its course instead
  const double straight = great_circle_km(network.nodes[link.from], network.nodes[link.to]);
  return link.distance_km > 1500.0 && link.distance_km > 2.0 * straight;
}

namespace {

/// The link along its waypoints (a sea lane's straits), as the GeoJSON draws it: a polyline
/// whose middle is half way along it.
void follow_waypoints(const MapView& view, const Link& link, bool forward, LinkSegment& s) {
  std::vector<std::pair<double, double>> points{{s.x1, s.y1}};
  for (const corridor::GeoPoint& point : link.waypoints) points.emplace_back(view.px(point.lon), view.py(point.lat));
  if (!forward) std::reverse(points.begin() + 1, points.end());
  points.emplace_back(s.x2, s.y2);
  double total = 0.0;
  s.d.clear();
  for (std::size_t i = 0; i < points.size(); ++i) {
    s.d += (i == 0 ? "M" : "L") + svg_number(points[i].first) + " " + svg_number(points[i].second);
    if (i > 0) total += std::hypot(points[i].first - points[i - 1].first, points[i].second - points[i - 1].second);
  }
  s.length = total;
  double walked = 0.0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double dx = points[i].first - points[i - 1].first, dy = points[i].second - points[i - 1].second;
    const double step = std::hypot(dx, dy);
    if (step <= 0 || walked + step < total / 2) {
      walked += step;
      continue;
    }
    const double t = (total / 2 - walked) / step;
    s.mx = points[i - 1].first + dx * t;
    s.my = points[i - 1].second + dy * t;
    s.tx = dx / step;
    s.ty = dy / step;
    return;
  }
  s.mx = (s.x1 + s.x2) / 2;  // every point in one place
  s.my = (s.y1 + s.y2) / 2;
}

}  // namespace

LinkSegment link_segment(const MapView& view, const Network& network, const Link& link, bool forward) {
  const Node& a = network.nodes[forward ? link.from : link.to];
  const Node& b = network.nodes[forward ? link.to : link.from];
  const double x1 = view.px(a.lon), y1 = view.py(a.lat), x2 = view.px(b.lon), y2 = view.py(b.lat);
  LinkSegment s;
  s.x1 = x1;
  s.y1 = y1;
  s.x2 = x2;
  s.y2 = y2;
  const double dx = x2 - x1, dy = y2 - y1;
  s.length = std::hypot(dx, dy);
  if (s.length > 0) {
    s.tx = dx / s.length;
    s.ty = dy / s.length;
  }
  if (!link.waypoints.empty()) {
    follow_waypoints(view, link, forward, s);
    return s;
  }
  if (!drawn_as_arc(network, link)) {
    s.d = "M" + svg_number(x1) + " " + svg_number(y1) + "L" + svg_number(x2) + " " + svg_number(y2);
    s.mx = (x1 + x2) / 2;
    s.my = (y1 + y2) / 2;
    return s;
  }
  // Quadratic curve bulging south (down on the map), as sea routes around Asia do.
  double nx = -s.ty, ny = s.tx;
  if (ny < 0) {
    nx = -nx;
    ny = -ny;
  }
  const double cx = (x1 + x2) / 2 + nx * 0.55 * s.length, cy = (y1 + y2) / 2 + ny * 0.55 * s.length;
  s.arc = true;
  s.cx = cx;
  s.cy = cy;
  s.d = "M" + svg_number(x1) + " " + svg_number(y1) + "Q" + svg_number(cx) + " " + svg_number(cy) + " " +
        svg_number(x2) + " " + svg_number(y2);
  s.mx = 0.25 * x1 + 0.5 * cx + 0.25 * x2;
  s.my = 0.25 * y1 + 0.5 * cy + 0.25 * y2;
  return s;
}

}  // namespace detail

using detail::drawn_as_arc;
using detail::kBasemapUnit;
using detail::proj_x;
using detail::proj_y;
using detail::xml_escape;

std::string basemap_defs_svg(const Basemap& basemap) {
  std::string out =
      "<svg class=\"basemap-defs\" width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
      "<defs><g id=\"basemap\" fill=\"#f3efe4\" stroke=\"#a89f88\" stroke-width=\"0.7\" stroke-linejoin=\"round\" "
      "fill-rule=\"evenodd\">\n";
  for (const Country& country : basemap.countries) {
    out.append("<path class=\"country\" data-name=\"").append(xml_escape(country.name));
    out.append("\" vector-effect=\"non-scaling-stroke\" d=\"");
    for (const auto& polygon : country.polygons) {
      for (const auto& ring : polygon) {
        long long px = 0, py = 0;
        bool first = true;
        std::size_t count = 0;
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {  // rings are closed: skip the repeat
          const long long x = std::llround(proj_x(ring[i].lon) * kBasemapUnit);
          const long long y = std::llround(proj_y(ring[i].lat) * kBasemapUnit);
          if (first) {
            out.append("M").append(std::to_string(x)).append(" ").append(std::to_string(y)).append("l");
            first = false;
          } else {
            if (x == px && y == py) continue;
            const std::string dx = std::to_string(x - px), dy = std::to_string(y - py);
            if (count > 0 && dx.front() != '-') out.push_back(' ');
            out.append(dx);
            if (dy.front() != '-') out.push_back(' ');
            out.append(dy);
            ++count;
          }
          px = x;
          py = y;
        }
        if (!first) out.append("z");
      }
    }
    out.append("\"/>\n");
  }
  out.append("</g></defs></svg>\n");
  return out;
}

GeoBox network_box(const Network& network) {
  if (network.nodes.empty()) return {20, 30, 80, 50};
  GeoBox box{180, 90, -180, -90};
  for (const Node& node : network.nodes) {
    box.west = std::min(box.west, node.lon);
    box.east = std::max(box.east, node.lon);
    box.south = std::min(box.south, node.lat);
    box.north = std::max(box.north, node.lat);
  }
  const double pad_x = std::max(2.0, 0.04 * (box.east - box.west)),
               pad_y = std::max(1.5, 0.08 * (box.north - box.south));
  return {box.west - pad_x, box.south - pad_y, box.east + pad_x, box.north + pad_y};
}

namespace {

GeoBox box_of(const Network& network, const std::vector<NodeIndex>& nodes) {
  if (nodes.empty()) return network_box(network);
  GeoBox box{180, 90, -180, -90};
  for (NodeIndex n : nodes) {
    box.west = std::min(box.west, network.nodes[n].lon);
    box.east = std::max(box.east, network.nodes[n].lon);
    box.south = std::min(box.south, network.nodes[n].lat);
    box.north = std::max(box.north, network.nodes[n].lat);
  }
  const double pad_x = std::max(2.5, 0.08 * (box.east - box.west));
  const double pad_y = std::max(1.5, 0.12 * (box.north - box.south));
  return {box.west - pad_x, box.south - pad_y, box.east + pad_x, box.north + pad_y};
}

}  // namespace

GeoBox route_box(const Network& network, const RouteResult& result) {
  if (result.found()) {
    // An arc (a sea route around a continent) needs the whole region.
    for (const RouteLeg& leg : result.routes.front().legs)
      if (drawn_as_arc(network, network.links[leg.link])) return network_box(network);
    return box_of(network, result.routes.front().nodes);
  }
  return box_of(network, {result.query.from, result.query.to});
}

GeoBox flow_box(const Network& network, const FlowResult& result) {
  std::vector<NodeIndex> nodes = result.query.sources;
  nodes.insert(nodes.end(), result.query.sinks.begin(), result.query.sinks.end());
  for (const LinkFlow& flow : result.flows) {
    if (drawn_as_arc(network, network.links[flow.link])) return network_box(network);
    nodes.push_back(flow.from);
    nodes.push_back(flow.to);
  }
  return box_of(network, nodes);
}

bool box_has_nodes(const Network& network, const GeoBox& box, std::size_t min_nodes) {
  std::size_t n = 0;
  for (const Node& node : network.nodes)
    if (node.lon >= box.west && node.lon <= box.east && node.lat >= box.south && node.lat <= box.north) ++n;
  return n >= min_nodes;
}

}  // namespace corridor::io
