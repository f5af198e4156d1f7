// The checks of a decoded network snapshot: those the JSON reader makes of every node, link and
// resource (model/validate.hpp: check_node_values, check_link_values, check_resources, the
// resource references, the settled distribution means and timetable frequencies), and those it
// makes while reading a member (io/element_json.cpp: delay function ranges, waypoint ranges,
// timetables; io/network_reading.hpp: tonnes_per_teu; io/network_json.cpp: end nodes, self-loops,
// duplicate ids, cost_usd_per_teu without tonnes_per_teu). A snapshot therefore never gives a
// network the JSON reader would refuse, whatever its bytes (with a correct checksum or not).

#include <string>

#include "io/snapshot_reading.hpp"
#include "model/validate.hpp"

namespace corridor::io::detail {
namespace {

/// The ranges read_delay (io/element_json.cpp) accepts; NaN is outside every range.
void check_delay(const DelayFunction& f, const std::string& pointer, const std::string& id, DiagnosticSink& sink) {
  const auto range = [&](const char* key, double value, double low, bool low_open, double high, bool high_open) {
    const bool ok = (low_open ? value > low : value >= low) && (high_open ? value < high : value <= high);
    if (!ok)
      sink.error("E-RANGE", pointer + "/" + key,
                 std::string(key) + " must be in " + (low_open ? "(" : "[") + std::to_string(low) + ", " +
                     std::to_string(high) + (high_open ? ")" : "]") + ", got " + std::to_string(value),
                 id);
  };
  if (f.form != DelayForm::None || f.capacity_tpy != 0.0) range("capacity_tpy", f.capacity_tpy, 0.0, true, 1e12, false);
  range("alpha", f.alpha, 0.0, false, 100.0, false);
  range("beta", f.beta, 1.0, false, 16.0, false);
  range("service_hours", f.service_hours, 0.0, false, 1e4, false);
  range("variability", f.variability, 0.0, true, 10.0, false);
  range("max_utilisation", f.max_utilisation, 0.0, true, 1.0, true);
}

/// Waypoints in range (read_waypoints) and a timetable as read_departures leaves it: at least
/// one departure, minutes of the week, sorted and unique.
void check_course_and_timetable(const Link& link, const std::string& pointer, const std::string& id,
                                DiagnosticSink& sink) {
  for (std::size_t i = 0; i < link.waypoints.size(); ++i) {
    const GeoPoint& p = link.waypoints[i];
    if (!(p.lat >= -90 && p.lat <= 90) || !(p.lon >= -180 && p.lon <= 180))
      sink.error("E-RANGE", pointer + "/waypoints/" + std::to_string(i),
                 "a waypoint needs -90 <= lat <= 90 and -180 <= lon <= 180, got [" + std::to_string(p.lat) + ", " +
                     std::to_string(p.lon) + "]",
                 id);
  }
  if (!link.schedule) return;
  const std::vector<int>& minutes = link.schedule->departure_minutes;
  if (minutes.empty())
    sink.error("E-SCHEDULE", pointer + "/departures", "departures needs at least one departure (or null)", id);
  for (std::size_t i = 0; i < minutes.size(); ++i)
    if (minutes[i] < 0 || minutes[i] >= kMinutesPerWeek || (i > 0 && minutes[i] <= minutes[i - 1])) {
      sink.error("E-SCHEDULE", pointer + "/departures/" + std::to_string(i),
                 "departure minute " + std::to_string(minutes[i]) +
                     " is not a minute of the week after the one before it (0 to 10079, sorted, unique)",
                 id);
      break;
    }
}

void check_nodes(Network& network, bool unique_ids, DiagnosticSink& sink) {
  const std::vector<std::string> given;  // a snapshot's figures are the settled ones
  for (std::size_t i = 0; i < network.nodes.size(); ++i) {
    Node& node = network.nodes[i];
    const std::string pointer = "/nodes/" + std::to_string(i);
    check_node_values(node, pointer, sink);
    settle_distribution_means(node, given, pointer, sink);
    if (node.delay) check_delay(*node.delay, pointer + "/delay", "node " + node.id, sink);
    if (!node.uses.empty()) check_resource_references(network.resources, node.uses, pointer, "node " + node.id, sink);
    if (const auto first = unique_ids ? std::nullopt : network.find_node(node.id); first && *first != i)
      sink.error("E-DUP-ID", pointer + "/id",
                 "duplicate node id \"" + node.id + "\" (first defined at /nodes/" + std::to_string(*first) + ")",
                 "node " + node.id);
  }
}

void check_links(Network& network, bool unique_ids, DiagnosticSink& sink) {
  const std::vector<std::string> given;
  for (std::size_t i = 0; i < network.links.size(); ++i) {
    Link& link = network.links[i];
    const std::string pointer = "/links/" + std::to_string(i);
    check_link_values(link, pointer, sink);
    settle_link_schedule(link, given, pointer, sink);
    const auto id = [&] { return "link " + link.id; };  // made only for a message
    if (link.delay) check_delay(*link.delay, pointer + "/delay", id(), sink);
    if (!link.waypoints.empty() || link.schedule) check_course_and_timetable(link, pointer, id(), sink);
    if (!link.uses.empty()) check_resource_references(network.resources, link.uses, pointer, id(), sink);
    if (link.from == link.to)
      sink.error("E-SELF-LOOP", pointer,
                 "link starts and ends at the same node \"" + network.nodes[link.from].id + "\"", id());
    if (link.cost_usd_per_teu && !network.tonnes_per_teu)
      sink.error("E-MISSING-KEY", pointer + "/cost_usd_per_teu",
                 "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne", id());
    if (const auto first = unique_ids ? std::nullopt : network.find_link(link.id); first && *first != i)
      sink.error("E-DUP-ID", pointer + "/id",
                 "duplicate link id \"" + link.id + "\" (first defined at /links/" + std::to_string(*first) + ")", id());
  }
}

}  // namespace

void validate_snapshot_network(Network& network, DiagnosticSink& sink) {
  if (network.tonnes_per_teu && !(*network.tonnes_per_teu > 0 && *network.tonnes_per_teu < 100))
    sink.error("E-RANGE", "/tonnes_per_teu", "tonnes_per_teu must be between 0 and 100");
  check_resources(network.resources, sink);
  const bool unique_ids = network.reindex();  // the first of equal ids is indexed: the others are duplicates
  check_nodes(network, unique_ids, sink);
  check_links(network, unique_ids, sink);
  sink.throw_if_errors();
}

}  // namespace corridor::io::detail
