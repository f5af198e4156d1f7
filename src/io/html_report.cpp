#include "io/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "io/capacity_report.hpp"
#include "io/curve_report.hpp"
#include "io/map_svg.hpp"
#include "io/reliability_report.hpp"
#include "io/report.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::fixed;
using detail::thousands;
using detail::xml_escape;

constexpr const char* kStyle = R"css(
:root { --ink: #1d2730; --muted: #5a6772; --rule: #d8dfe4; --route: #e6007e; --flow: #f5a300; --bind: #c40000; }
* { box-sizing: border-box; }
html { background: #eef2f4; }
body { margin: 0; color: var(--ink); font: 15px/1.45 "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 22px 32px 40px; background: #fff; }
header .kicker { margin: 0; text-transform: uppercase; letter-spacing: .09em; font-size: 12px; color: var(--muted); }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 17px; margin: 26px 0 6px; }
p { margin: 6px 0; }
.description { max-width: 70em; }
.meta, figcaption, .note, footer { color: var(--muted); font-size: 13px; }
figure { margin: 10px 0 18px; }
figcaption { margin-top: 4px; }
svg.map { display: block; width: 100%; height: auto; }
svg.map text { fill: var(--ink); }
svg.map .label { paint-order: stroke; stroke: #fff; stroke-width: 3.2px; stroke-linejoin: round; }
svg.map .route-label { fill: #a3005a; }
svg.map .binding-label { fill: var(--bind); }
svg.map .arc-label { fill: #00616b; font-style: italic; }
svg.map .sea-label { fill: #4d7ca3; font-style: italic; letter-spacing: .06em; }
svg.map .country-label { fill: #968d77; letter-spacing: .14em; }
svg.map .attribution { fill: #66717a; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #eef2f5; font-weight: 600; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.answer { font-weight: 700; white-space: nowrap; }
table.summary td:nth-child(2) { width: 32%; }
table.summary td:nth-child(3) { width: 1%; }
tr.binding td { color: var(--bind); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; white-space: nowrap; }
.badge.met { background: #dcf2e2; color: #16643a; }
.badge.short { background: #fde0e0; color: #a01818; }
.badge.none { background: #eceff1; color: #49545c; }
.bar { display: inline-block; height: 9px; margin-right: 6px; vertical-align: middle; background: var(--flow); }
.swatch { display: inline-block; width: 22px; height: 6px; margin-right: 6px; vertical-align: middle; border-radius: 3px; }
.answer-line { font-size: 16px; }
.answer-line strong { font-size: 18px; }
article.query { margin-top: 10px; }
.keys { display: flex; gap: 14px; margin: 14px 0 6px; flex-wrap: wrap; }
.key { flex: 1 1 300px; padding: 8px 14px; border-left: 6px solid var(--route); background: #fbf3f7; }
.key.flow { border-left-color: var(--flow); background: #fdf6e8; }
.key > span { display: block; }
.key-label { font-size: 13px; color: var(--muted); }
.key-value { font-size: 26px; font-weight: 700; line-height: 1.25; }
.key-note { font-size: 13px; }
@media print {
  @page { size: A4 landscape; margin: 11mm; }
  html, main { background: #fff; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  article.query { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

std::string page_start(const std::string& title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  out.append("<title>").append(xml_escape(title)).append("</title>\n<style>").append(kStyle).append("</style>\n");
  out.append("</head>\n<body>\n");
  return out;
}

std::string cell(const std::string& text, const char* css = nullptr) {
  std::string out = css ? std::string("<td class=\"") + css + "\">" : std::string("<td>");
  return out.append(xml_escape(text)).append("</td>");
}

std::string num_cell(const std::string& text) {
  return cell(text, "num");
}

std::string header_row(std::initializer_list<std::pair<const char*, bool>> columns) {
  std::string out = "<thead><tr>";
  for (const auto& [name, numeric] : columns)
    out.append(numeric ? "<th class=\"num\">" : "<th>").append(xml_escape(name)).append("</th>");
  return out.append("</tr></thead>\n");
}

std::string ids(const Network& network, const std::vector<NodeIndex>& nodes) {
  std::string out;
  for (NodeIndex n : nodes) out.append(out.empty() ? "" : ", ").append(network.nodes[n].id);
  return out;
}

std::string arrow() {
  return " \xE2\x86\x92 ";
}

std::string filter_text(const Network& network, const std::vector<std::string>& corridors, const Avoidance& avoid) {
  std::string out;
  if (!corridors.empty()) {
    out.append("corridor ");
    for (std::size_t i = 0; i < corridors.size(); ++i) out.append(i ? ", " : "").append(corridors[i]);
  }
  if (!avoid.empty()) {
    out.append(out.empty() ? "" : "; ").append("avoiding ");
    bool first = true;
    for (NodeIndex n : avoid.nodes) {
      out.append(first ? "" : ", ").append(network.nodes[n].id);
      first = false;
    }
    for (LinkIndex l : avoid.links) {
      out.append(first ? "" : ", ").append(network.links[l].id);
      first = false;
    }
  }
  return out;
}

std::string route_heading(const Network& network, const RouteResult& result) {
  return network.nodes[result.query.from].id + arrow() + network.nodes[result.query.to].id;
}

std::string flow_heading(const Network& network, const FlowResult& result) {
  return ids(network, result.query.sources) + arrow() + ids(network, result.query.sinks);
}

/// Nodes where a route changes mode, e.g. "rail to ferry at AKTAU".
std::string transfers_text(const Network& network, const Route& route) {
  std::string out;
  for (std::size_t i = 1; i < route.legs.size(); ++i) {
    if (route.legs[i].mode == route.legs[i - 1].mode) continue;
    out.append(out.empty() ? "" : ", ").append(to_string(route.legs[i - 1].mode)).append(" to ");
    out.append(to_string(route.legs[i].mode)).append(" at ").append(network.nodes[route.legs[i].from].id);
  }
  return out;
}

std::string target_badge(const FlowResult& result) {
  const auto meets = result.meets_target();
  if (!meets) return "";
  if (*meets)
    return "<span class=\"badge met\">target " + xml_escape(format_tonnes(*result.query.target_tpy)) + " met</span>";
  return "<span class=\"badge short\">short of " + xml_escape(format_tonnes(*result.query.target_tpy)) + " by " +
         xml_escape(format_tonnes(*result.query.target_tpy - result.max_flow_tpy)) + "</span>";
}

std::string flow_answer(const FlowResult& result) {
  return result.unbounded ? std::string("unlimited") : format_tonnes(result.max_flow_tpy);
}

std::string route_legs_table(const Network& network, const Route& route) {
  std::string out = "<table class=\"legs\">\n";
  out.append(header_row({{"#", true},
                         {"from", false},
                         {"to", false},
                         {"mode", false},
                         {"km", true},
                         {"dwell h", true},
                         {"transfer h", true},
                         {"wait h", true},
                         {"travel h", true},
                         {"leg h", true},
                         {"cum. days", true},
                         {"USD/t", true},
                         {"kg CO2e/t", true}}));
  out.append("<tbody>\n");
  double cumulative = 0;
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    cumulative += leg.total_hours();
    out.append("<tr>").append(num_cell(std::to_string(i + 1)));
    out.append("<td title=\"").append(xml_escape(network.nodes[leg.from].name)).append("\">");
    out.append(xml_escape(network.nodes[leg.from].id)).append("</td>");
    out.append("<td title=\"").append(xml_escape(network.nodes[leg.to].name)).append("\">");
    out.append(xml_escape(network.nodes[leg.to].id)).append("</td>");
    out.append("<td><span class=\"swatch\" style=\"background:")
        .append(detail::mode_colour(leg.mode))
        .append("\"></span>");
    out.append(to_string(leg.mode)).append("</td>");
    out.append(num_cell(thousands(std::llround(leg.distance_km)))).append(num_cell(fixed(leg.dwell_hours, 1)));
    out.append(num_cell(fixed(leg.transfer_hours, 1))).append(num_cell(fixed(leg.wait_hours, 1)));
    out.append(num_cell(fixed(leg.hours, 1))).append(num_cell(fixed(leg.total_hours(), 1)));
    out.append(num_cell(fixed(cumulative / 24.0, 2)));
    out.append(num_cell(fixed(leg.total_cost_usd_per_t(), 2) + (leg.cost_known ? "" : "*")));
    out.append(num_cell(fixed(leg.co2_kg_per_t, 1))).append("</tr>\n");
  }
  out.append("<tr><td></td><td colspan=\"3\"><strong>total</strong></td>");
  out.append(num_cell(thousands(std::llround(route.distance_km))));
  double dwell = 0, transfer = 0, wait = 0, travel = 0;
  for (const RouteLeg& leg : route.legs) {
    dwell += leg.dwell_hours;
    transfer += leg.transfer_hours;
    wait += leg.wait_hours;
    travel += leg.hours;
  }
  out.append(num_cell(fixed(dwell, 1))).append(num_cell(fixed(transfer, 1))).append(num_cell(fixed(wait, 1)));
  out.append(num_cell(fixed(travel, 1)))
      .append(num_cell(fixed(route.hours, 1)))
      .append(num_cell(fixed(route.days(), 2)))
      .append(num_cell(fixed(route.cost_usd_per_t, 2)))
      .append(num_cell(fixed(route.co2_kg_per_t, 1)));
  out.append("</tr>\n</tbody></table>\n");
  if (route.legs_without_cost > 0)
    out.append("<p class=\"note\">* no cost figure for this link: counted as 0 USD/t (")
        .append(std::to_string(route.legs_without_cost))
        .append(route.legs_without_cost == 1 ? " leg)</p>\n" : " legs)</p>\n");
  return out;
}

/// Percentiles and the terms that make a reliability result's time spread.
std::string reliability_tables(const Network& network, const ReliabilityResult& result) {
  const RouteReliability& r = result.routes.front();
  std::string out = "<table class=\"reliability\">\n";
  out.append(header_row({{"expected days", true}, {"mean", true}, {"P50", true}, {"P80", true}, {"P90", true},
                         {"P95", true}, {"on time", true}}));
  out.append("<tbody>\n<tr>");
  for (double hours : {r.route.hours, r.mean_hours, r.p50_hours, r.p80_hours, r.p90_hours, r.p95_hours})
    out.append(num_cell(fixed(hours / 24.0, 1)));
  out.append(num_cell(r.on_time_probability ? fixed(100.0 * *r.on_time_probability, 1) + " % within " +
                                                  detail::decimal(*result.query.deadline_hours / 24.0, 2) + " days"
                                            : std::string("no deadline")));
  out.append("</tr>\n</tbody></table>\n");
  if (r.spread.empty()) return out;
  out.append("<table class=\"spread\">\n");
  out.append(header_row({{"leg", true}, {"element", false}, {"what", false}, {"model", false}, {"mean h", true},
                         {"sd h", true}, {"share of variance", true}}));
  out.append("<tbody>\n");
  for (const SpreadContribution& term : r.spread) {
    const bool at_node = term.source == SpreadSource::Dwell || term.source == SpreadSource::Transfer;
    out.append("<tr>").append(num_cell(std::to_string(term.leg + 1)));
    out.append(cell(at_node ? network.nodes[term.element].id : network.links[term.element].id));
    out.append(cell(std::string(to_string(term.source)))).append(cell(term.model));
    out.append(num_cell(fixed(term.mean_hours, 1))).append(num_cell(fixed(term.sd_hours, 1)));
    out.append(num_cell(fixed(100.0 * term.share, 1) + " %")).append("</tr>\n");
  }
  out.append("</tbody></table>\n");
  return out;
}

std::string utilisation_cell(TonnesPerYear flow, const std::optional<TonnesPerYear>& capacity) {
  if (!capacity) return "<td class=\"num\">no figure</td>";
  if (*capacity <= 0) return "<td class=\"num\">closed</td>";
  const double share = static_cast<double>(flow) / static_cast<double>(*capacity);
  const double pct = std::min(100.0, std::max(0.0, share * 100.0));
  return "<td class=\"num\"><span class=\"bar\" style=\"width:" + fixed(pct * 0.6, 0) + "px\"></span>" +
         fixed(share * 100.0, 0) + " %</td>";
}

std::string flow_tables(const Network& network, const FlowResult& result) {
  std::string out;
  const detail::FlowView view = detail::flow_view(network, result);
  if (!result.unbounded && !result.min_cut.empty()) {
    out.append("<p class=\"note\">Minimum cut: the capacities that bind. They add up to the max flow.</p>\n");
    out.append("<table class=\"cut\">\n");
    out.append(
        header_row({{"type", false}, {"id", false}, {"source side", false}, {"sink side", false}, {"capacity", true}}));
    out.append("<tbody>\n");
    for (const CutElement& e : result.min_cut) {
      out.append("<tr class=\"binding\">");
      if (e.type == CutElement::Type::Link) {
        const Link& link = network.links[e.index];
        out.append(cell(std::string(to_string(link.mode)) + " link")).append(cell(link.id));
        out.append(cell(network.nodes[e.from].id)).append(cell(network.nodes[e.to].id));
      } else {
        const Node& node = network.nodes[e.index];
        out.append(cell(std::string(to_string(node.kind))))
            .append(cell(node.id))
            .append(cell("(node)"))
            .append(cell(""));
      }
      out.append(num_cell(format_tonnes(e.capacity_tpy))).append("</tr>\n");
    }
    out.append("</tbody></table>\n");
  }
  if (!result.flows.empty()) {
    out.append("<table class=\"flows\">\n");
    out.append(header_row({{"link", false},
                           {"from", false},
                           {"to", false},
                           {"mode", false},
                           {"flow", true},
                           {"capacity", true},
                           {"utilisation", true}}));
    out.append("<tbody>\n");
    for (const LinkFlow& f : result.flows) {
      const Link& link = network.links[f.link];
      out.append(view.link_binding[f.link] ? "<tr class=\"binding\">" : "<tr>");
      out.append(cell(link.id)).append(cell(network.nodes[f.from].id)).append(cell(network.nodes[f.to].id));
      out.append(cell(std::string(to_string(link.mode)))).append(num_cell(format_tonnes(f.flow_tpy)));
      out.append(num_cell(f.capacity_tpy ? format_tonnes(*f.capacity_tpy) : "unlimited"));
      out.append(utilisation_cell(f.flow_tpy, f.capacity_tpy)).append("</tr>\n");
    }
    out.append("</tbody></table>\n");
  }
  bool any_node_capacity = false;
  for (const NodeLoad& load : result.node_loads) any_node_capacity = any_node_capacity || load.capacity_tpy.has_value();
  if (any_node_capacity) {
    out.append("<table class=\"node-loads\">\n");
    out.append(header_row({{"node (with a capacity)", false},
                           {"kind", false},
                           {"throughput", true},
                           {"capacity", true},
                           {"utilisation", true}}));
    out.append("<tbody>\n");
    for (const NodeLoad& load : result.node_loads) {
      if (!load.capacity_tpy) continue;
      const Node& node = network.nodes[load.node];
      out.append(view.node_binding[load.node] ? "<tr class=\"binding\">" : "<tr>");
      out.append(cell(node.id)).append(cell(std::string(to_string(node.kind))));
      out.append(num_cell(format_tonnes(load.throughput_tpy))).append(num_cell(format_tonnes(*load.capacity_tpy)));
      out.append(utilisation_cell(load.throughput_tpy, load.capacity_tpy)).append("</tr>\n");
    }
    out.append("</tbody></table>\n");
  }
  return out;
}

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

std::string footer(const Basemap& basemap, const std::string& extra) {
  std::string out = "<footer>\n<h2>About this page</h2>\n";
  out.append(extra);
  out.append("<p>Country outlines: ").append(xml_escape(basemap.source)).append(". ");
  out.append(xml_escape(basemap.license)).append(". Borders are shown for orientation only.</p>\n");
  out.append(
      "<p>Generated by corridor. The page is self-contained: it loads nothing from the network and "
      "prints to PDF (landscape).</p>\n</footer>\n");
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
  std::optional<RouteResult> first_reliability_route;  // a reliability query's route, if it comes first
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    if (const auto* route = std::get_if<RouteResult>(&outcomes[q].result)) {
      if (!first_route && route->found()) {
        first_route = route;
        first_route_index = q;
      }
    } else if (std::holds_alternative<ReliabilityResult>(outcomes[q].result)) {
      if (!first_route && std::get<ReliabilityResult>(outcomes[q].result).found()) {
        first_reliability_route = route_of(outcomes[q]);
        first_route = &*first_reliability_route;
        first_route_index = q;
      }
    } else if (const auto* flow = std::get_if<FlowResult>(&outcomes[q].result);
               flow && !first_flow && !flow->flows.empty()) {
      first_flow = flow;
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

  // Results at a glance.
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
    if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
      if (route->found()) {
        const Route& best = route->routes.front();
        out.append(cell(fixed(best.days(), 1) + " days", "answer"));
        std::string detail = route_heading(network, *route) + ", " + thousands(std::llround(best.distance_km)) + " km";
        const std::string transfers = transfers_text(network, best);
        if (!transfers.empty()) detail.append(", ").append(transfers);
        const std::string filter = filter_text(network, route->query.corridors, route->query.avoid);
        if (!filter.empty()) detail.append(" (").append(filter).append(")");
        out.append(cell(detail));
      } else {
        out.append("<td class=\"answer\"><span class=\"badge none\">no route</span></td>");
        out.append(cell(route_heading(network, *route)));
      }
    } else if (const auto* reliability = std::get_if<ReliabilityResult>(&outcome.result)) {
      const RouteResult chosen = *route_of(outcome);
      if (reliability->found()) {
        out.append(cell("P90 " + fixed(reliability->routes.front().p90_hours / 24.0, 1) + " days", "answer"));
        out.append(cell(route_heading(network, chosen) + ": " + reliability_summary(*reliability)));
      } else {
        out.append("<td class=\"answer\"><span class=\"badge none\">no route</span></td>");
        out.append(cell(route_heading(network, chosen)));
      }
    } else if (!std::holds_alternative<FlowResult>(outcome.result)) {
      out.append(cell(capacity_outcome_type(outcome), "answer"));
      out.append(cell(capacity_outcome_summary(network, outcome)));
    } else {
      const auto& flow = std::get<FlowResult>(outcome.result);
      out.append("<td class=\"answer\">").append(xml_escape(flow_answer(flow)));
      const std::string badge = target_badge(flow);
      if (!badge.empty()) out.append("<br>").append(badge);
      out.append("</td>");
      out.append(cell(flow_heading(network, flow) + ". " + bottleneck_sentence(network, flow)));
    }
    out.append("</tr>\n");
  }
  out.append("</tbody></table>\n</section>\n");

  // Capacity and bottlenecks.
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
  for (std::size_t q = 0; q < outcomes.size(); ++q) {
    const QueryOutcome& outcome = outcomes[q];
    const std::string key = "q" + std::to_string(q + 1);
    out.append("<article class=\"query\" id=\"").append(key).append("\">\n<h3>").append(std::to_string(q + 1));
    out.append(". ").append(xml_escape(outcome.name)).append("</h3>\n");
    MapOptions options;
    options.id = "map-" + key;
    options.width = 1100;
    if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
      const std::string filter = filter_text(network, route->query.corridors, route->query.avoid);
      out.append("<p class=\"answer-line\">");
      if (route->found()) {
        const Route& best = route->routes.front();
        out.append(best_route_word(route->query.by)).append(" route ");
        out.append(xml_escape(route_heading(network, *route))).append(": <strong>").append(fixed(best.days(), 1));
        out.append(" days</strong> (").append(fixed(best.hours, 1)).append(" h), ");
        out.append(thousands(std::llround(best.distance_km))).append(" km, ").append(std::to_string(best.transfers));
        out.append(best.transfers == 1 ? " transfer" : " transfers");
        out.append(", ").append(fixed(best.cost_usd_per_t, 2)).append(" USD/t, ");
        out.append(fixed(best.co2_kg_per_t, 1)).append(" kg CO2e/t");
      } else {
        out.append("No route ").append(xml_escape(route_heading(network, *route))).append(" over open links");
      }
      if (!filter.empty()) out.append(" (").append(xml_escape(filter)).append(")");
      out.append(".</p>\n");
      options.title = outcome.name;
      options.box = route_box(network, *route);
      options.route = route;
      out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
      if (route->found()) out.append(route_legs_table(network, route->routes.front()));
    } else if (const auto* reliability = std::get_if<ReliabilityResult>(&outcome.result)) {
      const RouteResult chosen = *route_of(outcome);
      out.append("<p class=\"answer-line\">");
      if (reliability->found()) {
        const RouteReliability& r = reliability->routes.front();
        out.append("Delivery time ").append(xml_escape(route_heading(network, chosen))).append(", ");
        out.append(thousands(r.samples)).append(" sampled journeys: <strong>P90 ").append(fixed(r.p90_hours / 24.0, 1));
        out.append(" days</strong> (").append(xml_escape(reliability_summary(*reliability))).append(").");
      } else {
        out.append("No route ").append(xml_escape(route_heading(network, chosen))).append(" over open links.");
      }
      out.append("</p>\n");
      options.title = outcome.name;
      options.box = route_box(network, chosen);
      options.route = &chosen;
      out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
      if (reliability->found()) {
        out.append(reliability_tables(network, *reliability));
        out.append(route_legs_table(network, chosen.routes.front()));
      }
    } else if (!std::holds_alternative<FlowResult>(outcome.result)) {
      out.append("<p class=\"answer-line\">").append(xml_escape(capacity_outcome_summary(network, outcome)));
      out.append("</p>\n");
      if (const auto* curve = std::get_if<CurveResult>(&outcome.result))
        out.append("<figure class=\"curve\">").append(curve_svg(*curve, SvgPlacement::InHtml)).append(
            "<figcaption>Transit days against annual volume (equilibrium with load-dependent delays)</figcaption></figure>\n");
      out.append("<pre>").append(xml_escape(capacity_outcome_table(network, outcome))).append("</pre>\n");
    } else {
      const auto& flow = std::get<FlowResult>(outcome.result);
      const std::string filter = filter_text(network, flow.query.corridors, flow.query.avoid);
      out.append("<p class=\"answer-line\">Max flow ").append(xml_escape(flow_heading(network, flow)));
      if (!filter.empty()) out.append(" (").append(xml_escape(filter)).append(")");
      out.append(": <strong>").append(xml_escape(flow_answer(flow))).append("</strong> ").append(target_badge(flow));
      out.append("</p>\n<p>").append(xml_escape(bottleneck_sentence(network, flow))).append("</p>\n");
      options.title = outcome.name;
      options.box = flow_box(network, flow);
      options.flow = &flow;
      out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
      out.append(flow_tables(network, flow));
    }
    out.append("</article>\n");
  }
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
