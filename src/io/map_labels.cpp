#include "io/map_labels.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "io/text_util.hpp"

namespace corridor::io::detail {
namespace {

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

}  // namespace

double text_width(const std::string& text, double size, bool bold, double spacing) {
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

std::vector<PlacedLabel> LabelPlacer::place(std::vector<MapLabel>& labels) {
  std::stable_sort(labels.begin(), labels.end(),
                   [](const MapLabel& a, const MapLabel& b) { return a.priority > b.priority; });
  std::vector<PlacedLabel> placed;
  for (const MapLabel& label : labels) {
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
      const ScreenRect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
      if (box.x0 < 2 || box.y0 < 2 || box.x1 > view_.width - 2 || box.y1 > view_.height - 2) continue;
      if (std::any_of(taken_.begin(), taken_.end(), [&](const ScreenRect& r) { return r.overlaps(box); })) continue;
      if (std::any_of(dots_.begin(), dots_.end(), [&](const std::pair<double, double>& d) {
            const ScreenRect r{d.first - 4, d.second - 4, d.first + 4, d.second + 4};
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
        const ScreenRect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
        auto area = [&box](const ScreenRect& r) {
          return std::max(0.0, std::min(r.x1, box.x1) - std::max(r.x0, box.x0)) *
                 std::max(0.0, std::min(r.y1, box.y1) - std::max(r.y0, box.y0));
        };
        double overlap = 0;
        for (const ScreenRect& r : taken_) overlap += area(r);
        for (const auto& [dx, dy] : dots_)
          if (std::hypot(dx - ax, dy - ay) > 4.5) overlap += 4 * area({dx - 4, dy - 4, dx + 4, dy + 4});
        if (box.x0 < 0 || box.x1 > view_.width || box.y0 < 0 || box.y1 > view_.height) overlap += 1e6;
        if (overlap < best_overlap) {
          best_overlap = overlap;
          best = i;
        }
      }
      const Candidate& c = candidates[best];
      const ScreenRect box{c.x0 - 1, c.y0, c.x0 + w + 1, c.y0 + h};
      taken_.push_back(box);
      placed.push_back({&label, box, c.anchor, c.tx, c.y0 + label.size * 0.85});
    }
  }
  return placed;
}

void emit_labels(std::string& out, const std::vector<PlacedLabel>& placed) {
  for (const PlacedLabel& p : placed) {
    const MapLabel& l = *p.label;
    out.append("<text class=\"").append(l.css).append("\" x=\"").append(svg_number(p.tx)).append("\" y=\"");
    out.append(svg_number(p.ty)).append("\" text-anchor=\"").append(p.anchor).append("\" font-size=\"");
    out.append(svg_number(l.size)).append("\"");
    if (l.bold) out.append(" font-weight=\"bold\"");
    out.append(">");
    for (std::size_t i = 0; i < l.lines.size(); ++i) {
      if (i == 0) {
        out.append(xml_escape(l.lines[i]));
        continue;
      }
      out.append("<tspan x=\"").append(svg_number(p.tx)).append("\" dy=\"").append(svg_number(l.size * 1.1));
      out.append("\" font-size=\"").append(svg_number(l.size * 0.9)).append("\" font-weight=\"bold\">");
      out.append(xml_escape(l.lines[i])).append("</tspan>");
    }
    out.append("</text>\n");
  }
}

void add_area_labels(const MapView& view, const Basemap& basemap, std::vector<MapLabel>& labels) {
  for (const PlaceLabel& sea : basemap.seas) {
    MapLabel label;
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
    MapLabel label;
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
}

}  // namespace corridor::io::detail
