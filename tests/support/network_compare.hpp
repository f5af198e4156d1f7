#pragma once
// Whether two networks are the same, member by member (floats bit for bit, so -0.0 differs
// from 0.0), for the differential tests of the two network readers and the network fuzzer.

#include <bit>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "model/network.hpp"

namespace corridor::test {
namespace compare_detail {

class Differences {
 public:
  template <typename T>
  void same(const std::string& what, const T& a, const T& b) {
    if (!first_.empty()) return;
    if (!equal(a, b)) first_ = what;
  }
  const std::string& first() const { return first_; }

 private:
  static bool equal(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
  template <typename T>
  static bool equal(const std::optional<T>& a, const std::optional<T>& b) {
    return a.has_value() == b.has_value() && (!a || equal(*a, *b));
  }
  template <typename T>
  static bool equal(const OutOfLine<T>& a, const OutOfLine<T>& b) {
    return a.has_value() == b.has_value() && (!a || equal(*a, *b));
  }
  template <typename T>
  static bool equal(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!equal(a[i], b[i])) return false;
    return true;
  }
  template <typename T>
  static bool equal(const OutOfLineList<T>& a, const OutOfLineList<T>& b) {
    return equal(a.list(), b.list());
  }
  static bool equal(const ResourceUse& a, const ResourceUse& b) {
    return a.resource == b.resource && equal(a.factor, b.factor);
  }
  static bool equal(const GeoPoint& a, const GeoPoint& b) { return equal(a.lat, b.lat) && equal(a.lon, b.lon); }
  static bool equal(const Distribution& a, const Distribution& b) {
    return a.kind == b.kind && equal(a.min_hours, b.min_hours) && equal(a.mode_hours, b.mode_hours) &&
           equal(a.max_hours, b.max_hours) && equal(a.median_hours, b.median_hours) &&
           equal(a.p90_hours, b.p90_hours) && equal(a.cap_hours, b.cap_hours) && equal(a.values_hours, b.values_hours);
  }
  static bool equal(const DelayFunction& a, const DelayFunction& b) {
    return a.form == b.form && equal(a.capacity_tpy, b.capacity_tpy) && equal(a.alpha, b.alpha) &&
           equal(a.beta, b.beta) && equal(a.service_hours, b.service_hours) && equal(a.variability, b.variability) &&
           equal(a.max_utilisation, b.max_utilisation);
  }
  static bool equal(const WeeklySchedule& a, const WeeklySchedule& b) { return a == b; }
  template <typename T>
  static bool equal(const T& a, const T& b) {
    return a == b;
  }

  std::string first_;
};

}  // namespace compare_detail

/// The first member in which the networks differ ("node 3 (N3) lat"), or "" when they are the same.
inline std::string network_difference(const Network& a, const Network& b) {
  compare_detail::Differences d;
  d.same("name", a.name, b.name);
  d.same("description", a.description, b.description);
  d.same("tonnes_per_teu", a.tonnes_per_teu, b.tonnes_per_teu);
  d.same("number of nodes", a.nodes.size(), b.nodes.size());
  d.same("number of links", a.links.size(), b.links.size());
  d.same("number of resources", a.resources.size(), b.resources.size());
  if (!d.first().empty()) return d.first();
  for (std::size_t i = 0; i < a.resources.size(); ++i) {
    const Resource& x = a.resources[i];
    const Resource& y = b.resources[i];
    const std::string at = "resource " + std::to_string(i) + " (" + x.id + ") ";
    d.same(at + "id", x.id, y.id);
    d.same(at + "name", x.name, y.name);
    d.same(at + "capacity", x.capacity, y.capacity);
    d.same(at + "unit", x.unit, y.unit);
    d.same(at + "background_tpy", x.background_tpy, y.background_tpy);
    d.same(at + "sources", x.sources, y.sources);
    d.same(at + "estimate", x.estimate, y.estimate);
    d.same(at + "note", x.note, y.note);
  }
  for (std::size_t i = 0; i < a.nodes.size() && d.first().empty(); ++i) {
    const Node& x = a.nodes[i];
    const Node& y = b.nodes[i];
    const std::string at = "node " + std::to_string(i) + " (" + x.id + ") ";
    d.same(at + "id", x.id, y.id);
    d.same(at + "name", x.name, y.name);
    d.same(at + "country", x.country, y.country);
    d.same(at + "kind", x.kind, y.kind);
    d.same(at + "lat", x.lat, y.lat);
    d.same(at + "lon", x.lon, y.lon);
    d.same(at + "dwell_hours", x.dwell_hours, y.dwell_hours);
    d.same(at + "transfer_hours", x.transfer_hours, y.transfer_hours);
    d.same(at + "allows_transfer", x.allows_transfer, y.allows_transfer);
    d.same(at + "capacity_tpy", x.capacity_tpy, y.capacity_tpy);
    d.same(at + "background_tpy", x.background_tpy, y.background_tpy);
    d.same(at + "uses", x.uses, y.uses);
    d.same(at + "capacity_note", x.capacity_note, y.capacity_note);
    d.same(at + "aliases", x.aliases, y.aliases);
    d.same(at + "gauge_mm", x.gauge_mm, y.gauge_mm);
    d.same(at + "handling_usd_per_t", x.handling_usd_per_t, y.handling_usd_per_t);
    d.same(at + "status", x.status, y.status);
    d.same(at + "sources", x.sources, y.sources);
    d.same(at + "estimate", x.estimate, y.estimate);
    d.same(at + "note", x.note, y.note);
    d.same(at + "dwell_distribution", x.dwell_distribution, y.dwell_distribution);
    d.same(at + "transfer_distribution", x.transfer_distribution, y.transfer_distribution);
    d.same(at + "delay", x.delay, y.delay);
    d.same(at + "index", a.find_node(x.id), b.find_node(y.id));
  }
  for (std::size_t i = 0; i < a.links.size() && d.first().empty(); ++i) {
    const Link& x = a.links[i];
    const Link& y = b.links[i];
    const std::string at = "link " + std::to_string(i) + " (" + x.id + ") ";
    d.same(at + "id", x.id, y.id);
    d.same(at + "from", x.from, y.from);
    d.same(at + "to", x.to, y.to);
    d.same(at + "mode", x.mode, y.mode);
    d.same(at + "distance_km", x.distance_km, y.distance_km);
    d.same(at + "hours", x.hours, y.hours);
    d.same(at + "capacity_tpy", x.capacity_tpy, y.capacity_tpy);
    d.same(at + "departures_per_week", x.departures_per_week, y.departures_per_week);
    d.same(at + "vessel_payload_t", x.vessel_payload_t, y.vessel_payload_t);
    d.same(at + "background_tpy", x.background_tpy, y.background_tpy);
    d.same(at + "uses", x.uses, y.uses);
    d.same(at + "capacity_note", x.capacity_note, y.capacity_note);
    d.same(at + "bidirectional", x.bidirectional, y.bidirectional);
    d.same(at + "corridors", x.corridors, y.corridors);
    d.same(at + "transit_countries", x.transit_countries, y.transit_countries);
    d.same(at + "waypoints", x.waypoints, y.waypoints);
    d.same(at + "gauge_mm", x.gauge_mm, y.gauge_mm);
    d.same(at + "cost_usd_per_t", x.cost_usd_per_t, y.cost_usd_per_t);
    d.same(at + "cost_usd_per_teu", x.cost_usd_per_teu, y.cost_usd_per_teu);
    d.same(at + "co2_g_per_tkm", x.co2_g_per_tkm, y.co2_g_per_tkm);
    d.same(at + "status", x.status, y.status);
    d.same(at + "sources", x.sources, y.sources);
    d.same(at + "estimate", x.estimate, y.estimate);
    d.same(at + "note", x.note, y.note);
    d.same(at + "crossing", x.crossing, y.crossing);
    d.same(at + "wait_distribution", x.wait_distribution, y.wait_distribution);
    d.same(at + "schedule", x.schedule, y.schedule);
    d.same(at + "delay", x.delay, y.delay);
    d.same(at + "index", a.find_link(x.id), b.find_link(y.id));
  }
  return d.first();
}

}  // namespace corridor::test
