#include "io/curve_report.hpp"

#include <algorithm>
#include <sstream>

#include "io/capacity_text.hpp"
#include "io/result_json.hpp"
#include "io/text_table.hpp"

namespace corridor::io {
namespace {

using detail::ordered_json;

std::string binding_id(const Network& network, const CurveBinding& b) {
  if (b.type == CutElement::Type::Node) return network.nodes[b.index].id;
  return network.links[b.index].id + " (" + network.nodes[b.from].id + "->" + network.nodes[b.to].id + ")";
}

std::string binding_text(const Network& network, const std::optional<CurveBinding>& b) {
  if (!b) return "-";
  std::string text = binding_id(network, *b);
  if (b->hard_capacity) text += " at capacity";
  else text += " +" + detail::fixed(b->delay_hours / 24.0, 1) + " d";
  if (b->utilisation) text += " (" + detail::fixed(100.0 * *b->utilisation, 0) + "%)";
  return text;
}

bool beyond(const CurvePoint& p) { return p.over_capacity_tpy > 0 || p.unserved_tpy > 0; }

bool has_percentiles(const CurveResult& result) {
  return std::any_of(result.points.begin(), result.points.end(), [](const CurvePoint& p) { return p.p90_hours.has_value(); });
}

std::string optional_days(const std::optional<double>& hours) { return hours ? detail::fixed(*hours / 24.0, 1) : "-"; }

}  // namespace

std::string curve_table(const Network& network, const CurveResult& result) {
  std::ostringstream out;
  out << "Volume-time curve " << detail::node_ids(network, result.query.from, ",") << " -> "
      << detail::node_ids(network, result.query.to, ",") << " ("
      << (result.query.assign.equilibrium->kind == EquilibriumKind::User ? "user equilibrium" : "system optimum")
      << ", load-dependent delays; the volume is split evenly over the origin-destination pairs):\n";
  const bool percentiles = has_percentiles(result);
  std::vector<std::string> headings{"Mt/yr", "days", "most congested", "routes (share, days)"};
  std::vector<bool> right{true, true, false, false};
  if (percentiles) {
    headings.insert(headings.begin() + 2, {"P50 d", "P90 d"});
    right.insert(right.begin() + 2, {true, true});
  }
  detail::TextTable table(headings, right);
  for (const CurvePoint& p : result.points) {
    std::string routes;
    for (std::size_t i = 0; i < p.routes.size() && i < 3; ++i) {
      const CurveRoute& r = p.routes[i];
      if (!routes.empty()) routes += " | ";
      routes += detail::fixed(100.0 * r.share, 0) + "% " + detail::node_ids(network, r.nodes, ">") + " (" +
                detail::fixed(r.hours / 24.0, 1) + ")";
    }
    if (p.routes.size() > 3) routes += " | +" + std::to_string(p.routes.size() - 3) + " more";
    // A point that moved nothing (no route between the ends) has no transit time, and what
    // congests there is other traffic, not this volume.
    const bool moved = !p.routes.empty();
    std::string days = moved ? detail::fixed(p.hours / 24.0, 1) : "no route";
    if (moved && beyond(p)) days += " *";
    std::vector<std::string> row{detail::fixed(p.volume_tpy / 1e6, 2), days,
                                 moved ? binding_text(network, p.binding) : "-", routes};
    if (percentiles) row.insert(row.begin() + 2, {optional_days(p.p50_hours), optional_days(p.p90_hours)});
    table.add(row);
  }
  out << table.render();
  if (percentiles)
    out << "  P50, P90: of a tonne's transit time over the point's routes by their shares, waits sampled at the point's load ("
        << detail::thousands(result.query.samples) << " journeys per route, seed " << result.query.seed << ")\n";
  if (std::any_of(result.points.begin(), result.points.end(), [](const CurvePoint& p) { return !p.routes.empty() && beyond(p); }))
    out << "  * more than the network can move: hard capacities exceeded (by up to "
        << detail::tonnes(std::max_element(result.points.begin(), result.points.end(), [](const CurvePoint& a, const CurvePoint& b) {
             return a.over_capacity_tpy < b.over_capacity_tpy;
           })->over_capacity_tpy)
        << ") or no route for part of it; the time shown is not reachable.\n";
  return out.str();
}

ordered_json detail::curve_object(const Network& network, const CurveResult& result) {
  ordered_json out;
  out["from"] = ordered_json::array();
  for (NodeIndex n : result.query.from) out["from"].push_back(network.nodes[n].id);
  out["to"] = ordered_json::array();
  for (NodeIndex n : result.query.to) out["to"].push_back(network.nodes[n].id);
  out["equilibrium"] = to_string(result.query.assign.equilibrium->kind);
  out["by"] = to_string(result.query.assign.weights.by);
  out["points"] = ordered_json::array();
  for (const CurvePoint& p : result.points) {
    ordered_json o;
    o["volume_tpy"] = p.volume_tpy;
    o["hours"] = p.hours;
    o["days"] = p.hours / 24.0;
    o["p50_hours"] = detail::optional_number(p.p50_hours);
    o["p90_hours"] = detail::optional_number(p.p90_hours);
    o["feasible"] = !beyond(p);
    o["over_capacity_tpy"] = p.over_capacity_tpy;
    o["unserved_tpy"] = p.unserved_tpy;
    if (p.binding) {
      ordered_json b;
      b["type"] = p.binding->type == CutElement::Type::Link ? "link" : "node";
      b["id"] = p.binding->type == CutElement::Type::Link ? network.links[p.binding->index].id
                                                         : network.nodes[p.binding->index].id;
      if (p.binding->type == CutElement::Type::Link) {
        b["from"] = network.nodes[p.binding->from].id;
        b["to"] = network.nodes[p.binding->to].id;
      }
      b["delay_hours"] = p.binding->delay_hours;
      b["utilisation"] = detail::optional_number(p.binding->utilisation);
      b["hard_capacity"] = p.binding->hard_capacity;
      o["binding"] = b;
    } else {
      o["binding"] = nullptr;
    }
    o["routes"] = ordered_json::array();
    for (const CurveRoute& r : p.routes) {
      ordered_json route;
      route["nodes"] = ordered_json::array();
      for (NodeIndex n : r.nodes) route["nodes"].push_back(network.nodes[n].id);
      route["links"] = ordered_json::array();
      for (LinkIndex l : r.links) route["links"].push_back(network.links[l].id);
      route["share"] = r.share;
      route["hours"] = r.hours;
      o["routes"].push_back(route);
    }
    o["relative_gap"] = p.relative_gap;
    o["stop_reason"] = to_string(p.stop);
    out["points"].push_back(o);
  }
  return out;
}

std::string curve_json(const Network& network, const CurveResult& result) {
  return detail::json_text(detail::curve_object(network, result));
}

std::string curve_summary(const Network& /*network*/, const CurveResult& result) {
  if (result.points.empty()) return "No volumes.";
  const CurvePoint& first = result.points.front();
  const CurvePoint& last = result.points.back();
  return detail::fixed(first.volume_tpy / 1e6, 1) + " Mt/yr: " + detail::fixed(first.hours / 24.0, 1) + " days; " +
         detail::fixed(last.volume_tpy / 1e6, 1) + " Mt/yr: " + detail::fixed(last.hours / 24.0, 1) + " days" +
         (beyond(last) ? " (more than can move)." : ".");
}

std::string curve_csv(const Network& network, const CurveResult& result) {
  std::string out = "volume_tpy,hours,days,p50_days,p90_days,feasible,binding,binding_delay_hours,main_route,main_route_share\r\n";
  auto optional_decimal = [](const std::optional<double>& hours) { return hours ? detail::decimal(*hours / 24.0, 3) : ""; };
  for (const CurvePoint& p : result.points) {
    out += detail::decimal(p.volume_tpy, 0) + "," + detail::decimal(p.hours, 3) + "," + detail::decimal(p.hours / 24.0, 3) +
           "," + optional_decimal(p.p50_hours) + "," + optional_decimal(p.p90_hours) + "," + (beyond(p) ? "false" : "true") + ",";
    out += p.binding ? detail::csv_field(binding_id(network, *p.binding)) + "," + detail::decimal(p.binding->delay_hours, 3)
                     : std::string(",");
    out += ",";
    if (!p.routes.empty())
      out += detail::csv_field(detail::node_ids(network, p.routes[0].nodes, ">")) + "," + detail::decimal(p.routes[0].share, 4);
    else
      out += ",";
    out += "\r\n";  // CRLF, like every other CSV (docs/outputs.md)
  }
  return out;
}

std::string curve_svg(const CurveResult& result, SvgPlacement placement) {
  constexpr double kWidth = 560, kHeight = 300, kLeft = 56, kRight = 16, kTop = 16, kBottom = 44;
  double max_mt = 0.0, max_days = 0.0;
  for (const CurvePoint& p : result.points)
    max_mt = std::max(max_mt, p.volume_tpy / 1e6),
    max_days = std::max({max_days, p.hours / 24.0, p.p90_hours.value_or(0.0) / 24.0});
  max_mt = max_mt > 0 ? max_mt : 1.0;
  max_days = max_days > 0 ? max_days * 1.1 : 1.0;
  auto x = [&](double mt) { return kLeft + (kWidth - kLeft - kRight) * mt / max_mt; };
  auto y = [&](double days) { return kHeight - kBottom - (kHeight - kTop - kBottom) * days / max_days; };
  std::ostringstream svg;
  svg << "<svg class=\"curve-chart\"" << (placement == SvgPlacement::File ? " xmlns=\"http://www.w3.org/2000/svg\"" : "")
      << " viewBox=\"0 0 " << kWidth << " " << kHeight
      << "\" role=\"img\" aria-label=\"Transit days against annual volume\">\n";
  svg << "<line x1=\"" << kLeft << "\" y1=\"" << y(0) << "\" x2=\"" << kWidth - kRight << "\" y2=\"" << y(0)
      << "\" stroke=\"#444\"/><line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\"" << y(0)
      << "\" stroke=\"#444\"/>\n";
  for (int i = 0; i <= 4; ++i) {
    const double days = max_days * i / 4.0, mt = max_mt * i / 4.0;
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << y(days) + 4 << "\" text-anchor=\"end\" font-size=\"11\">"
        << detail::fixed(days, 1) << "</text>";
    svg << "<text x=\"" << x(mt) << "\" y=\"" << y(0) + 16 << "\" text-anchor=\"middle\" font-size=\"11\">"
        << detail::fixed(mt, 1) << "</text>\n";
  }
  svg << "<text x=\"" << (kLeft + kWidth - kRight) / 2 << "\" y=\"" << kHeight - 8
      << "\" text-anchor=\"middle\" font-size=\"12\">Mt/yr</text>";
  svg << "<text x=\"14\" y=\"" << (kTop + y(0)) / 2 << "\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 "
      << (kTop + y(0)) / 2 << ")\">days</text>\n";
  std::string points;
  for (const CurvePoint& p : result.points)
    points += detail::fixed(x(p.volume_tpy / 1e6), 1) + "," + detail::fixed(y(p.hours / 24.0), 1) + " ";
  std::string p90_points;
  for (const CurvePoint& p : result.points)
    if (p.p90_hours) p90_points += detail::fixed(x(p.volume_tpy / 1e6), 1) + "," + detail::fixed(y(*p.p90_hours / 24.0), 1) + " ";
  if (!p90_points.empty())
    svg << "<polyline class=\"curve-p90\" fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\""
        << p90_points << "\"><title>P90 days</title></polyline>\n<text x=\"" << kWidth - kRight << "\" y=\"" << kTop + 10
        << "\" text-anchor=\"end\" font-size=\"11\" fill=\"#ff7f0e\">dashed: P90</text>\n";
  svg << "<polyline class=\"curve-line\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" << points << "\"/>\n";
  for (const CurvePoint& p : result.points)
    svg << "<circle class=\"curve-point\" cx=\"" << detail::fixed(x(p.volume_tpy / 1e6), 1) << "\" cy=\""
        << detail::fixed(y(p.hours / 24.0), 1) << "\" r=\"3.5\" fill=\"" << (beyond(p) ? "#d62728" : "#1f77b4")
        << "\"><title>" << detail::fixed(p.volume_tpy / 1e6, 2) << " Mt/yr: " << detail::fixed(p.hours / 24.0, 1)
        << " days" << (beyond(p) ? " (more than can move)" : "") << "</title></circle>\n";
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace corridor::io
