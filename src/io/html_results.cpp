#include "io/html_results.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "io/curve_report.hpp"
#include "io/html_page.hpp"
#include "io/map_svg.hpp"
#include "io/reliability_report.hpp"
#include "io/report.hpp"
#include "io/result_renderers.hpp"
#include "io/result_view.hpp"
#include "io/text_util.hpp"

namespace corridor::io::detail {
namespace {

std::string ids(const Network& network, const std::vector<NodeIndex>& nodes) {
  std::string out;
  for (NodeIndex n : nodes) out.append(out.empty() ? "" : ", ").append(network.nodes[n].id);
  return out;
}

std::string arrow() {
  return " \xE2\x86\x92 ";
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
    out.append("<td><span class=\"swatch\" style=\"background:").append(mode_colour(leg.mode)).append("\"></span>");
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
  out.append(header_row({{"expected days", true},
                         {"mean", true},
                         {"P50", true},
                         {"P80", true},
                         {"P90", true},
                         {"P95", true},
                         {"on time", true}}));
  out.append("<tbody>\n<tr>");
  for (double hours : {r.route.hours + r.load_delay_hours, r.mean_hours, r.p50_hours, r.p80_hours, r.p90_hours, r.p95_hours})
    out.append(num_cell(fixed(hours / 24.0, 1)));
  out.append(num_cell(r.on_time_probability ? fixed(100.0 * *r.on_time_probability, 1) + " % within " +
                                                  decimal(*result.query.deadline_hours / 24.0, 2) + " days"
                                            : std::string("no deadline")));
  out.append("</tr>\n</tbody></table>\n");
  if (r.spread.empty()) return out;
  out.append("<table class=\"spread\">\n");
  out.append(header_row({{"leg", true},
                         {"element", false},
                         {"what", false},
                         {"model", false},
                         {"mean h", true},
                         {"sd h", true},
                         {"share of variance", true}}));
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
  const FlowView view = flow_view(network, result);
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

}  // namespace

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

namespace {

/// The body of a query's <article> after its heading, one overload per result type (chosen by
/// visit_result): its answer line, its map and its tables.
void append_section(std::string& out, const Network& network, const Basemap& basemap, MapOptions& options,
                    const RouteResult& route) {
  const std::string filter = filter_text(network, route.query.corridors, route.query.avoid);
  out.append("<p class=\"answer-line\">");
  if (route.found()) {
    const Route& best = route.routes.front();
    out.append(best_route_word(route.query.by)).append(" route ");
    out.append(xml_escape(route_heading(network, route))).append(": <strong>").append(fixed(best.days(), 1));
    out.append(" days</strong> (").append(fixed(best.hours, 1)).append(" h), ");
    out.append(thousands(std::llround(best.distance_km))).append(" km, ").append(std::to_string(best.transfers));
    out.append(best.transfers == 1 ? " transfer" : " transfers");
    out.append(", ").append(fixed(best.cost_usd_per_t, 2)).append(" USD/t, ");
    out.append(fixed(best.co2_kg_per_t, 1)).append(" kg CO2e/t");
  } else {
    out.append("No route ").append(xml_escape(route_heading(network, route))).append(" over open links");
  }
  if (!filter.empty()) out.append(" (").append(xml_escape(filter)).append(")");
  out.append(".</p>\n");
  options.box = route_box(network, route);
  options.route = &route;
  out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
  if (route.found()) out.append(route_legs_table(network, route.routes.front()));
}

void append_section(std::string& out, const Network& network, const Basemap& basemap, MapOptions& options,
                    const ReliabilityResult& reliability) {
  const RouteResult chosen = *ResultRenderer<ReliabilityResult>::drawing(reliability).route;
  out.append("<p class=\"answer-line\">");
  if (reliability.found()) {
    const RouteReliability& r = reliability.routes.front();
    out.append("Delivery time ").append(xml_escape(route_heading(network, chosen))).append(", ");
    out.append(thousands(r.samples)).append(" sampled journeys: <strong>P90 ").append(fixed(r.p90_hours / 24.0, 1));
    out.append(" days</strong> (").append(xml_escape(reliability_summary(reliability))).append(").");
  } else {
    out.append("No route ").append(xml_escape(route_heading(network, chosen))).append(" over open links.");
  }
  out.append("</p>\n");
  options.box = route_box(network, chosen);
  options.route = &chosen;
  out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
  if (reliability.found()) {
    out.append(reliability_tables(network, reliability));
    out.append(route_legs_table(network, chosen.routes.front()));
  }
}

void append_section(std::string& out, const Network& network, const Basemap& basemap, MapOptions& options,
                    const FlowResult& flow) {
  const std::string filter = filter_text(network, flow.query.corridors, flow.query.avoid);
  out.append("<p class=\"answer-line\">Max flow ").append(xml_escape(flow_heading(network, flow)));
  if (!filter.empty()) out.append(" (").append(xml_escape(filter)).append(")");
  out.append(": <strong>").append(xml_escape(flow_answer(flow))).append("</strong> ").append(target_badge(flow));
  out.append("</p>\n<p>").append(xml_escape(bottleneck_sentence(network, flow))).append("</p>\n");
  options.box = flow_box(network, flow);
  options.flow = &flow;
  out.append("<figure>").append(map_svg(network, basemap, options)).append("</figure>\n");
  out.append(flow_tables(network, flow));
}

/// A capacity analysis (assign, criticality, upgrades, curve): its summary line and its text
/// table; a curve also its chart.
template <class R>
void append_section(std::string& out, const Network& network, const Basemap& /*basemap*/, MapOptions& /*options*/,
                    const R& result) {
  out.append("<p class=\"answer-line\">").append(xml_escape(ResultRenderer<R>::summary(network, result)));
  out.append("</p>\n");
  if constexpr (std::is_same_v<R, CurveResult>)
    out.append("<figure class=\"curve\">")
        .append(curve_svg(result, SvgPlacement::InHtml))
        .append(
            "<figcaption>Transit days against annual volume (equilibrium with load-dependent "
            "delays)</figcaption></figure>\n");
  out.append("<pre>").append(xml_escape(ResultRenderer<R>::table(network, result))).append("</pre>\n");
}

}  // namespace

std::string query_article_html(const Network& network, const Basemap& basemap, const QueryOutcome& outcome,
                               std::size_t query_index) {
  std::string out;
  const std::string key = "q" + std::to_string(query_index + 1);
  out.append("<article class=\"query\" id=\"").append(key).append("\">\n<h3>").append(std::to_string(query_index + 1));
  out.append(". ").append(xml_escape(outcome.name)).append("</h3>\n");
  MapOptions options;
  options.id = "map-" + key;
  options.width = 1100;
  options.title = outcome.name;
  visit_result(outcome, [&](const auto& result, auto) { append_section(out, network, basemap, options, result); });
  out.append("</article>\n");
  return out;
}

}  // namespace corridor::io::detail
