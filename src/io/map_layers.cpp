#include "io/map_layers.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "io/report.hpp"
#include "io/text_util.hpp"

namespace corridor::io::detail {
namespace {

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
      out.append("<circle cx=\"").append(svg_number(x)).append("\" cy=\"").append(svg_number(y));
      out.append("\" r=\"4.6\" fill=\"").append(node.is_open() ? "#1565c0" : "#ffffff");
      out.append("\" stroke=\"")
          .append(node.is_open() ? "#ffffff" : "#1565c0")
          .append("\" stroke-width=\"1.4\"")
          .append(dash)
          .append("/>");
      break;
    case NodeKind::RailTerminal:
    case NodeKind::DryPort:
      out.append("<circle cx=\"").append(svg_number(x)).append("\" cy=\"").append(svg_number(y));
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
      out.append("<path d=\"M")
          .append(svg_number(x))
          .append(" ")
          .append(svg_number(y - r))
          .append("L")
          .append(svg_number(x + r));
      out.append(" ")
          .append(svg_number(y))
          .append("L")
          .append(svg_number(x))
          .append(" ")
          .append(svg_number(y + r))
          .append("L");
      out.append(svg_number(x - r)).append(" ").append(svg_number(y)).append("Z\" fill=\"");
      out.append(node.kind == NodeKind::GaugeChange ? "#9e9e9e" : "#ffffff");
      out.append("\" stroke=\"#222222\" stroke-width=\"1.3\"").append(dash).append("/>");
      break;
    }
    case NodeKind::Junction:
      out.append("<circle cx=\"").append(svg_number(x)).append("\" cy=\"").append(svg_number(y));
      out.append("\" r=\"2.8\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"1.3\"").append(dash).append("/>");
      break;
  }
  out.append("</g>\n");
}

std::string days_text(double hours) {
  return fixed(hours / 24.0, 1);
}

}  // namespace

MapHighlights map_highlights(const Network& network, const MapOptions& options) {
  MapHighlights highlights;
  if (options.route && options.route->found()) {
    highlights.route = options.route;
    highlights.route_elements = route_view(network, *options.route);
    highlights.route_names = options.route_names;
  }
  if (options.flow && !options.flow->flows.empty()) {
    highlights.flow = options.flow;
    highlights.flow_elements = flow_view(network, *options.flow);
  }
  return highlights;
}

void add_node_labels(const Network& network, const MapView& view, const MapHighlights& highlights, LabelPlacer& placer,
                     std::vector<MapLabel>& labels) {
  const bool has_route = highlights.route != nullptr, has_flow = highlights.flow != nullptr;
  const RouteView& rv = highlights.route_elements;
  const FlowView& fv = highlights.flow_elements;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    const double x = view.px(node.lon), y = view.py(node.lat);
    if (!view.inside(x, y, 10)) continue;
    placer.dot(x, y);
    MapLabel label;
    label.lines = {node.id};
    label.x = x;
    label.y = y;
    label.priority = label_priority(network, n);
    label.size = kind_priority(node) >= 45 ? 11.5 : 10;
    label.bold = kind_priority(node) >= 45;
    label.css = "label";
    if (has_route && rv.node_rank[n] > 0) {
      const std::size_t rank = static_cast<std::size_t>(rv.node_rank[n]);
      const Route& route = highlights.route->routes.front();
      const bool origin = rank == 1, destination = n == highlights.route->query.to;
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
}

std::string highlight_bands_svg(const Network& network, const MapView& view, const MapHighlights& highlights) {
  const bool has_route = highlights.route != nullptr, has_flow = highlights.flow != nullptr;
  const FlowView& fv = highlights.flow_elements;
  std::string bands;
  if (has_flow) {
    for (LinkIndex l = 0; l < network.links.size(); ++l) {
      if (fv.link_flow[l] <= 0) continue;
      const Link& link = network.links[l];
      const LinkSegment s = link_segment(view, network, link, fv.link_direction[l] > 0);
      const double w = 3.0 + 13.0 * static_cast<double>(fv.link_flow[l]) /
                                 static_cast<double>(std::max<TonnesPerYear>(fv.max_link_flow, 1));
      bands.append("<path class=\"flow\" d=\"").append(s.d).append("\" stroke=\"").append(kFlowColour);
      bands.append("\" stroke-width=\"")
          .append(svg_number(w))
          .append("\" stroke-opacity=\"0.6\" fill=\"none\" stroke-linecap=\"round\"><title>");
      // What the flow could use (capacity less other cargo), as the flow's tables give it.
      std::string of = " (no capacity figure)";
      if (fv.link_available[l]) {
        of = " of " + format_tonnes(*fv.link_available[l]);
        if (link.capacity_tpy && *link.capacity_tpy != *fv.link_available[l])
          of += " left of " + format_tonnes(*link.capacity_tpy) + " after other cargo";
      }
      bands.append(xml_escape(link.id + ": " + format_tonnes(fv.link_flow[l]) + of));
      bands.append("</title></path>\n");
      if (s.length > 26) {  // direction arrow
        const double ax = s.mx + s.tx * 4, ay = s.my + s.ty * 4;
        const double bx = s.mx - s.tx * 4 - s.ty * 4, by = s.my - s.ty * 4 + s.tx * 4;
        const double cx = s.mx - s.tx * 4 + s.ty * 4, cy = s.my - s.ty * 4 - s.tx * 4;
        bands.append("<path class=\"flow-arrow\" d=\"M")
            .append(svg_number(ax))
            .append(" ")
            .append(svg_number(ay))
            .append("L");
        bands.append(svg_number(bx))
            .append(" ")
            .append(svg_number(by))
            .append("L")
            .append(svg_number(cx))
            .append(" ")
            .append(svg_number(cy));
        bands.append("Z\" fill=\"#8a5a00\"/>\n");
      }
    }
  }
  if (has_route) {
    // The alternatives first (under the best route), the last one lowest, each in its colour.
    const std::vector<Route>& routes = highlights.route->routes;
    for (std::size_t r = routes.size(); r-- > 1;) {
      for (const RouteLeg& leg : routes[r].legs) {
        const Link& link = network.links[leg.link];
        const LinkSegment s = link_segment(view, network, link, link.from == leg.from);
        bands.append("<path class=\"route alternative\" data-route=\"").append(std::to_string(r + 1));
        bands.append("\" d=\"").append(s.d).append("\" stroke=\"").append(alternative_colour(r - 1));
        bands.append("\" stroke-width=\"6\" stroke-opacity=\"0.6\" fill=\"none\" stroke-linecap=\"round\" "
                     "stroke-linejoin=\"round\"><title>");
        bands.append(xml_escape("Route " + std::to_string(r + 1) + ": " + network.nodes[leg.from].id + " \xE2\x86\x92 " +
                                network.nodes[leg.to].id + ", " + fixed(leg.total_hours(), 1) + " h"));
        bands.append("</title></path>\n");
      }
    }
    const Route& route = routes.front();
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      const RouteLeg& leg = route.legs[i];
      const Link& link = network.links[leg.link];
      const LinkSegment s = link_segment(view, network, link, link.from == leg.from);
      bands.append("<path class=\"route\" d=\"").append(s.d).append("\" stroke=\"").append(kRouteColour);
      bands.append(
          "\" stroke-width=\"9\" stroke-opacity=\"0.5\" fill=\"none\" stroke-linecap=\"round\" "
          "stroke-linejoin=\"round\"><title>");
      bands.append(xml_escape("Leg " + std::to_string(i + 1) + ": " + network.nodes[leg.from].id + " \xE2\x86\x92 " +
                              network.nodes[leg.to].id + ", " + fixed(leg.total_hours(), 1) + " h"));
      bands.append("</title></path>\n");
    }
  }
  return bands;
}

LinkLayers link_layers_svg(const Network& network, const MapView& view, const MapHighlights& highlights,
                           LabelPlacer& placer, std::vector<MapLabel>& labels) {
  const bool has_route = highlights.route != nullptr, has_flow = highlights.flow != nullptr;
  const RouteView& rv = highlights.route_elements;
  const FlowView& fv = highlights.flow_elements;
  std::string links, marks;
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    const LinkSegment s = link_segment(view, network, link, true);
    const bool closed = link.status == Status::Closed;
    links.append("<path class=\"link mode-").append(to_string(link.mode));
    if (!link.is_open()) links.append(" ").append(to_string(link.status));
    if (has_route && rv.link_rank[l] > 0) links.append(" on-route");
    links.append("\" data-id=\"").append(xml_escape(link.id));  // front ends find elements by id
    links.append("\" d=\"").append(s.d).append("\" stroke=\"").append(closed ? "#9e9e9e" : mode_colour(link.mode));
    links.append("\" stroke-width=\"").append(has_route && rv.link_rank[l] > 0 ? "2.6" : s.arc ? "1.4" : "1.8");
    links.append("\" fill=\"none\"");
    if (s.arc && !(has_route && rv.link_rank[l] > 0)) links.append(" stroke-opacity=\"0.7\"");
    if (link.status == Status::Planned) links.append(" stroke-dasharray=\"6 4\"");
    if (closed) links.append(" stroke-dasharray=\"1.5 3\"");
    links.append("><title>");
    std::string tip = link.id + " (" + std::string(to_string(link.mode)) + ", " +
                      thousands(std::llround(link.distance_km)) + " km, " + fixed(link.hours, 1) + " h";
    tip.append(link.capacity_tpy ? ", " + format_tonnes(*link.capacity_tpy) : std::string());
    if (!link.is_open()) tip.append(", ").append(to_string(link.status));
    tip.append(")");
    links.append(xml_escape(tip)).append("</title></path>\n");
    if (s.arc) {
      // Label the arc where it is on the map, as near its middle as possible.
      for (double step = 0; step <= 0.4; step += 0.025) {
        const auto [ax, ay] = s.at(0.5 + (static_cast<int>(step * 40) % 2 == 0 ? step : -step));
        if (!view.inside(ax, ay, -60)) continue;
        MapLabel label;
        label.lines = {link.id, thousands(std::llround(link.distance_km)) + " km by " +
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
      marks.append("<path class=\"binding\" d=\"M")
          .append(svg_number(s.mx - nx * 9))
          .append(" ")
          .append(svg_number(s.my - ny * 9));
      marks.append("L")
          .append(svg_number(s.mx + nx * 9))
          .append(" ")
          .append(svg_number(s.my + ny * 9))
          .append("\" stroke=\"");
      marks.append(kBindingColour).append("\" stroke-width=\"4.5\" stroke-linecap=\"round\"><title>");
      marks.append(xml_escape("Binding: " + link.id + " " + format_tonnes(link.capacity_tpy.value_or(0))));
      marks.append("</title></path>\n");
      placer.obstacle({s.mx - 6, s.my - 6, s.mx + 6, s.my + 6});
      MapLabel label;
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
  return {std::move(links), std::move(marks)};
}

std::string node_layer_svg(const Network& network, const MapView& view, const MapHighlights& highlights) {
  const bool has_flow = highlights.flow != nullptr;
  const FlowView& fv = highlights.flow_elements;
  std::string out;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    const double x = view.px(node.lon), y = view.py(node.lat);
    if (!view.inside(x, y, 10)) continue;
    if (has_flow && fv.node_binding[n]) {
      out.append("<circle class=\"binding\" cx=\"").append(svg_number(x)).append("\" cy=\"").append(svg_number(y));
      out.append("\" r=\"9\" fill=\"none\" stroke=\"").append(kBindingColour).append("\" stroke-width=\"3\"><title>");
      out.append(xml_escape("Binding: " + node.id + " " + format_tonnes(node.capacity_tpy.value_or(0))));
      out.append("</title></circle>\n");
    }
    node_symbol(out, node, x, y);
  }
  return out;
}

}  // namespace corridor::io::detail
