#include "model/validate.hpp"

#include <algorithm>
#include <cmath>

#include "model/names.hpp"
#include "model/value_checks.hpp"

// Value checks of nodes, links and resources (query resolution: resolve.cpp).

namespace corridor {

using detail::check_corridor_tags;
using detail::check_range;
using detail::number_text;

namespace {

bool id_chars_ok(std::string_view id, bool allow_dash) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
  });
}

/// background_tpy within range (a warning when it leaves nothing of a finite capacity) and
/// positive, finite resource factors (the resources themselves: check_resource_references).
void check_capacity_context(TonnesPerYear background_tpy, std::optional<TonnesPerYear> capacity,
                            const std::vector<ResourceUse>& uses, const std::string& pointer, const std::string& id,
                            DiagnosticSink& sink) {
  check_range(static_cast<double>(background_tpy), "background_tpy", 0.0, false, static_cast<double>(kMaxCapacityTpy),
              pointer, id, sink);
  if (capacity && *capacity >= 0 && background_tpy > *capacity && background_tpy >= 0)
    sink.warning("W-BACKGROUND", pointer + "/background_tpy",
                 "background_tpy (" + std::to_string(background_tpy) + ") exceeds the capacity (" +
                     std::to_string(*capacity) + "): nothing is left for corridor transit",
                 id);
  for (const ResourceUse& use : uses)
    check_range(use.factor, "uses/" + use.resource, 0.0, true, kMaxResourceFactor, pointer, id, sink);
}

}  // namespace

bool is_valid_node_id(std::string_view id) { return id_chars_ok(id, false); }

bool is_valid_link_id(std::string_view id) { return id_chars_ok(id, true); }

void check_node_values(const Node& node, const std::string& pointer, DiagnosticSink& sink) {
  const std::string id = "node " + node.id;
  if (!is_valid_node_id(node.id))
    sink.error("E-ID", pointer + "/id",
               "node id \"" + node.id + "\" must be 1-64 upper-case letters, digits or '_'", id);
  if (node.country.size() != 2 || !std::all_of(node.country.begin(), node.country.end(),
                                               [](char c) { return c >= 'A' && c <= 'Z'; }))
    sink.error("E-COUNTRY", pointer + "/country",
               "country \"" + node.country + "\" must be an ISO 3166-1 alpha-2 code such as \"KZ\"", id);
  check_range(node.lat, "lat", -90.0, false, 90.0, pointer, id, sink);
  check_range(node.lon, "lon", -180.0, false, 180.0, pointer, id, sink);
  check_range(node.dwell_hours, "dwell_hours", 0.0, false, kMaxHours, pointer, id, sink);
  check_range(node.transfer_hours, "transfer_hours", 0.0, false, kMaxHours, pointer, id, sink);
  if (node.capacity_tpy)
    check_range(static_cast<double>(*node.capacity_tpy), "capacity_tpy", 0.0, false,
                static_cast<double>(kMaxCapacityTpy), pointer, id, sink);
  if (node.handling_usd_per_t)
    check_range(*node.handling_usd_per_t, "handling_usd_per_t", 0.0, false, 1e6, pointer, id, sink);
  check_capacity_context(node.background_tpy, node.capacity_tpy, node.uses, pointer, id, sink);
  if (node.gauge_mm && (*node.gauge_mm < 500 || *node.gauge_mm > 2000))
    sink.error("E-RANGE", pointer + "/gauge_mm", "gauge_mm must be between 500 and 2000", id);
  if (node.dwell_distribution)
    check_distribution(*node.dwell_distribution, kMaxHours, pointer + "/dwell_distribution", id, sink);
  if (node.transfer_distribution)
    check_distribution(*node.transfer_distribution, kMaxHours, pointer + "/transfer_distribution", id, sink);
}

void check_link_values(const Link& link, const std::string& pointer, DiagnosticSink& sink) {
  const std::string id = "link " + link.id;
  if (!is_valid_link_id(link.id))
    sink.error("E-ID", pointer + "/id",
               "link id \"" + link.id + "\" must be 1-64 upper-case letters, digits, '_' or '-'", id);
  check_range(link.distance_km, "distance_km", 0.0, false, kMaxDistanceKm, pointer, id, sink);
  check_range(link.hours, "hours", 0.0, false, kMaxHours, pointer, id, sink);
  if (link.capacity_tpy)
    check_range(static_cast<double>(*link.capacity_tpy), "capacity_tpy", 0.0, false,
                static_cast<double>(kMaxCapacityTpy), pointer, id, sink);
  if (link.departures_per_week)
    check_range(*link.departures_per_week, "departures_per_week", kMinDeparturesPerWeek, false, kMaxDeparturesPerWeek,
                pointer, id, sink);
  if (link.vessel_payload_t) {
    check_range(*link.vessel_payload_t, "vessel_payload_t", 0.0, true, kMaxVesselPayloadT, pointer, id, sink);
    if (link.mode != Mode::Ferry && link.mode != Mode::Sea)
      sink.error("E-RANGE", pointer + "/vessel_payload_t", "vessel_payload_t is only meaningful on a ferry or sea link",
                 id);
  }
  check_capacity_context(link.background_tpy, link.capacity_or_sailings_tpy(), link.uses, pointer, id, sink);
  if (link.cost_usd_per_t) check_range(*link.cost_usd_per_t, "cost_usd_per_t", 0.0, false, 1e6, pointer, id, sink);
  if (link.cost_usd_per_teu)
    check_range(*link.cost_usd_per_teu, "cost_usd_per_teu", 0.0, false, 1e7, pointer, id, sink);
  if (link.co2_g_per_tkm) check_range(*link.co2_g_per_tkm, "co2_g_per_tkm", 0.0, false, 1e5, pointer, id, sink);
  if (link.gauge_mm && (*link.gauge_mm < 500 || *link.gauge_mm > 2000))
    sink.error("E-RANGE", pointer + "/gauge_mm", "gauge_mm must be between 500 and 2000", id);
  check_corridor_tags(link.corridors, pointer + "/corridor", sink, id);
  if (link.wait_distribution)
    check_distribution(*link.wait_distribution, kMaxHours, pointer + "/wait_distribution", id, sink);
  for (std::size_t i = 0; i < link.transit_countries.size(); ++i) {
    const std::string& c = link.transit_countries[i];
    if (c.size() != 2 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
      sink.error("E-COUNTRY", pointer + "/transit_countries/" + std::to_string(i),
                 "country \"" + c + "\" must be an ISO 3166-1 alpha-2 code such as \"RU\"", id);
  }
}

namespace {

bool has_field(const std::vector<std::string>& given, std::string_view field) {
  return std::find(given.begin(), given.end(), field) != given.end();
}

void settle_mean(double& figure, const OutOfLine<Distribution>& distribution, std::string_view field,
                 bool given, const std::string& pointer, const std::string& id, DiagnosticSink& sink) {
  if (!distribution) return;
  const double mean = distribution->mean_hours();
  if (!std::isfinite(mean)) return;  // reported by check_distribution
  if (given && std::fabs(figure - mean) > std::max(0.1, 0.01 * mean))
    sink.warning("W-DIST-MEAN", pointer + "/" + std::string(field),
                 std::string(field) + " = " + number_text(figure) + " differs from the mean " + number_text(mean) +
                     " of " + std::string(field.substr(0, field.find('_'))) + "_distribution (" +
                     distribution->describe() + "); the mean is used",
                 id);
  figure = mean;
}

}  // namespace

void check_resources(const std::vector<Resource>& resources, DiagnosticSink& sink) {
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const Resource& r = resources[i];
    const std::string pointer = "/resources/" + std::to_string(i);
    const std::string id = "resource " + r.id;
    check_resource_values(r, pointer, sink);
    for (std::size_t j = 0; j < i; ++j)
      if (resources[j].id == r.id && !r.id.empty()) {
        sink.error("E-DUP-ID", pointer + "/id",
                   "duplicate resource id \"" + r.id + "\" (first defined at /resources/" + std::to_string(j) + ")", id);
        break;
      }
  }
}

void check_resource_values(const Resource& r, const std::string& pointer, DiagnosticSink& sink) {
  const std::string id = "resource " + r.id;
  if (!is_valid_node_id(r.id))
    sink.error("E-ID", pointer + "/id", "resource id \"" + r.id + "\" must be 1-64 upper-case letters, digits or '_'",
               id);
  check_range(r.capacity, "capacity", 0.0, false, static_cast<double>(kMaxCapacityTpy), pointer, id, sink);
  check_range(r.background_tpy, "background_tpy", 0.0, false, static_cast<double>(kMaxCapacityTpy), pointer, id,
              sink);
  if (std::isfinite(r.capacity) && std::isfinite(r.background_tpy) && r.background_tpy > r.capacity &&
      r.background_tpy >= 0 && r.capacity >= 0)
    sink.warning("W-BACKGROUND", pointer + "/background_tpy",
                 "background_tpy (" + number_text(r.background_tpy) + ") exceeds the capacity (" +
                     number_text(r.capacity) + "): nothing is left for corridor transit",
                 id);
}

void check_resource_references(const std::vector<Resource>& resources, const std::vector<ResourceUse>& uses,
                               const std::string& pointer, const std::string& element_id, DiagnosticSink& sink) {
  for (std::size_t i = 0; i < uses.size(); ++i) {
    const ResourceUse& use = uses[i];
    // A JSON object cannot name a resource twice; a snapshot could, and would count it twice.
    if (std::any_of(uses.begin(), uses.begin() + static_cast<std::ptrdiff_t>(i),
                    [&](const ResourceUse& earlier) { return earlier.resource == use.resource; })) {
      sink.error("E-RESOURCE-REF", pointer + "/uses/" + use.resource, "resource \"" + use.resource + "\" is drawn on twice",
                 element_id);
      continue;
    }
    if (std::any_of(resources.begin(), resources.end(), [&](const Resource& r) { return r.id == use.resource; }))
      continue;
    std::vector<std::string> known;
    for (const Resource& r : resources) known.push_back(r.id);
    sink.error("E-RESOURCE-REF", pointer + "/uses/" + use.resource,
               "unknown resource \"" + use.resource + "\"" +
                   (known.empty() ? std::string(" (the network has no \"resources\" list)") : did_you_mean(use.resource, known)),
               element_id);
  }
}

void check_sailing_capacity(const Network& network, DiagnosticSink& sink) {
  for (std::size_t i = 0; i < network.links.size(); ++i) {
    const Link& link = network.links[i];
    if (link.mode != Mode::Ferry && link.mode != Mode::Sea) continue;
    if (link.capacity_or_sailings_tpy() || !link.capacity_note.empty()) continue;
    sink.warning("W-NO-CAPACITY", "/links/" + std::to_string(i),
                 std::string(to_string(link.mode)) +
                     " link without capacity: give capacity_tpy, or vessel_payload_t with departures_per_week "
                     "(capacity = payload x departures x 52), or a capacity_note saying why none can bind",
                 "link " + link.id);
  }
}

void settle_distribution_means(Node& node, const std::vector<std::string>& given, const std::string& pointer,
                               DiagnosticSink& sink) {
  const std::string id = "node " + node.id;
  settle_mean(node.dwell_hours, node.dwell_distribution, "dwell_hours", has_field(given, "dwell_hours"), pointer, id,
              sink);
  settle_mean(node.transfer_hours, node.transfer_distribution, "transfer_hours", has_field(given, "transfer_hours"),
              pointer, id, sink);
}

void settle_link_schedule(Link& link, const std::vector<std::string>& given, const std::string& pointer,
                          DiagnosticSink& sink) {
  const std::string id = "link " + link.id;
  if (link.schedule && link.wait_distribution)
    sink.error("E-DIST", pointer,
               "a link has either a timetable (departures) or a wait_distribution, not both: the timetable "
               "already determines the wait",
               id);
  if (!link.schedule || link.schedule->departure_minutes.empty()) return;
  const double count = link.schedule->departures_per_week();
  if (has_field(given, "departures_per_week") && link.departures_per_week && *link.departures_per_week != count)
    sink.warning("W-SCHEDULE-FREQ", pointer + "/departures_per_week",
                 "departures_per_week = " + number_text(*link.departures_per_week) + " but the timetable lists " +
                     number_text(count) + " departures a week; the timetable is used",
                 id);
  link.departures_per_week = count;
}

}  // namespace corridor
