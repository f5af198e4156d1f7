#include "io/map_svg.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numbers>

#include "io/report.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::decimal;
using detail::xml_escape;

// ---------------------------------------------------------------------------------------
// Projection: equirectangular, x = lon * cos(42 deg), y = -lat, in degrees of latitude.
// One unit is 111.32 km along meridians and along the 42nd parallel.

constexpr double kStandardParallel = 42.0;
constexpr double kKmPerUnit = 111.32;
/// Basemap coordinates are stored in hundredths of a unit (integers, relative moves).
constexpr double kBasemapUnit = 100.0;
constexpr double kMinAspect = 1.2;
constexpr double kMaxAspect = 2.6;

double cos_parallel() {
  return std::cos(kStandardParallel * std::numbers::pi / 180.0);
}
double proj_x(double lon) {
  return lon * cos_parallel();
}
double proj_y(double lat) {
  return -lat;
}

struct View {
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

View make_view(const GeoBox& requested, const GeoBox& limits, double width) {
  View view;
  view.box = fit_box(requested, limits);
  view.x0 = proj_x(view.box.west);
  view.y0 = proj_y(view.box.north);
  view.width = width;
  view.scale = width / (proj_x(view.box.east) - proj_x(view.box.west));
  view.height = std::round((proj_y(view.box.south) - view.y0) * view.scale);
  return view;
}

std::string num(double value) {
  return decimal(value, 1);
}

// ---------------------------------------------------------------------------------------
// Geometry of links: straight, or an arc when the link is far longer than the straight line
// (a sea route around a continent).

double great_circle_km(const Node& a, const Node& b) {
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

bool drawn_as_arc(const Network& network, const Link& link) {
  const double straight = great_circle_km(network.nodes[link.from], network.nodes[link.to]);
  return link.distance_km > 1500.0 && link.distance_km > 2.0 * straight;
}

struct Segment {
  std::string d;          ///< SVG path data
  double mx = 0, my = 0;  ///< middle point
  double tx = 1, ty = 0;  ///< unit tangent at the middle, in the direction of travel
  double length = 0;      ///< of the chord, px
  bool arc = false;
  double x1 = 0, y1 = 0, cx = 0, cy = 0, x2 = 0, y2 = 0;  ///< ends and control point
  /// Point at parameter t along the segment.
  std::pair<double, double> at(double t) const {
    if (!arc) return {x1 + (x2 - x1) * t, y1 + (y2 - y1) * t};
    const double u = 1 - t;
    return {u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2};
  }
};

Segment segment(const View& view, const Network& network, const Link& link, bool forward) {
  const Node& a = network.nodes[forward ? link.from : link.to];
  const Node& b = network.nodes[forward ? link.to : link.from];
  const double x1 = view.px(a.lon), y1 = view.py(a.lat), x2 = view.px(b.lon), y2 = view.py(b.lat);
  Segment s;
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
  if (!drawn_as_arc(network, link)) {
    s.d = "M" + num(x1) + " " + num(y1) + "L" + num(x2) + " " + num(y2);
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
  s.d = "M" + num(x1) + " " + num(y1) + "Q" + num(cx) + " " + num(cy) + " " + num(x2) + " " + num(y2);
  s.mx = 0.25 * x1 + 0.5 * cx + 0.25 * x2;
  s.my = 0.25 * y1 + 0.5 * cy + 0.25 * y2;
  return s;
}

// ---------------------------------------------------------------------------------------
// Label placement: greedy, by priority, eight candidate positions, no overlaps.

struct Rect {
  double x0, y0, x1, y1;
  bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

/// Width of a line of text in px, from DejaVu Sans metrics (Helvetica and Arial are narrower);
/// `spacing` is CSS letter-spacing in em.
double text_width(const std::string& text, double size, bool bold, double spacing = 0.0) {
  double w = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (c == ' ')
      w += 0.35;
    else if (std::isupper(c))
      w += bold ? 0.78 : 0.70;
    else if (std::isdigit(c))
      w += bold ? 0.70 : 0.64;
    else if (c == '.' || c == ',' || c == '\'' || c == ':')
      w += bold ? 0.38 : 0.32;
    else if (c == '-' || c == '_')
      w += 0.5;
    else
      w += bold ? 0.64 : 0.57;
    w += spacing;
  }
  return w * size;
}

struct Label {
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

struct Placed {
  const Label* label;
  Rect box;
  std::string anchor;  ///< text-anchor
  double tx, ty;       ///< first baseline position
};

class LabelPlacer {
 public:
  explicit LabelPlacer(const View& view) : view_(view) {}
  void obstacle(Rect r) { taken_.push_back(r); }
  /// A node symbol: labels keep off it, except labels of nodes right next to it (a cluster
  /// such as Tbilisi and Marabda would otherwise leave no room for either name).
  void dot(double x, double y) { dots_.push_back({x, y}); }
  std::vector<Placed> place(std::vector<Label>& labels) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const Label& a, const Label& b) { return a.priority > b.priority; });
    std::vector<Placed> placed;
    for (const Label& label : labels) {
      double w = 0;
      for (std::size_t i = 0; i < label.lines.size(); ++i)
        w = std::max(w, i == 0 ? text_width(label.lines[i], label.size, label.bold, label.spacing)
                               : text_width(label.lines[i], label.size * 0.9, true, label.spacing));
      const double line_height = label.size * 1.1;
      const double h = line_height * static_cast<double>(label.lines.size());
      const double o = label.offset;
      struct Candidate {
        double x0, y0;
        const char* anchor;
        double tx;
      };
      std::vector<Candidate> candidates;
      const double ax = label.x, ay = label.y;
      if (label.centred) {
        candidates.push_back({ax - w / 2, ay - h / 2, "middle", ax});
      } else {
        candidates = {
            {ax + o, ay - h / 2, "start", ax + o},                      // east
            {ax - o - w, ay - h / 2, "end", ax - o},                    // west
            {ax + o * 0.7, ay - o * 0.7 - h, "start", ax + o * 0.7},    // north-east
            {ax + o * 0.7, ay + o * 0.7, "start", ax + o * 0.7},        // south-east
            {ax - o * 0.7 - w, ay - o * 0.7 - h, "end", ax - o * 0.7},  // north-west
            {ax - o * 0.7 - w, ay + o * 0.7, "end", ax - o * 0.7},      // south-west
            {ax - w / 2, ay - o - h, "middle", ax},                     // north
            {ax - w / 2, ay + o, "middle", ax},                         // south
        };
      }
      bool done = false;
      for (const Candidate& c : candidates) {
        const Rect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
        if (box.x0 < 2 || box.y0 < 2 || box.x1 > view_.width - 2 || box.y1 > view_.height - 2) continue;
        if (std::any_of(taken_.begin(), taken_.end(), [&](const Rect& r) { return r.overlaps(box); })) continue;
        if (std::any_of(dots_.begin(), dots_.end(), [&](const std::pair<double, double>& d) {
              const Rect r{d.first - 4, d.second - 4, d.first + 4, d.second + 4};
              return r.overlaps(box) && std::hypot(d.first - ax, d.second - ay) > 4.5;
            }))
          continue;
        taken_.push_back(box);
        placed.push_back({&label, box, c.anchor, c.tx, c.y0 + label.size * 0.85});
        done = true;
        break;
      }
      if (!done && label.must && !candidates.empty()) {
        // Forced: the candidate that overlaps least.
        std::size_t best = 0;
        double best_overlap = 1e300;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
          const Candidate& c = candidates[i];
          const Rect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
          auto area = [&box](const Rect& r) {
            return std::max(0.0, std::min(r.x1, box.x1) - std::max(r.x0, box.x0)) *
                   std::max(0.0, std::min(r.y1, box.y1) - std::max(r.y0, box.y0));
          };
          double overlap = 0;
          for (const Rect& r : taken_) overlap += area(r);
          for (const auto& [dx, dy] : dots_)
            if (std::hypot(dx - ax, dy - ay) > 4.5) overlap += 4 * area({dx - 4, dy - 4, dx + 4, dy + 4});
          if (box.x0 < 0 || box.x1 > view_.width || box.y0 < 0 || box.y1 > view_.height) overlap += 1e6;
          if (overlap < best_overlap) {
            best_overlap = overlap;
            best = i;
          }
        }
        const Candidate& c = candidates[best];
        const Rect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
        taken_.push_back(box);
        placed.push_back({&label, box, c.anchor, c.tx, c.y0 + label.size * 0.85});
      }
    }
    return placed;
  }

 private:
  const View& view_;
  std::vector<Rect> taken_;
  std::vector<std::pair<double, double>> dots_;
};

void emit_labels(std::string& out, const std::vector<Placed>& placed) {
  for (const Placed& p : placed) {
    const Label& l = *p.label;
    out.append("<text class=\"").append(l.css).append("\" x=\"").append(num(p.tx)).append("\" y=\"");
    out.append(num(p.ty)).append("\" text-anchor=\"").append(p.anchor).append("\" font-size=\"");
    out.append(num(l.size)).append("\"");
    if (l.bold) out.append(" font-weight=\"bold\"");
    out.append(">");
    for (std::size_t i = 0; i < l.lines.size(); ++i) {
      if (i == 0) {
        out.append(xml_escape(l.lines[i]));
        continue;
      }
      out.append("<tspan x=\"").append(num(p.tx)).append("\" dy=\"").append(num(l.size * 1.1));
      out.append("\" font-size=\"").append(num(l.size * 0.9)).append("\" font-weight=\"bold\">");
      out.append(xml_escape(l.lines[i])).append("</tspan>");
    }
    out.append("</text>\n");
  }
}

// ---------------------------------------------------------------------------------------
// Area labels: the part of a country inside the view.

using Ring = std::vector<std::pair<double, double>>;

/// Sutherland-Hodgman clipping of a closed ring (last point = first) to [0, w] x [0, h].
Ring clip_ring(const Ring& ring, double w, double h) {
  Ring current(ring.begin(), ring.empty() ? ring.end() : ring.end() - 1);
  auto clip = [&current](auto inside, auto cross) {
    Ring out;
    for (std::size_t i = 0; i < current.size(); ++i) {
      const auto& a = current[i];
      const auto& b = current[(i + 1) % current.size()];
      const bool ia = inside(a), ib = inside(b);
      if (ia) out.push_back(a);
      if (ia != ib) out.push_back(cross(a, b));
    }
    current = std::move(out);
  };
  using P = std::pair<double, double>;
  auto at_x = [](double x) {
    return [x](const P& a, const P& b) {
      return P{x, a.second + (b.second - a.second) * (x - a.first) / (b.first - a.first)};
    };
  };
  auto at_y = [](double y) {
    return [y](const P& a, const P& b) {
      return P{a.first + (b.first - a.first) * (y - a.second) / (b.second - a.second), y};
    };
  };
  clip([](const P& p) { return p.first >= 0; }, at_x(0));
  clip([w](const P& p) { return p.first <= w; }, at_x(w));
  clip([](const P& p) { return p.second >= 0; }, at_y(0));
  clip([h](const P& p) { return p.second <= h; }, at_y(h));
  return current;
}

/// Area (absolute) and centroid of an open ring.
std::array<double, 3> area_centroid(const Ring& ring) {
  double a = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const auto& [x0, y0] = ring[i];
    const auto& [x1, y1] = ring[(i + 1) % ring.size()];
    const double f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (std::abs(a) < 1e-9) return {0, 0, 0};
  return {std::abs(a) / 2, cx / (3 * a), cy / (3 * a)};
}

// ---------------------------------------------------------------------------------------
// Symbols

bool name_says_hub(const Node& node) {
  std::string lower;
  for (char c : node.name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower.find("hub") != std::string::npos;
}

int kind_priority(const Node& node) {
  int p = 0;
  switch (node.kind) {
    case NodeKind::SeaPort:
    case NodeKind::RailTerminal:
      p = 50;
      break;
    case NodeKind::DryPort:
      p = 45;
      break;
    case NodeKind::BorderCrossing:
    case NodeKind::GaugeChange:
      p = 32;
      break;
    case NodeKind::Junction:
      p = (node.dwell_hours > 0 || name_says_hub(node)) ? 48 : 20;
      break;
  }
  return node.is_open() ? p : p - 12;
}

/// Label priority of a node: its kind, then how connected it is (open links), with a
/// bonus for the Middle Corridor itself (links tagged "middle").
int label_priority(const Network& network, NodeIndex n) {
  const Node& node = network.nodes[n];
  int degree = 0;
  bool middle = false;
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    if ((link.from != n && link.to != n) || !network.link_usable(l)) continue;
    ++degree;
    middle = middle || std::find(link.corridors.begin(), link.corridors.end(), "middle") != link.corridors.end();
  }
  return kind_priority(node) + 3 * std::min(degree, 4) + (middle ? 10 : 0);
}

void node_symbol(std::string& out, const Node& node, double x, double y) {
  std::string cls = "node kind-" + std::string(to_string(node.kind));
  if (!node.is_open()) cls.append(" ").append(to_string(node.status));
  out.append("<g class=\"").append(cls).append("\" data-id=\"").append(xml_escape(node.id)).append("\"><title>");
  out.append(xml_escape(node.id + ": " + node.name + " (" + std::string(to_string(node.kind)) +
                        (node.is_open() ? "" : ", " + std::string(to_string(node.status))) + ")"));
  out.append("</title>");
  const std::string dash = node.is_open() ? "" : " stroke-dasharray=\"2 1.5\"";
  switch (node.kind) {
    case NodeKind::SeaPort:
      out.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y));
      out.append("\" r=\"4.6\" fill=\"").append(node.is_open() ? "#1565c0" : "#ffffff");
      out.append("\" stroke=\"")
          .append(node.is_open() ? "#ffffff" : "#1565c0")
          .append("\" stroke-width=\"1.4\"")
          .append(dash)
          .append("/>");
      break;
    case NodeKind::RailTerminal:
    case NodeKind::DryPort:
      out.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y));
      out.append("\" r=\"4.6\" fill=\"").append(node.is_open() ? "#222222" : "#ffffff");
      out.append("\" stroke=\"")
          .append(node.is_open() ? "#ffffff" : "#222222")
          .append("\" stroke-width=\"1.4\"")
          .append(dash)
          .append("/>");
      break;
    case NodeKind::BorderCrossing:
    case NodeKind::GaugeChange: {
      const double r = 4.6;
      out.append("<path d=\"M").append(num(x)).append(" ").append(num(y - r)).append("L").append(num(x + r));
      out.append(" ").append(num(y)).append("L").append(num(x)).append(" ").append(num(y + r)).append("L");
      out.append(num(x - r)).append(" ").append(num(y)).append("Z\" fill=\"");
      out.append(node.kind == NodeKind::GaugeChange ? "#9e9e9e" : "#ffffff");
      out.append("\" stroke=\"#222222\" stroke-width=\"1.3\"").append(dash).append("/>");
      break;
    }
    case NodeKind::Junction:
      out.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y));
      out.append("\" r=\"2.8\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"1.3\"").append(dash).append("/>");
      break;
  }
  out.append("</g>\n");
}

std::string days_text(double hours) {
  return detail::fixed(hours / 24.0, 1);
}

/// Nice round length for a scale bar of at most `max_km`.
double scale_km(double max_km) {
  static constexpr std::array<double, 10> kSteps = {25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000};
  double best = kSteps.front();
  for (double step : kSteps)
    if (step <= max_km) best = step;
  return best;
}

struct LegendItem {
  std::string swatch;  ///< SVG drawn in a 30 x 14 box at the origin
  std::string text;
};

std::string line_swatch(const std::string& colour, double width, const std::string& extra = {}) {
  return "<path d=\"M1 7H29\" stroke=\"" + colour + "\" stroke-width=\"" + num(width) + "\" fill=\"none\"" + extra +
         "/>";
}

}  // namespace

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

std::string map_svg(const Network& network, const Basemap& basemap, const MapOptions& options) {
  const View view = make_view(options.box, basemap.box, options.width);
  const detail::RouteView rv = options.route ? detail::route_view(network, *options.route) : detail::RouteView{};
  const detail::FlowView fv = options.flow ? detail::flow_view(network, *options.flow) : detail::FlowView{};
  const bool has_route = options.route && options.route->found();
  const bool has_flow = options.flow && !options.flow->flows.empty();

  // Legend items first: the legend strip below the map needs its height.
  std::vector<LegendItem> legend;
  if (options.legend) {
    bool mode_used[kModeCount] = {false, false, false, false};
    bool planned = false;
    for (const Link& link : network.links) {
      mode_used[static_cast<std::size_t>(link.mode)] = true;
      planned = planned || !link.is_open();
    }
    if (has_route) {
      const Route& route = options.route->routes.front();
      legend.push_back({line_swatch(detail::kRouteColour, 8, " stroke-linecap=\"round\" opacity=\"0.55\""),
                        "Route " + network.nodes[options.route->query.from].id + " \xE2\x86\x92 " +
                            network.nodes[options.route->query.to].id + ": " + detail::fixed(route.days(), 1) +
                            " days"});
    }
    if (has_flow) {
      legend.push_back({"<path d=\"M1 7H29\" stroke=\"" + std::string(detail::kFlowColour) +
                            "\" stroke-width=\"10\" opacity=\"0.65\"/>",
                        "Flow (width \xE2\x88\x9D t/yr; widest " + format_tonnes(fv.max_link_flow) + ")"});
      legend.push_back({"<path d=\"M15 0V14\" stroke=\"" + std::string(detail::kBindingColour) +
                            "\" stroke-width=\"4\"/><path d=\"M1 7H29\" stroke=\"#4a4a4a\" stroke-width=\"1.6\"/>",
                        "Binding capacity (minimum cut)"});
    }
    static constexpr Mode kModes[] = {Mode::Rail, Mode::Ferry, Mode::Sea, Mode::Road};
    for (Mode mode : kModes) {
      if (!mode_used[static_cast<std::size_t>(mode)]) continue;
      std::string text(to_string(mode));
      text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      legend.push_back({line_swatch(detail::mode_colour(mode), 2.2), text});
    }
    if (planned) legend.push_back({line_swatch("#4a4a4a", 2.2, " stroke-dasharray=\"6 4\""), "Planned"});
    legend.push_back(
        {"<circle cx=\"15\" cy=\"7\" r=\"4.6\" fill=\"#1565c0\" stroke=\"#fff\" stroke-width=\"1.4\"/>", "Sea port"});
    legend.push_back({"<circle cx=\"15\" cy=\"7\" r=\"4.6\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"1.4\"/>",
                      "Rail terminal / dry port"});
    legend.push_back({"<path d=\"M15 2.4L19.6 7L15 11.6L10.4 7Z\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.3\"/>",
                      "Border crossing"});
    legend.push_back(
        {"<path d=\"M15 2.4L19.6 7L15 11.6L10.4 7Z\" fill=\"#9e9e9e\" stroke=\"#222\" stroke-width=\"1.3\"/>",
         "Gauge change"});
    legend.push_back(
        {"<circle cx=\"15\" cy=\"7\" r=\"2.8\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.3\"/>", "Junction"});
  }
  // Flow legend items wrap onto rows of the strip.
  constexpr double kLegendFont = 12, kRowHeight = 20;
  struct LegendSlot {
    double x, y;
  };
  std::vector<LegendSlot> slots;
  double lx = 10, ly = 8;
  for (const LegendItem& item : legend) {
    const double w = 36 + text_width(item.text, kLegendFont, false) + 16;
    if (lx + w > view.width - 10 && lx > 10) {
      lx = 10;
      ly += kRowHeight;
    }
    slots.push_back({lx, ly});
    lx += w;
  }
  const double strip = options.legend ? ly + kRowHeight + 26 : 0;
  const double total_height = view.height + strip;

  std::string out;
  out.reserve(64 * 1024);
  out.append("<svg class=\"map\" id=\"").append(xml_escape(options.id)).append("\" viewBox=\"0 0 ");
  out.append(num(view.width)).append(" ").append(num(total_height)).append("\" width=\"").append(num(view.width));
  out.append("\" height=\"").append(num(total_height)).append("\" role=\"img\" aria-label=\"");
  out.append(xml_escape(options.title)).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
  out.append("<title>").append(xml_escape(options.title)).append("</title>\n");
  const std::string clip = options.id + "-clip";
  out.append("<defs><clipPath id=\"").append(xml_escape(clip)).append("\"><rect width=\"").append(num(view.width));
  out.append("\" height=\"").append(num(view.height)).append("\"/></clipPath></defs>\n");
  out.append("<g clip-path=\"url(#").append(xml_escape(clip)).append(")\">\n");
  out.append("<rect class=\"sea\" width=\"").append(num(view.width)).append("\" height=\"").append(num(view.height));
  out.append("\" fill=\"#cfe2ef\"/>\n");
  const double k = view.scale / kBasemapUnit;
  out.append("<g class=\"countries\"><use href=\"#basemap\" transform=\"matrix(").append(decimal(k, 6)).append(" 0 0 ");
  out.append(decimal(k, 6)).append(" ").append(decimal(-view.x0 * view.scale, 3)).append(" ");
  out.append(decimal(-view.y0 * view.scale, 3)).append(")\"/></g>\n");

  // Collect labels: nodes (with route days), binding capacities, then areas (seas, countries).
  LabelPlacer placer(view);
  std::vector<Label> labels;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    const double x = view.px(node.lon), y = view.py(node.lat);
    if (!view.inside(x, y, 10)) continue;
    placer.dot(x, y);
    Label label;
    label.lines = {node.id};
    label.x = x;
    label.y = y;
    label.priority = label_priority(network, n);
    label.size = kind_priority(node) >= 45 ? 11.5 : 10;
    label.bold = kind_priority(node) >= 45;
    label.css = "label";
    if (has_route && rv.node_rank[n] > 0) {
      const std::size_t rank = static_cast<std::size_t>(rv.node_rank[n]);
      const Route& route = options.route->routes.front();
      const bool origin = rank == 1, destination = n == options.route->query.to;
      const RouteLeg* next = rank - 1 < route.legs.size() ? &route.legs[rank - 1] : nullptr;
      const bool stop = next && (next->transfer_hours > 0 || next->dwell_hours >= 12.0);
      label.priority = std::max(label.priority, 40) + 20;
      label.bold = true;
      label.size = 11.5;
      label.css = "label route-label";
      if (origin || destination) {
        label.priority = 100;
        label.must = true;
        label.size = 13;
      }
      if (origin)
        label.lines.push_back("day 0");
      else if (destination)
        label.lines.push_back(days_text(rv.node_arrival_hours[n]) + " days");
      else if (stop) {
        label.lines.push_back("day " + days_text(rv.node_arrival_hours[n]));
        label.priority = 85;
      }
    }
    if (has_flow && (fv.node_source[n] || fv.node_sink[n])) {
      label.priority = std::max(label.priority, 90);
      label.must = true;
      label.bold = true;
      label.size = std::max(label.size, 12.0);
    }
    labels.push_back(std::move(label));
  }

  // Flow bands (under the links), route bands, links, binding marks.
  std::string bands, links, marks;
  if (has_flow) {
    for (LinkIndex l = 0; l < network.links.size(); ++l) {
      if (fv.link_flow[l] <= 0) continue;
      const Link& link = network.links[l];
      const Segment s = segment(view, network, link, fv.link_direction[l] > 0);
      const double w = 3.0 + 13.0 * static_cast<double>(fv.link_flow[l]) /
                                 static_cast<double>(std::max<TonnesPerYear>(fv.max_link_flow, 1));
      bands.append("<path class=\"flow\" d=\"").append(s.d).append("\" stroke=\"").append(detail::kFlowColour);
      bands.append("\" stroke-width=\"")
          .append(num(w))
          .append("\" stroke-opacity=\"0.6\" fill=\"none\" stroke-linecap=\"round\"><title>");
      bands.append(xml_escape(
          link.id + ": " + format_tonnes(fv.link_flow[l]) +
          (link.capacity_tpy ? " of " + format_tonnes(*link.capacity_tpy) : std::string(" (no capacity figure)"))));
      bands.append("</title></path>\n");
      if (s.length > 26) {  // direction arrow
        const double ax = s.mx + s.tx * 4, ay = s.my + s.ty * 4;
        const double bx = s.mx - s.tx * 4 - s.ty * 4, by = s.my - s.ty * 4 + s.tx * 4;
        const double cx = s.mx - s.tx * 4 + s.ty * 4, cy = s.my - s.ty * 4 - s.tx * 4;
        bands.append("<path class=\"flow-arrow\" d=\"M").append(num(ax)).append(" ").append(num(ay)).append("L");
        bands.append(num(bx)).append(" ").append(num(by)).append("L").append(num(cx)).append(" ").append(num(cy));
        bands.append("Z\" fill=\"#8a5a00\"/>\n");
      }
    }
  }
  if (has_route) {
    const Route& route = options.route->routes.front();
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const RouteLeg& leg = route.legs[i];
      const Link& link = network.links[leg.link];
      const Segment s = segment(view, network, link, link.from == leg.from);
      bands.append("<path class=\"route\" d=\"").append(s.d).append("\" stroke=\"").append(detail::kRouteColour);
      bands.append(
          "\" stroke-width=\"9\" stroke-opacity=\"0.5\" fill=\"none\" stroke-linecap=\"round\" "
          "stroke-linejoin=\"round\"><title>");
      bands.append(xml_escape("Leg " + std::to_string(i + 1) + ": " + network.nodes[leg.from].id + " \xE2\x86\x92 " +
                              network.nodes[leg.to].id + ", " + detail::fixed(leg.total_hours(), 1) + " h"));
      bands.append("</title></path>\n");
    }
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    const Segment s = segment(view, network, link, true);
    const bool closed = link.status == Status::Closed;
    links.append("<path class=\"link mode-").append(to_string(link.mode));
    if (!link.is_open()) links.append(" ").append(to_string(link.status));
    if (has_route && rv.link_rank[l] > 0) links.append(" on-route");
    links.append("\" data-id=\"").append(xml_escape(link.id));  // front ends find elements by id
    links.append("\" d=\"")
        .append(s.d)
        .append("\" stroke=\"")
        .append(closed ? "#9e9e9e" : detail::mode_colour(link.mode));
    links.append("\" stroke-width=\"").append(has_route && rv.link_rank[l] > 0 ? "2.6" : s.arc ? "1.4" : "1.8");
    links.append("\" fill=\"none\"");
    if (s.arc && !(has_route && rv.link_rank[l] > 0)) links.append(" stroke-opacity=\"0.7\"");
    if (link.status == Status::Planned) links.append(" stroke-dasharray=\"6 4\"");
    if (closed) links.append(" stroke-dasharray=\"1.5 3\"");
    links.append("><title>");
    std::string tip = link.id + " (" + std::string(to_string(link.mode)) + ", " +
                      detail::thousands(std::llround(link.distance_km)) + " km, " + detail::fixed(link.hours, 1) + " h";
    tip.append(link.capacity_tpy ? ", " + format_tonnes(*link.capacity_tpy) : std::string());
    if (!link.is_open()) tip.append(", ").append(to_string(link.status));
    tip.append(")");
    links.append(xml_escape(tip)).append("</title></path>\n");
    if (s.arc) {
      // Label the arc where it is on the map, as near its middle as possible.
      for (double step = 0; step <= 0.4; step += 0.025) {
        const auto [ax, ay] = s.at(0.5 + (static_cast<int>(step * 40) % 2 == 0 ? step : -step));
        if (!view.inside(ax, ay, -60)) continue;
        Label label;
        label.lines = {link.id, detail::thousands(std::llround(link.distance_km)) + " km by " +
                                    std::string(to_string(link.mode)) + ", not to scale"};
        label.x = ax;
        label.y = ay;
        label.size = 10;
        label.priority = 30;
        label.css = "label arc-label";
        labels.push_back(std::move(label));
        break;
      }
    }
    if (has_flow && fv.link_binding[l]) {
      const double nx = -s.ty, ny = s.tx;
      marks.append("<path class=\"binding\" d=\"M").append(num(s.mx - nx * 9)).append(" ").append(num(s.my - ny * 9));
      marks.append("L").append(num(s.mx + nx * 9)).append(" ").append(num(s.my + ny * 9)).append("\" stroke=\"");
      marks.append(detail::kBindingColour).append("\" stroke-width=\"4.5\" stroke-linecap=\"round\"><title>");
      marks.append(xml_escape("Binding: " + link.id + " " + format_tonnes(link.capacity_tpy.value_or(0))));
      marks.append("</title></path>\n");
      placer.obstacle({s.mx - 6, s.my - 6, s.mx + 6, s.my + 6});
      Label label;
      label.lines = {format_tonnes(link.capacity_tpy.value_or(0))};
      label.x = s.mx;
      label.y = s.my;
      label.size = 11;
      label.bold = true;
      label.priority = 88;
      label.offset = 10;
      label.css = "label binding-label";
      labels.push_back(std::move(label));
    }
  }
  for (const PlaceLabel& sea : basemap.seas) {
    Label label;
    label.lines = {sea.name};
    label.x = view.px(sea.at.lon);
    label.y = view.py(sea.at.lat);
    label.size = view.scale > 30 ? 14 : 11;
    label.spacing = 0.06;
    label.priority = -10;
    label.centred = true;
    label.css = "sea-label";
    labels.push_back(std::move(label));
  }
  for (const Country& country : basemap.countries) {
    if (country.name.empty()) continue;
    // The largest part of the country inside the view, and its centroid.
    double best_area = 0, best_x = 0, best_y = 0;
    for (const auto& polygon : country.polygons) {
      if (polygon.empty()) continue;
      std::vector<std::pair<double, double>> ring;
      ring.reserve(polygon.front().size());
      for (const GeoPoint& p : polygon.front()) ring.emplace_back(view.px(p.lon), view.py(p.lat));
      ring = clip_ring(ring, view.width, view.height);
      const auto [area, cx, cy] = area_centroid(ring);
      if (area > best_area) {
        best_area = area;
        best_x = cx;
        best_y = cy;
      }
    }
    if (best_area < 9000) continue;
    std::string upper;
    for (char c : country.name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    Label label;
    label.lines = {upper};
    label.x = best_x;
    label.y = best_y;
    label.size = best_area > 150000 ? 13 : 10.5;
    label.spacing = 0.14;
    label.priority = -20 + static_cast<int>(std::min(9.0, best_area / 50000));
    label.centred = true;
    label.css = "country-label";
    labels.push_back(std::move(label));
  }
  const std::vector<Placed> placed = placer.place(labels);

  // Area labels go under the network, the others on top.
  std::vector<Placed> area_labels, node_labels;
  for (const Placed& p : placed) (p.label->centred ? area_labels : node_labels).push_back(p);
  emit_labels(out, area_labels);
  out.append("<g class=\"overlay\">\n").append(bands).append("</g>\n");
  out.append("<g class=\"links\">\n").append(links).append("</g>\n");
  out.append("<g class=\"marks\">\n").append(marks).append("</g>\n");
  out.append("<g class=\"nodes\">\n");
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    const double x = view.px(node.lon), y = view.py(node.lat);
    if (!view.inside(x, y, 10)) continue;
    if (has_flow && fv.node_binding[n]) {
      out.append("<circle class=\"binding\" cx=\"").append(num(x)).append("\" cy=\"").append(num(y));
      out.append("\" r=\"9\" fill=\"none\" stroke=\"")
          .append(detail::kBindingColour)
          .append("\" stroke-width=\"3\"><title>");
      out.append(xml_escape("Binding: " + node.id + " " + format_tonnes(node.capacity_tpy.value_or(0))));
      out.append("</title></circle>\n");
    }
    node_symbol(out, node, x, y);
  }
  out.append("</g>\n<g class=\"labels\">\n");
  emit_labels(out, node_labels);
  out.append("</g>\n</g>\n");
  out.append("<rect class=\"frame\" width=\"").append(num(view.width)).append("\" height=\"").append(num(view.height));
  out.append("\" fill=\"none\" stroke=\"#7d8b96\" stroke-width=\"1\"/>\n");

  if (options.legend) {
    out.append("<g class=\"legend\" transform=\"translate(0 ").append(num(view.height)).append(")\">\n");
    for (std::size_t i = 0; i < legend.size(); ++i) {
      out.append("<g transform=\"translate(")
          .append(num(slots[i].x))
          .append(" ")
          .append(num(slots[i].y))
          .append(")\">");
      out.append(legend[i].swatch)
          .append("<text x=\"36\" y=\"11.5\" font-size=\"")
          .append(num(kLegendFont))
          .append("\">");
      out.append(xml_escape(legend[i].text)).append("</text></g>\n");
    }
    // Scale bar (true along meridians and at 42 deg N) and attribution on the last row.
    const double px_per_km = view.scale / kKmPerUnit;
    const double km = scale_km(view.width * 0.16 / px_per_km);
    const double bar = km * px_per_km;
    const double sy = strip - 12;
    const double sx = view.width - 10 - bar;
    out.append("<g class=\"scale-bar\"><path d=\"M").append(num(sx)).append(" ").append(num(sy - 6)).append("V");
    out.append(num(sy)).append("H").append(num(sx + bar)).append("V").append(num(sy - 6));
    out.append("\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/><path d=\"M").append(num(sx + bar / 2));
    out.append(" ").append(num(sy - 4)).append("V").append(num(sy)).append("\" stroke=\"#222\" stroke-width=\"1\"/>");
    out.append("<text x=\"")
        .append(num(sx - 6))
        .append("\" y=\"")
        .append(num(sy))
        .append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
    out.append("<text x=\"")
        .append(num(sx + bar))
        .append("\" y=\"")
        .append(num(sy - 9))
        .append("\" font-size=\"11\" text-anchor=\"end\">");
    out.append(detail::thousands(std::llround(km))).append(" km</text></g>\n");
    out.append("<text class=\"attribution\" x=\"10\" y=\"")
        .append(num(sy))
        .append("\" font-size=\"10\" fill=\"#555\">");
    out.append(
        "Country outlines: Natural Earth (public domain). Equirectangular projection, scale true along "
        "meridians and at 42\xC2\xB0N.</text>\n");
    out.append("</g>\n");
  }
  out.append("</svg>\n");
  return out;
}

}  // namespace corridor::io
