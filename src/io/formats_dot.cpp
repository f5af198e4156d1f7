// The Graphviz DOT renderers of formats.hpp: the network pinned at its coordinates, the route or
// the flow and its binding links highlighted; a scenario as one panel per query.

#include "io/formats.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "io/report.hpp"
#include "io/result_renderers.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::decimal;
using detail::dot_string;

/// Inches per degree of latitude; longitudes are scaled by cos(42 deg) like the maps.
constexpr double kDotScale = 0.16;
constexpr double kStandardParallel = 42.0;
constexpr double kPi = 3.14159265358979323846;

double dot_x(double lon) {
  return lon * std::cos(kStandardParallel * kPi / 180.0) * kDotScale;
}
double dot_y(double lat) {
  return lat * kDotScale;
}

struct Extent {
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

Extent dot_extent(const Network& network) {
  Extent e{1e9, -1e9, 1e9, -1e9};
  for (const Node& node : network.nodes) {
    e.min_x = std::min(e.min_x, dot_x(node.lon));
    e.max_x = std::max(e.max_x, dot_x(node.lon));
    e.min_y = std::min(e.min_y, dot_y(node.lat));
    e.max_y = std::max(e.max_y, dot_y(node.lat));
  }
  if (network.nodes.empty()) e = {0, 0, 0, 0};
  return e;
}

std::string route_title(const Network& network, const RouteResult& result) {
  std::string title = network.nodes[result.query.from].id;
  title.append(" -> ").append(network.nodes[result.query.to].id);
  if (!result.found()) return title.append(": no route");
  const Route& route = result.routes.front();
  return title.append(": ")
      .append(detail::fixed(route.days(), 1))
      .append(" days, ")
      .append(detail::thousands(std::llround(route.distance_km)))
      .append(" km");
}

std::string flow_title(const Network& network, const FlowResult& result) {
  std::string title;
  for (NodeIndex n : result.query.sources) title.append(title.empty() ? "" : ",").append(network.nodes[n].id);
  title.append(" -> ");
  bool first = true;
  for (NodeIndex n : result.query.sinks) {
    title.append(first ? "" : ",").append(network.nodes[n].id);
    first = false;
  }
  title.append(": max flow ").append(result.unbounded ? std::string("unlimited") : format_tonnes(result.max_flow_tpy));
  return title;
}

/// One copy of the network, its node names prefixed (for panels) and shifted by (dx, dy) inches.
void dot_panel(std::string& out, const Network& network, const std::string& prefix, double dx, double dy,
               const RouteResult* route, const FlowResult* flow) {
  const detail::RouteView rv = route ? detail::route_view(network, *route) : detail::RouteView{};
  const detail::FlowView fv = flow ? detail::flow_view(network, *flow) : detail::FlowView{};
  auto name = [&](NodeIndex n) { return dot_string(prefix + network.nodes[n].id); };
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    out.append("  ").append(name(n)).append(" [pos=\"");
    out.append(decimal(dot_x(node.lon) + dx, 3)).append(",").append(decimal(dot_y(node.lat) + dy, 3)).append("!\"");
    std::string label = node.id;
    const bool on_route = route && rv.node_rank[n] > 0;
    const bool terminal = flow && (fv.node_source[n] || fv.node_sink[n]);
    const bool endpoint = on_route && (rv.node_rank[n] == 1 || n == route->query.to);
    if (endpoint || terminal) {
      // Ends of the route or the flow: a labelled box that is always drawn.
      if (endpoint) label.append("\nday ").append(detail::fixed(rv.node_arrival_hours[n] / 24.0, 1));
      out.append(", shape=box, style=\"filled,rounded\", fixedsize=false, width=0, height=0, margin=\"0.05,0.02\", ");
      out.append("fontsize=10, fontcolor=white, label=").append(dot_string(label));
      out.append(", color=\"").append(endpoint ? detail::kRouteColour : "#b37400").append("\", fillcolor=\"");
      out.append(endpoint ? detail::kRouteColour : "#b37400").append("\"");
    } else {
      out.append(", xlabel=").append(dot_string(label));
      if (on_route)
        out.append(", fillcolor=\"")
            .append(detail::kRouteColour)
            .append("\", color=\"")
            .append(detail::kRouteColour)
            .append("\"");
    }
    out.append(", tooltip=").append(dot_string(node.name + " (" + std::string(to_string(node.kind)) + ")"));
    if (flow && fv.node_binding[n])
      out.append(", color=\"").append(detail::kBindingColour).append("\", penwidth=3, width=0.14, height=0.14");
    if (node.status != Status::Open) out.append(", style=\"dashed\", fillcolor=\"none\"");
    out.append("];\n");
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    out.append("  ").append(name(link.from)).append(" -- ").append(name(link.to)).append(" [");
    std::string colour = detail::mode_colour(link.mode);
    double width = 1.2;
    std::string style = link.status == Status::Open ? "solid" : link.status == Status::Planned ? "dashed" : "dotted";
    std::string extra;
    if (link.status == Status::Closed) colour = "#aaaaaa";
    if (flow && fv.link_flow[l] > 0) {
      colour = fv.link_binding[l] ? detail::kBindingColour : detail::kFlowColour;
      width = 1.5 + 6.0 * static_cast<double>(fv.link_flow[l]) /
                        static_cast<double>(std::max<TonnesPerYear>(fv.max_link_flow, 1));
      extra.append(", arrowsize=0.6, dir=").append(fv.link_direction[l] > 0 ? "forward" : "back");
      extra.append(", label=")
          .append(dot_string(format_tonnes(fv.link_flow[l]) + (fv.link_binding[l] ? " (binding)" : "")));
    } else if (flow && fv.link_binding[l]) {
      colour = detail::kBindingColour;
      extra.append(", label=\"binding\"");
    }
    if (route && rv.link_rank[l] > 0) {
      colour = detail::kRouteColour;
      width = 4.0;
      extra.append(", arrowsize=0.7, dir=").append(rv.link_forward[l] ? "forward" : "back");
    }
    out.append("color=\"").append(colour).append("\", penwidth=").append(decimal(width, 2));
    out.append(", style=").append(style).append(extra);
    out.append(", tooltip=")
        .append(dot_string(link.id + " (" + std::string(to_string(link.mode)) + ", " +
                           detail::thousands(std::llround(link.distance_km)) + " km)"));
    out.append("];\n");
  }
}

std::string dot_header(const std::string& title) {
  std::string out = "graph \"corridor\" {\n";
  out.append(
         "  graph [layout=neato, splines=false, overlap=true, outputorder=edgesfirst, forcelabels=false, pad=0.3, "
         "fontname=\"Helvetica,Arial,sans-serif\", fontsize=16, labelloc=t, labeljust=l, label=")
      .append(dot_string(title))
      .append("];\n");
  out.append(
      "  node [shape=circle, fixedsize=true, width=0.08, height=0.08, style=filled, fillcolor=white, "
      "color=\"#333333\", label=\"\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=9];\n");
  out.append("  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=8, fontcolor=\"#333333\"];\n");
  return out;
}

}  // namespace

std::string route_dot(const Network& network, const RouteResult& result) {
  std::string out = dot_header((std::string(best_route_word(result.query.by)) + " route ") +
                               route_title(network, result));
  dot_panel(out, network, "", 0, 0, &result, nullptr);
  out.append("}\n");
  return out;
}

std::string flow_dot(const Network& network, const FlowResult& result) {
  std::string out = dot_header(flow_title(network, result) + "\n" + bottleneck_sentence(network, result));
  dot_panel(out, network, "", 0, 0, nullptr, &result);
  out.append("}\n");
  return out;
}

std::string scenario_dot(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes) {
  std::string out = dot_header("Scenario: " + scenario.name);
  const Extent e = dot_extent(network);
  const double width = e.max_x - e.min_x + 1.5, height = e.max_y - e.min_y + 1.6;
  constexpr std::size_t kColumns = 2;
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const double dx = static_cast<double>(q % kColumns) * width - e.min_x;
    const double dy = -static_cast<double>(q / kColumns) * height - e.min_y;
    const std::string prefix = "q" + std::to_string(q + 1) + "/";
    const detail::Drawing drawing = detail::drawing_of(outcomes[q]);
    const RouteResult* route = drawing.route ? &*drawing.route : nullptr;
    const FlowResult* flow = drawing.flow;
    if (!route && !flow) continue;  // capacity analyses have no map panel
    std::string title = std::to_string(q + 1) + ". " + outcomes[q].name + "\n" +
                        (route ? route_title(network, *route) : flow_title(network, *flow));
    out.append("  ").append(dot_string(prefix + "title")).append(" [shape=plaintext, fixedsize=false, style=\"\", ");
    out.append("fontsize=14, labeljust=l, label=").append(dot_string(title)).append(", pos=\"");
    out.append(decimal(dx + e.min_x + (e.max_x - e.min_x) / 2, 3)).append(",");
    out.append(decimal(dy + e.max_y + 0.6, 3)).append("!\"];\n");
    dot_panel(out, network, prefix, dx, dy, route, flow);
  }
  out.append("}\n");
  return out;
}

}  // namespace corridor::io
