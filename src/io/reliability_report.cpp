#include "io/reliability_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/capacity_text.hpp"
#include "io/result_json.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"

namespace corridor::io {
namespace {

using detail::fixed;
using detail::thousands;
using nlohmann::ordered_json;

/// Number of spread rows shown in the table (the JSON lists every term).
constexpr std::size_t kSpreadRows = 8;
/// Load-dependent delays below this are not shown in the table (they round to 0.0 h).
constexpr double kShownDelayHours = 0.05;

std::string days(double hours) { return fixed(hours / 24.0, 1); }

std::string percent(double share) { return fixed(100.0 * share, 1) + " %"; }

/// Columns padded to their widest cell (the first row is the header); `right` flags
/// right-aligned columns. The text tables' one writer (io/text_table.hpp), UTF-8 aware.
std::string columns(std::vector<std::vector<std::string>> rows, std::vector<bool> right) {
  detail::TextTable table(std::move(rows.front()), std::move(right));
  for (std::size_t r = 1; r < rows.size(); ++r) table.add(std::move(rows[r]));
  return table.render();
}

std::string element_id(const Network& network, const SpreadContribution& term) {
  return term.source == SpreadSource::Dwell || term.source == SpreadSource::Transfer ? network.nodes[term.element].id
                                                                                      : network.links[term.element].id;
}

std::string route_text(const Network& network, const Route& route) {
  std::string out;
  for (NodeIndex n : route.nodes) out += (out.empty() ? "" : " ") + network.nodes[n].id;
  return out;
}

/// "via KURYK, ..." : the nodes of `route` that `reference` does not pass.
std::string differing_nodes(const Network& network, const Route& route, const Route& reference) {
  std::string out;
  int shown = 0;
  for (NodeIndex n : route.nodes) {
    if (std::find(reference.nodes.begin(), reference.nodes.end(), n) != reference.nodes.end()) continue;
    if (++shown > 5) {
      out += ", ...";
      break;
    }
    out += (out.empty() ? "via " : ", ") + network.nodes[n].id;
  }
  return out.empty() ? "same nodes as the chosen route" : out;
}

std::string mt(double tonnes_per_year) { return fixed(tonnes_per_year / 1e6, 2); }

/// A relative gap such as 8.7e-05 (as the assignment's report writes it).
std::string gap_text(double relative_gap) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1e", relative_gap);
  return buffer;
}

std::string load_element_id(const Network& network, const LoadDelay& delay) {
  return delay.type == CutElement::Type::Node ? network.nodes[delay.element].id : network.links[delay.element].id;
}

/// "Under load: 4.00 Mt/yr ..." : the equilibrium behind the sampled times, and its status.
std::string load_lines(const Network& network, const ReliabilityResult& result) {
  const ReliabilityLoad& load = *result.load;
  const ReliabilityQuery& q = result.query;
  std::string out = "  Under load: " + mt(load.volume_tpy) + " Mt/yr " + network.nodes[q.route.from].id + " -> " +
                    network.nodes[q.route.to].id + " at user equilibrium (relative gap " +
                    gap_text(load.equilibrium.relative_gap) + ", " + std::string(to_string(load.equilibrium.stop)) +
                    " after " + std::to_string(load.equilibrium.iterations) + " iterations)";
  if (result.found() && result.routes.front().share_of_volume)
    out += "; this route carries " + percent(*result.routes.front().share_of_volume) + " of it";
  out += "\n";
  if (load.status == LoadStatus::OverCapacity)
    out += "  More than can move: at equilibrium a hard capacity is exceeded by up to " +
           detail::tonnes(load.equilibrium.over_capacity_tpy) +
           "; the times below are what the delay functions give there, not reachable ones\n";
  else if (load.status == LoadStatus::NoRoute)
    out += "  No route carries the volume\n";
  return out;
}

/// The load-dependent delays added on the chosen route, largest first.
std::string load_delay_rows(const Network& network, const RouteReliability& r) {
  if (r.load_delays.empty()) return "  No element of this route is delayed by the load.\n";
  std::string out = "Load-dependent delays on the route (added to the wait of a link, the dwell of a node):\n";
  std::vector<std::vector<std::string>> rows{{"leg", "element", "load Mt/yr", "utilisation", "delay h"}};
  std::size_t shown = 0;
  for (const LoadDelay& d : r.load_delays) {  // largest first
    if (shown == kSpreadRows || d.delay_hours < kShownDelayHours) break;
    rows.push_back({std::to_string(d.leg + 1), load_element_id(network, d), mt(d.load_tpy),
                    d.utilisation ? percent(*d.utilisation) : "-", fixed(d.delay_hours, 1)});
    ++shown;
  }
  out += columns(rows, {true, false, true, true, true});
  if (r.load_delays.size() > shown)
    out += "  (" + std::to_string(r.load_delays.size() - shown) + " smaller delays not shown; --format json lists all)\n";
  return out;
}

}  // namespace

std::string reliability_summary(const ReliabilityResult& result) {
  if (!result.found()) return "no route";
  const RouteReliability& r = result.routes.front();
  std::string text = "P50 " + days(r.p50_hours) + " / P90 " + days(r.p90_hours) + " / P95 " + days(r.p95_hours) + " days";
  if (r.on_time_probability)
    text += ", on time within " + detail::decimal(*result.query.deadline_hours / 24.0, 2) + " days " +
            percent(*r.on_time_probability);
  if (result.load)
    text += ", under load " + mt(result.load->volume_tpy) + " Mt/yr" +
            (result.load->status == LoadStatus::OverCapacity ? " (more than can move)" : "");
  return text;
}

std::string reliability_table(const Network& network, const ReliabilityResult& result) {
  std::ostringstream out;
  const ReliabilityQuery& q = result.query;
  const std::string from = network.nodes[q.route.from].id, to = network.nodes[q.route.to].id;
  if (!result.found()) {
    out << "No route from " << from << " to " << to << " over open links.\n";
    if (result.load) out << load_lines(network, result);
    return out.str();
  }
  if (result.routes.size() > 1) {
    out << "Alternatives " << from << " -> " << to << ": the " << result.routes.size()
        << " best routes by expected time, ranked by "
        << (q.by == ReliabilityRank::P90 ? "their 90th percentile"
            : result.load                ? "mean time at " + mt(result.load->volume_tpy) + " Mt/yr"
                                         : std::string("expected time"))
        << " ("
        << thousands(q.samples) << " sampled journeys each, seed " << q.seed << ")\n";
    std::vector<std::vector<std::string>> rows{{"#", "expected d", "mean d", "P50", "P80", "P90", "P95", "on time", "via"}};
    const Route& first = result.routes.front().route;
    for (std::size_t i = 0; i < result.routes.size(); ++i) {
      const RouteReliability& r = result.routes[i];
      rows.push_back({std::to_string(i + 1), days(r.route.hours + r.load_delay_hours), days(r.mean_hours), days(r.p50_hours),
                      days(r.p80_hours), days(r.p90_hours), days(r.p95_hours),
                      r.on_time_probability ? percent(*r.on_time_probability) : "-",
                      i == 0 ? "(chosen) " + route_text(network, r.route) : differing_nodes(network, r.route, first)});
    }
    out << columns(rows, {true, true, true, true, true, true, true, true, false});
    out << "The chosen route in detail:\n";
  }
  // The chosen route in detail (the alternatives' spreads are in the JSON output).
  const RouteReliability& r = result.routes.front();
  out << "Reliability " << from << " -> " << to << ": " << thousands(r.samples) << " sampled journeys (seed "
      << q.seed << ")\n";
  const std::string chosen_by = q.by == ReliabilityRank::P90 ? "smallest P90 of the " + std::to_string(result.routes.size()) +
                                                                  " best by expected time"
                                : q.depart_minutes && q.route.k <= 1 ? "earliest arrival"
                                : result.load && q.route.k <= 1      ? "largest share of the volume at equilibrium"
                                                                     : "fastest by expected time";
  out << "  Route (" << chosen_by << ", "
      << r.route.legs.size() << " legs): " << route_text(network, r.route) << "\n";
  if (q.depart_minutes)
    out << "  Departs " << format_iso_minutes(*q.depart_minutes) << " UTC; timetabled links wait for their next "
        << "departure\n";
  if (result.load) out << load_lines(network, result);
  out << (q.depart_minutes ? "  With expected dwell and waits, timetables from the departure: "
          : result.load    ? "  Expected at this load "
                           : "  Expected (deterministic model) ")
      << days(r.route.hours + r.load_delay_hours) << " days";
  if (result.load) out << " (free flow " << days(r.route.hours) << " + load-dependent delay " << days(r.load_delay_hours) << ")";
  out << "; sampled mean " << days(r.mean_hours) << " days, standard deviation "
      << days(r.sd_hours) << " days\n";
  out << "  P50 " << days(r.p50_hours) << " days, P80 " << days(r.p80_hours) << ", P90 " << days(r.p90_hours)
      << ", P95 " << days(r.p95_hours) << " (fastest " << days(r.min_hours) << ", slowest " << days(r.max_hours)
      << ")\n";
  if (r.on_time_probability)
    out << "  On time within " << detail::decimal(*q.deadline_hours / 24.0, 2) << " days: "
        << percent(*r.on_time_probability) << " of journeys (standard error " << fixed(100.0 * r.on_time_standard_error(), 2)
        << " %)\n";
  if (result.load) out << load_delay_rows(network, r);
  if (r.spread.empty()) {
    out << "  Every figure on this route is fixed: no spread.\n";
    return out.str();
  }
  out << "What makes the time spread (share of the variance of the total):\n";
  std::vector<std::vector<std::string>> rows{{"leg", "element", "what", "model", "mean h", "sd h", "share"}};
  for (std::size_t i = 0; i < r.spread.size() && i < kSpreadRows; ++i) {
    const SpreadContribution& term = r.spread[i];
    rows.push_back({std::to_string(term.leg + 1), element_id(network, term), std::string(to_string(term.source)),
                    term.model, fixed(term.mean_hours, 1), fixed(term.sd_hours, 1), percent(term.share)});
  }
  out << columns(rows, {true, false, false, false, true, true, true});
  if (r.spread.size() > kSpreadRows)
    out << "  (" << r.spread.size() - kSpreadRows << " smaller terms not shown; --format json lists all)\n";
  return out.str();
}

namespace {

/// Under load, per route: the delays added, their sum and the route's share of the volume.
ordered_json route_load_json(const Network& network, const RouteReliability& r) {
  ordered_json j;
  j["expected_hours"] = r.route.hours + r.load_delay_hours;
  j["delay_hours"] = r.load_delay_hours;
  j["share_of_volume"] = r.share_of_volume ? ordered_json(*r.share_of_volume) : ordered_json(nullptr);
  j["delays"] = ordered_json::array();
  for (const LoadDelay& d : r.load_delays) {
    ordered_json e;
    e["leg"] = d.leg + 1;
    e["type"] = d.type == CutElement::Type::Node ? "node" : "link";
    e["element"] = load_element_id(network, d);
    e["load_tpy"] = d.load_tpy;
    e["utilisation"] = d.utilisation ? ordered_json(*d.utilisation) : ordered_json(nullptr);
    e["delay_hours"] = d.delay_hours;
    j["delays"].push_back(e);
  }
  return j;
}

}  // namespace

ordered_json detail::reliability_object(const Network& network, const ReliabilityResult& result) {
  const ReliabilityQuery& q = result.query;
  ordered_json out;
  out["from"] = network.nodes[q.route.from].id;
  out["to"] = network.nodes[q.route.to].id;
  if (!q.route.corridors.empty()) out["corridor"] = q.route.corridors;
  out["by"] = to_string(q.by);
  out["k"] = q.route.k;
  out["samples"] = q.samples;
  out["seed"] = q.seed;
  out["deadline_days"] = q.deadline_hours ? ordered_json(*q.deadline_hours / 24.0) : ordered_json(nullptr);
  out["depart"] = q.depart_minutes ? ordered_json(format_iso_minutes(*q.depart_minutes)) : ordered_json(nullptr);
  if (result.load) {
    const ReliabilityLoad& load = *result.load;
    ordered_json l;
    l["volume_tpy"] = load.volume_tpy;
    l["status"] = to_string(load.status);
    l["relative_gap"] = load.equilibrium.relative_gap;
    l["iterations"] = load.equilibrium.iterations;
    l["stop_reason"] = to_string(load.equilibrium.stop);
    l["over_capacity_tpy"] = load.equilibrium.over_capacity_tpy;
    out["load"] = l;
  }
  out["found"] = result.found();
  out["routes"] = ordered_json::array();
  for (const RouteReliability& r : result.routes) {
    ordered_json j;
    ordered_json nodes = ordered_json::array();
    for (NodeIndex n : r.route.nodes) nodes.push_back(network.nodes[n].id);
    j["nodes"] = nodes;
    ordered_json links = ordered_json::array();
    for (const RouteLeg& leg : r.route.legs) links.push_back(network.links[leg.link].id);
    j["links"] = links;
    j["expected_hours"] = r.route.hours;
    j["mean_hours"] = r.mean_hours;
    j["sd_hours"] = r.sd_hours;
    j["min_hours"] = r.min_hours;
    j["p50_hours"] = r.p50_hours;
    j["p80_hours"] = r.p80_hours;
    j["p90_hours"] = r.p90_hours;
    j["p95_hours"] = r.p95_hours;
    j["max_hours"] = r.max_hours;
    j["on_time_probability"] = r.on_time_probability ? ordered_json(*r.on_time_probability) : ordered_json(nullptr);
    j["on_time_standard_error"] =
        r.on_time_probability ? ordered_json(r.on_time_standard_error()) : ordered_json(nullptr);
    j["spread"] = ordered_json::array();
    for (const SpreadContribution& term : r.spread) {
      ordered_json t;
      t["leg"] = term.leg + 1;
      t["element"] = element_id(network, term);
      t["what"] = to_string(term.source);
      t["model"] = term.model;
      t["mean_hours"] = term.mean_hours;
      t["sd_hours"] = term.sd_hours;
      t["share"] = term.share;
      j["spread"].push_back(t);
    }
    if (result.load) j["load"] = route_load_json(network, r);
    out["routes"].push_back(j);
  }
  return out;
}

std::string reliability_json(const Network& network, const ReliabilityResult& result) {
  return detail::json_text(detail::reliability_object(network, result));
}

}  // namespace corridor::io
