#include "io/html_report.hpp"

#include <cmath>
#include <variant>

#include "io/html_page.hpp"
#include "io/html_results.hpp"
#include "io/map_svg.hpp"
#include "io/outcome_render.hpp"
#include "io/reliability_report.hpp"
#include "io/report.hpp"
#include "io/result_renderers.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

// The page shell and its style sheet are in html_page.cpp, each query's section in
// html_results.cpp; this file lays out the two pages.

namespace corridor::io {
namespace {

using detail::cell;
using detail::filter_text;
using detail::fixed;
using detail::flow_answer;
using detail::flow_heading;
using detail::footer;
using detail::header_row;
using detail::num_cell;
using detail::page_start;
using detail::query_article_html;
using detail::route_heading;
using detail::target_badge;
using detail::thousands;
using detail::transfers_text;
using detail::xml_escape;

std::string change_text(const Change& change) {
  std::string text(to_string(change.type));
  switch (change.type) {
    case ChangeType::AddNode:
      return text.append(" ").append(change.node.id);
    case ChangeType::AddLink:
      return text.append(" ").append(change.link.link.id.empty() ? change.link.from_id + "-" + change.link.to_id
                                                                 : change.link.link.id);
    case ChangeType::ScaleCapacity:
      text.append(" ");
      if (change.scale_target == ScaleTarget::Mode)
        text.append("all ").append(to_string(change.scale_mode)).append(" links");
      else
        text.append(change.target_id);
      return text.append(" \xC3\x97 ").append(detail::decimal(change.factor, 3));
    case ChangeType::SetLink:
    case ChangeType::SetNode:
    case ChangeType::SetResource: {
      text.append(" ").append(change.target_id).append(" (");
      for (std::size_t i = 0; i < change.fields.size(); ++i) text.append(i ? ", " : "").append(change.fields[i]);
      return text.append(")");
    }
    default:
      return text.append(" ").append(change.target_id);
  }
}

std::string nodes_table(const Network& network) {
  std::string out = "<table class=\"nodes\">\n";
  out.append(header_row({{"id", false},
                         {"name", false},
                         {"country", false},
                         {"kind", false},
                         {"status", false},
                         {"dwell h", true},
                         {"transfer h", true},
                         {"capacity", true}}));
  out.append("<tbody>\n");
  for (const Node& node : network.nodes) {
    out.append("<tr>").append(cell(node.id)).append(cell(node.name)).append(cell(node.country));
    out.append(cell(std::string(to_string(node.kind)))).append(cell(std::string(to_string(node.status))));
    out.append(num_cell(fixed(node.dwell_hours, 1))).append(num_cell(fixed(node.transfer_hours, 1)));
    out.append(num_cell(node.capacity_tpy ? format_tonnes(*node.capacity_tpy) : "")).append("</tr>\n");
  }
  return out.append("</tbody></table>\n");
}

std::string links_table(const Network& network) {
  std::string out = "<table class=\"links\">\n";
  out.append(header_row({{"id", false},
                         {"mode", false},
                         {"corridor", false},
                         {"status", false},
                         {"km", true},
                         {"hours", true},
                         {"departures/wk", true},
                         {"capacity", true}}));
  out.append("<tbody>\n");
  for (const Link& link : network.links) {
    std::string corridors;
    for (const std::string& c : link.corridors) corridors.append(corridors.empty() ? "" : ", ").append(c);
    out.append("<tr>").append(cell(link.id));
    out.append("<td><span class=\"swatch\" style=\"background:")
        .append(detail::mode_colour(link.mode))
        .append("\"></span>");
    out.append(to_string(link.mode))
        .append("</td>")
        .append(cell(corridors))
        .append(cell(std::string(to_string(link.status))));
    out.append(num_cell(thousands(std::llround(link.distance_km)))).append(num_cell(fixed(link.hours, 1)));
    out.append(num_cell(link.departures_per_week ? detail::decimal(*link.departures_per_week, 1) : ""));
    out.append(num_cell(link.capacity_tpy ? format_tonnes(*link.capacity_tpy) : "")).append("</tr>\n");
  }
  return out.append("</tbody></table>\n");
}

/// The Caspian and the Caucasus, where the corridor's ports and borders crowd together.
constexpr GeoBox kDetailBox{39.5, 37.3, 57.5, 46.7};

/// The answer and detail cells of a query's row in "Results at a glance", one overload per
/// result type (chosen by visit_result).
std::string summary_cells(const Network& network, const RouteResult& route) {
  std::string out;
  if (route.found()) {
    const Route& best = route.routes.front();
    out.append(cell(fixed(best.days(), 1) + " days", "answer"));
    std::string detail = route_heading(network, route) + ", " + thousands(std::llround(best.distance_km)) + " km";
    const std::string transfers = transfers_text(network, best);
    if (!transfers.empty()) detail.append(", ").append(transfers);
    const std::string filter = filter_text(network, route.query.corridors, route.query.avoid);
    if (!filter.empty()) detail.append(" (").append(filter).append(")");
    out.append(cell(detail));
  } else {
    out.append("<td class=\"answer\"><span class=\"badge none\">no route</span></td>");
    out.append(cell(route_heading(network, route)));
  }
  return out;
}

std::string summary_cells(const Network& network, const ReliabilityResult& reliability) {
  const RouteResult chosen = *detail::ResultRenderer<ReliabilityResult>::drawing(reliability).route;
  std::string out;
  if (reliability.found()) {
    out.append(cell("P90 " + fixed(reliability.routes.front().p90_hours / 24.0, 1) + " days", "answer"));
    out.append(cell(route_heading(network, chosen) + ": " + reliability_summary(reliability)));
  } else {
    out.append("<td class=\"answer\"><span class=\"badge none\">no route</span></td>");
    out.append(cell(route_heading(network, chosen)));
  }
  return out;
}

std::string summary_cells(const Network& network, const FlowResult& flow) {
  std::string out;
  out.append("<td class=\"answer\">").append(xml_escape(flow_answer(flow)));
  const std::string badge = target_badge(flow);
  if (!badge.empty()) out.append("<br>").append(badge);
  out.append("</td>");
  out.append(cell(flow_heading(network, flow) + ". " + bottleneck_sentence(network, flow)));
  return out;
}

/// A capacity analysis: its type and its summary line.
template <class R>
std::string summary_cells(const Network& network, const R& result) {
  using Renderer = detail::ResultRenderer<R>;
  return cell(std::string(to_string(Renderer::type)), "answer") + cell(Renderer::summary(network, result));
}

/// "Results at a glance": a row per query, its cells by result type.
std::string glance_section(const Network& network, const std::vector<QueryOutcome>& outcomes) {
  std::string out;
  out.append("<section id=\"summary\">\n<h2>Results at a glance</h2>\n<table class=\"summary\">\n");
  out.append(header_row({{"#", true}, {"query", false}, {"answer", false}, {"detail", false}}));
  out.append("<tbody>\n");
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const QueryOutcome& outcome = outcomes[q];
    out.append("<tr>").append(num_cell(std::to_string(q + 1)));
    out.append("<td><a href=\"#q")
        .append(std::to_string(q + 1))
        .append("\">")
        .append(xml_escape(outcome.name))
        .append("</a></td>");
    out.append(detail::visit_result(outcome, [&](const auto& result, auto) { return summary_cells(network, result); }));
    out.append("</tr>\n");
  }
  out.append("</tbody></table>\n</section>\n");
  return out;
}

/// "Capacity and bottlenecks": a row per flow query; empty without one.
std::string capacity_section(const Network& network, const std::vector<QueryOutcome>& outcomes) {
  std::string out;
  bool any_flow = false;
  for (const QueryOutcome& outcome : outcomes)
    any_flow = any_flow || std::holds_alternative<FlowResult>(outcome.result);
  if (any_flow) {
    out.append("<section id=\"capacity\">\n<h2>Capacity and bottlenecks</h2>\n<table class=\"capacity\">\n");
    out.append(header_row(
        {{"#", true}, {"between", false}, {"max flow", true}, {"target", false}, {"binding (minimum cut)", false}}));
    out.append("<tbody>\n");
    for (std::size_t q = 0; q < outcomes.size(); ++q) {
      const auto* flow = std::get_if<FlowResult>(&outcomes[q].result);
      if (!flow) continue;
      out.append("<tr>").append(num_cell(std::to_string(q + 1)));
      std::string between = flow_heading(network, *flow);
      const std::string filter = filter_text(network, flow->query.corridors, flow->query.avoid);
      if (!filter.empty()) between.append(" (").append(filter).append(")");
      out.append(cell(between)).append(num_cell(flow_answer(*flow)));
      const std::string badge = target_badge(*flow);
      out.append("<td>").append(badge.empty() ? "none set" : badge).append("</td>");
      std::string binding;
      if (!flow->unbounded) {
        for (const CutElement& e : flow->min_cut) {
          binding.append(binding.empty() ? "" : "; ");
          if (e.type == CutElement::Type::Link)
            binding.append(network.links[e.index].id)
                .append(" (")
                .append(to_string(network.links[e.index].mode))
                .append(")");
          else
            binding.append(network.nodes[e.index].id).append(" (node)");
          binding.append(" ").append(format_tonnes(e.capacity_tpy));
        }
      }
      out.append(cell(binding.empty() ? "none" : binding)).append("</tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }
  return out;
}

}  // namespace

std::string scenario_report_html(const Scenario& scenario, const Network& network,
                                 const std::vector<QueryOutcome>& outcomes, const Basemap& basemap,
                                 const std::vector<std::string>& warnings) {
  std::string out = page_start("corridor report: " + scenario.name);
  out.append(basemap_defs_svg(basemap));
  out.append("<main>\n<header>\n<p class=\"kicker\">corridor report \xC2\xB7 what-if scenario</p>\n");
  out.append("<h1>").append(xml_escape(scenario.name)).append("</h1>\n");
  if (!scenario.description.empty())
    out.append("<p class=\"description\">").append(xml_escape(scenario.description)).append("</p>\n");
  out.append("<p class=\"meta\">Network: ").append(xml_escape(network.name)).append(" \xC2\xB7 ");
  out.append(std::to_string(network.nodes.size())).append(" nodes, ").append(std::to_string(network.links.size()));
  out.append(" links \xC2\xB7 ").append(std::to_string(scenario.changes.size()));
  out.append(scenario.changes.size() == 1 ? " change" : " changes").append(" applied \xC2\xB7 ");
  out.append(std::to_string(outcomes.size())).append(" queries</p>\n</header>\n");
  if (!warnings.empty()) {
    out.append("<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
    for (const std::string& warning : warnings) out.append("<li>").append(xml_escape(warning)).append("</li>\n");
    out.append("</ul>\n</section>\n");
  }

  // The overview map shows the first route found and the first flow that carries anything.
  const RouteResult* first_route = nullptr;
  const FlowResult* first_flow = nullptr;
  std::size_t first_route_index = 0, first_flow_index = 0;
  std::optional<RouteResult> first_route_drawn;  // the route a route or reliability query draws
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    detail::Drawing drawing = detail::drawing_of(outcomes[q]);
    if (drawing.route) {
      if (!first_route && drawing.route->found()) {
        first_route_drawn = std::move(drawing.route);
        first_route = &*first_route_drawn;
        first_route_index = q;
      }
    } else if (drawing.flow && !first_flow && !drawing.flow->flows.empty()) {
      first_flow = drawing.flow;
      first_flow_index = q;
    }
  }
  // Key figures: the first route and the first flow.
  if (first_route || first_flow) {
    out.append("<div class=\"keys\">\n");
    if (first_route) {
      const Route& best = first_route->routes.front();
      out.append("<div class=\"key route\"><span class=\"key-label\">")
          .append(xml_escape(outcomes[first_route_index].name));
      out.append("</span><span class=\"key-value\">").append(fixed(best.days(), 1)).append(" days</span>");
      out.append("<span class=\"key-note\">").append(thousands(std::llround(best.distance_km))).append(" km, ");
      out.append(xml_escape(route_heading(network, *first_route))).append("</span></div>\n");
    }
    if (first_flow) {
      out.append("<div class=\"key flow\"><span class=\"key-label\">")
          .append(xml_escape(outcomes[first_flow_index].name));
      out.append("</span><span class=\"key-value\">").append(xml_escape(flow_answer(*first_flow))).append("</span>");
      out.append("<span class=\"key-note\">").append(target_badge(*first_flow)).append(" ");
      std::string binding;
      for (const CutElement& e : first_flow->min_cut)
        binding.append(binding.empty() ? "binding: " : ", ")
            .append(e.type == CutElement::Type::Link ? network.links[e.index].id : network.nodes[e.index].id);
      out.append(xml_escape(binding)).append("</span></div>\n");
    }
    out.append("</div>\n");
  }

  // Maps.
  out.append("<section id=\"map\">\n<figure>\n");
  MapOptions overview;
  overview.id = "map-overview";
  overview.title = "Map of the network";
  overview.box = network_box(network);
  overview.route = first_route;
  overview.flow = first_flow;
  std::string caption = "The whole network.";
  if (first_route) {
    overview.title.append(" with the route ").append(route_heading(network, *first_route));
    caption.append(" Highlighted route (query ").append(std::to_string(first_route_index + 1)).append("): ");
    caption.append(route_heading(network, *first_route)).append(", ");
    caption.append(fixed(first_route->routes.front().days(), 1)).append(" days.");
  }
  if (first_flow) {
    caption.append(" Flow widths and binding capacities (query ").append(std::to_string(first_flow_index + 1));
    caption.append("): ")
        .append(flow_heading(network, *first_flow))
        .append(", ")
        .append(flow_answer(*first_flow))
        .append(".");
  }
  out.append(map_svg(network, basemap, overview));
  out.append("<figcaption>").append(xml_escape(caption)).append("</figcaption>\n</figure>\n</section>\n");

  if (box_has_nodes(network, kDetailBox, 4)) {
    out.append("<section id=\"detail\">\n<h2>The Caspian and the Caucasus</h2>\n");
    MapOptions detail = overview;
    detail.id = "map-detail";
    detail.title = "The Caspian and the Caucasus in detail";
    detail.box = kDetailBox;
    out.append("<figure>\n").append(map_svg(network, basemap, detail));
    out.append(
        "<figcaption>The Caspian and the Caucasus in detail: ferry ports, border crossings and breaks of "
        "gauge, with the same highlights.</figcaption>\n</figure>\n");
    out.append("</section>\n");
  }

  out.append(glance_section(network, outcomes));
  out.append(capacity_section(network, outcomes));

  if (!scenario.changes.empty()) {
    out.append("<section id=\"changes\">\n<h2>Changes applied to the network</h2>\n<table class=\"changes\">\n");
    out.append(header_row({{"#", true}, {"change", false}, {"note", false}}));
    out.append("<tbody>\n");
    for (std::size_t i = 0; i < scenario.changes.size(); ++i) {
      out.append("<tr>").append(num_cell(std::to_string(i + 1))).append(cell(change_text(scenario.changes[i])));
      out.append(cell(scenario.changes[i].note)).append("</tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  // One section per query.
  out.append("<section id=\"queries\">\n<h2>Queries in detail</h2>\n");
  for (std::size_t q = 0; q < outcomes.size(); ++q) out.append(query_article_html(network, basemap, outcomes[q], q));
  out.append("</section>\n");

  std::string sources;
  if (!scenario.sources.empty()) {
    sources.append("<p>Scenario sources: ");
    for (std::size_t i = 0; i < scenario.sources.size(); ++i)
      sources.append(i ? ", " : "").append(xml_escape(scenario.sources[i]));
    sources.append(" (keys resolved in docs/data-sources.md of the corridor project).</p>\n");
  }
  out.append(footer(basemap, sources));
  out.append("</main>\n</body>\n</html>\n");
  return out;
}

std::string network_map_html(const Network& network, const Basemap& basemap) {
  std::string out = page_start("corridor map: " + network.name);
  out.append(basemap_defs_svg(basemap));
  out.append("<main>\n<header>\n<p class=\"kicker\">corridor map \xC2\xB7 network</p>\n");
  out.append("<h1>").append(xml_escape(network.name)).append("</h1>\n");
  if (!network.description.empty())
    out.append("<p class=\"description\">").append(xml_escape(network.description)).append("</p>\n");
  out.append("<p class=\"meta\">").append(std::to_string(network.nodes.size())).append(" nodes, ");
  out.append(std::to_string(network.links.size())).append(" links</p>\n</header>\n");
  out.append("<section id=\"maps\">\n<h2>Map</h2>\n<figure>\n");
  MapOptions overview;
  overview.id = "map-overview";
  overview.title = "Map of the network " + network.name;
  overview.box = network_box(network);
  out.append(map_svg(network, basemap, overview));
  out.append(
      "<figcaption>Links coloured by mode; planned ones dashed. Hover over a node or link for its "
      "figures.</figcaption>\n</figure>\n");
  if (box_has_nodes(network, kDetailBox, 4)) {
    MapOptions detail = overview;
    detail.id = "map-detail";
    detail.title = "The Caspian and the Caucasus in detail";
    detail.box = kDetailBox;
    out.append("<figure>\n").append(map_svg(network, basemap, detail));
    out.append("<figcaption>The Caspian and the Caucasus in detail.</figcaption>\n</figure>\n");
  }
  out.append("</section>\n<section id=\"nodes\">\n<h2>Nodes</h2>\n")
      .append(nodes_table(network))
      .append("</section>\n");
  out.append("<section id=\"links\">\n<h2>Links</h2>\n").append(links_table(network)).append("</section>\n");
  out.append(footer(basemap, ""));
  out.append("</main>\n</body>\n</html>\n");
  return out;
}

}  // namespace corridor::io
