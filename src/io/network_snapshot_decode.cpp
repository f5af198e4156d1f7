// The rows of a network snapshot: each column is found (SnapshotReader::next checks its tag,
// width, row count and bounds), then the rows are built one element at a time, every enum
// value, string index and table row checked on the way. Columns in the order of
// io/snapshot_format.hpp, the order network_snapshot_write.cpp writes them.

#include <bit>

#include "io/huge_pages.hpp"
#include "io/snapshot_reading.hpp"

namespace corridor::io::detail {
namespace {

constexpr std::uint8_t kNodeKinds = static_cast<std::uint8_t>(std::size(kNodeKindNames));
constexpr std::uint8_t kModes = static_cast<std::uint8_t>(std::size(kModeNames));
constexpr std::uint8_t kStatuses = static_cast<std::uint8_t>(std::size(kStatusNames));
constexpr std::uint8_t kDistributionKinds = static_cast<std::uint8_t>(std::size(kDistributionKindNames));
constexpr std::uint8_t kDelayForms = static_cast<std::uint8_t>(std::size(kDelayFormNames));

/// The members of a distribution that its kind does not use are 0 (as the JSON reader leaves them).
bool unused_members_zero(const Distribution& d) {
  const auto zero = [](double x) { return std::bit_cast<std::uint64_t>(x) == 0; };
  switch (d.kind) {
    case DistributionKind::Triangular:
      return zero(d.median_hours) && zero(d.p90_hours) && !d.cap_hours && d.values_hours.empty();
    case DistributionKind::Lognormal:
      return zero(d.min_hours) && zero(d.mode_hours) && zero(d.max_hours) && d.values_hours.empty();
    case DistributionKind::Empirical:
      return zero(d.min_hours) && zero(d.mode_hours) && zero(d.max_hours) && zero(d.median_hours) &&
             zero(d.p90_hours) && !d.cap_hours;
  }
  return false;
}

}  // namespace

Network SnapshotReader::read() {
  read_header();
  read_strings();
  Network network;
  read_network(network);
  read_resources(network);
  read_distributions();
  read_delays();
  read_schedules();
  read_nodes(network);
  read_links(network);
  if (pos_ != size_) fail("network snapshot has " + std::to_string(size_ - pos_) + " bytes after its last column");
  return network;
}

void SnapshotReader::read_network(Network& network) {
  const ColumnView name = next(Column::NetworkName, 4, 1), description = next(Column::NetworkDescription, 4, 1);
  OptionalColumn teu = optional(Column::NetworkTeuPresent, Column::NetworkTeu, 8, 1);
  network.name = string(name, 0);
  network.description = string(description, 0);
  network.tonnes_per_teu = take<double>(teu, 0, {});
  all_taken(teu);
}

void SnapshotReader::read_resources(Network& network) {
  const ColumnView id = next(Column::ResourceId, 4);
  const std::uint64_t rows = id.count;
  const ColumnView name = next(Column::ResourceName, 4, rows), capacity = next(Column::ResourceCapacity, 8, rows);
  const ColumnView unit = next(Column::ResourceUnit, 4, rows), background = next(Column::ResourceBackground, 8, rows);
  const Csr sources = csr(Column::ResourceSourcesOffsets, rows, Column::ResourceSources, 4);
  const ColumnView estimate = next(Column::ResourceEstimate, 4, rows), note = next(Column::ResourceNote, 4, rows);
  network.resources.reserve(rows);
  for (std::uint64_t i = 0; i < rows; ++i) {
    Resource& r = network.resources.emplace_back();
    r.id = string(id, i);
    r.name = string(name, i);
    r.capacity = capacity.get<double>(i);
    r.unit = string(unit, i);
    r.background_tpy = background.get<double>(i);
    r.sources = string_list(sources, i);
    r.estimate = string(estimate, i);
    r.note = string(note, i);
  }
}

void SnapshotReader::read_distributions() {
  const ColumnView kind = next(Column::DistributionKind, 1);
  const std::uint64_t rows = kind.count;
  const ColumnView min = next(Column::DistributionMin, 8, rows), mode = next(Column::DistributionMode, 8, rows);
  const ColumnView max = next(Column::DistributionMax, 8, rows), median = next(Column::DistributionMedian, 8, rows);
  const ColumnView p90 = next(Column::DistributionP90, 8, rows);
  OptionalColumn cap = optional(Column::DistributionCapPresent, Column::DistributionCap, 8, rows);
  const Csr values = csr(Column::DistributionValuesOffsets, rows, Column::DistributionValues, 8);
  distributions_.reserve(rows);
  for (std::uint64_t i = 0; i < rows; ++i) {
    Distribution& d = distributions_.emplace_back();
    d.kind = static_cast<DistributionKind>(small(kind, i, kDistributionKinds, "a distribution type"));
    d.min_hours = min.get<double>(i);
    d.mode_hours = mode.get<double>(i);
    d.max_hours = max.get<double>(i);
    d.median_hours = median.get<double>(i);
    d.p90_hours = p90.get<double>(i);
    d.cap_hours = take<double>(cap, i, {});
    for (std::uint32_t k = values.begin(i); k < values.end(i); ++k) d.values_hours.push_back(values.values.get<double>(k));
    if (!unused_members_zero(d))
      fail_at(kind, i, "a " + std::string(to_string(d.kind)) + " distribution with members of another type");
  }
  all_taken(cap);
}

void SnapshotReader::read_delays() {
  const ColumnView form = next(Column::DelayForm, 1);
  const std::uint64_t rows = form.count;
  const ColumnView capacity = next(Column::DelayCapacity, 8, rows), alpha = next(Column::DelayAlpha, 8, rows);
  const ColumnView beta = next(Column::DelayBeta, 8, rows), service = next(Column::DelayServiceHours, 8, rows);
  const ColumnView variability = next(Column::DelayVariability, 8, rows);
  const ColumnView utilisation = next(Column::DelayMaxUtilisation, 8, rows);
  delays_.reserve(rows);
  for (std::uint64_t i = 0; i < rows; ++i) {
    DelayFunction& f = delays_.emplace_back();
    f.form = static_cast<DelayForm>(small(form, i, kDelayForms, "a delay function"));
    f.capacity_tpy = capacity.get<double>(i);
    f.alpha = alpha.get<double>(i);
    f.beta = beta.get<double>(i);
    f.service_hours = service.get<double>(i);
    f.variability = variability.get<double>(i);
    f.max_utilisation = utilisation.get<double>(i);
  }
}

void SnapshotReader::read_schedules() {
  const Csr minutes = csr(Column::ScheduleOffsets, kAnyRows, Column::ScheduleMinutes, 4);
  const std::uint64_t rows = minutes.offsets.count - 1;
  schedules_.reserve(rows);
  for (std::uint64_t i = 0; i < rows; ++i) {
    WeeklySchedule& s = schedules_.emplace_back();
    for (std::uint32_t k = minutes.begin(i); k < minutes.end(i); ++k)
      s.departure_minutes.push_back(minutes.values.get<std::int32_t>(k));
  }
}

std::vector<ResourceUse> SnapshotReader::uses(const Csr& resources, const ColumnView& factors,
                                              std::uint64_t row) const {
  std::vector<ResourceUse> out;
  const std::uint32_t begin = resources.begin(row), end = resources.end(row);
  if (begin == end) return out;
  for (std::uint32_t k = begin; k < end; ++k)
    out.push_back({string(resources.values, k), factors.get<double>(k)});
  return out;
}

// One column per member: long, but a list (reason: each member read where its column is named).
void SnapshotReader::read_nodes(Network& network) {
  const ColumnView id = next(Column::NodeId, 4);
  const std::uint64_t rows = id.count;
  const ColumnView name = next(Column::NodeName, 4, rows), country = next(Column::NodeCountry, 4, rows);
  const ColumnView kind = next(Column::NodeKind, 1, rows), lat = next(Column::NodeLat, 8, rows);
  const ColumnView lon = next(Column::NodeLon, 8, rows), dwell = next(Column::NodeDwellHours, 8, rows);
  const ColumnView transfer = next(Column::NodeTransferHours, 8, rows);
  const ColumnView allows = next(Column::NodeAllowsTransfer, 1, rows);
  OptionalColumn capacity = optional(Column::NodeCapacityPresent, Column::NodeCapacity, 8, rows);
  const ColumnView background = next(Column::NodeBackground, 8, rows);
  const Csr use_offsets = csr(Column::NodeUsesOffsets, rows, Column::NodeUsesResource, 4);
  const ColumnView use_factors = next(Column::NodeUsesFactor, 8, use_offsets.values.count);
  const ColumnView capacity_note = next(Column::NodeCapacityNote, 4, rows);
  const Csr aliases = csr(Column::NodeAliasesOffsets, rows, Column::NodeAliases, 4);
  OptionalColumn gauge = optional(Column::NodeGaugePresent, Column::NodeGauge, 4, rows);
  OptionalColumn handling = optional(Column::NodeHandlingPresent, Column::NodeHandling, 8, rows);
  const ColumnView status = next(Column::NodeStatus, 1, rows);
  const Csr sources = csr(Column::NodeSourcesOffsets, rows, Column::NodeSources, 4);
  const ColumnView estimate = next(Column::NodeEstimate, 4, rows), note = next(Column::NodeNote, 4, rows);
  const ColumnView dwell_distribution = next(Column::NodeDwellDistribution, 1, rows);
  const ColumnView transfer_distribution = next(Column::NodeTransferDistribution, 1, rows);
  const ColumnView delay = next(Column::NodeDelay, 1, rows);
  network.nodes.reserve(rows);
  prefer_huge_pages(network.nodes);
  for (std::uint64_t i = 0; i < rows; ++i) {
    Node& n = network.nodes.emplace_back();
    n.id = string(id, i);
    const Element element{"node", &n.id};
    n.name = string(name, i);
    n.country = string(country, i);
    n.kind = static_cast<NodeKind>(small(kind, i, kNodeKinds, "a node kind", element));
    n.lat = lat.get<double>(i);
    n.lon = lon.get<double>(i);
    n.dwell_hours = dwell.get<double>(i);
    n.transfer_hours = transfer.get<double>(i);
    n.allows_transfer = small(allows, i, 2, "0 or 1", element) != 0;
    n.capacity_tpy = take<std::int64_t>(capacity, i, element);
    n.background_tpy = background.get<std::int64_t>(i);
    n.uses = uses(use_offsets, use_factors, i);
    n.capacity_note = string(capacity_note, i);
    n.aliases = string_list(aliases, i);
    n.gauge_mm = take<std::int32_t>(gauge, i, element);
    n.handling_usd_per_t = take<double>(handling, i, element);
    n.status = static_cast<Status>(small(status, i, kStatuses, "a status", element));
    n.sources = string_list(sources, i);
    n.estimate = string(estimate, i);
    n.note = string(note, i);
    take_row(dwell_distribution, i, distributions_, next_distribution_, n.dwell_distribution, element);
    take_row(transfer_distribution, i, distributions_, next_distribution_, n.transfer_distribution, element);
    take_row(delay, i, delays_, next_delay_, n.delay, element);
  }
  for (const OptionalColumn* column : {&capacity, &gauge, &handling}) all_taken(*column);
}

// One column per member, like read_nodes (reason: the same).
void SnapshotReader::read_links(Network& network) {
  const ColumnView id = next(Column::LinkId, 4);
  const std::uint64_t rows = id.count;
  const ColumnView from = next(Column::LinkFrom, 4, rows), to = next(Column::LinkTo, 4, rows);
  const ColumnView mode = next(Column::LinkMode, 1, rows), distance = next(Column::LinkDistanceKm, 8, rows);
  const ColumnView hours = next(Column::LinkHours, 8, rows);
  OptionalColumn capacity = optional(Column::LinkCapacityPresent, Column::LinkCapacity, 8, rows);
  OptionalColumn departures = optional(Column::LinkDeparturesPresent, Column::LinkDepartures, 8, rows);
  OptionalColumn payload = optional(Column::LinkPayloadPresent, Column::LinkPayload, 8, rows);
  const ColumnView background = next(Column::LinkBackground, 8, rows);
  const Csr use_offsets = csr(Column::LinkUsesOffsets, rows, Column::LinkUsesResource, 4);
  const ColumnView use_factors = next(Column::LinkUsesFactor, 8, use_offsets.values.count);
  const ColumnView capacity_note = next(Column::LinkCapacityNote, 4, rows);
  const ColumnView bidirectional = next(Column::LinkBidirectional, 1, rows);
  const Csr corridors = csr(Column::LinkCorridorsOffsets, rows, Column::LinkCorridors, 4);
  const Csr transit = csr(Column::LinkTransitOffsets, rows, Column::LinkTransit, 4);
  const Csr waypoints = csr(Column::LinkWaypointsOffsets, rows, Column::LinkWaypointLat, 8);
  const ColumnView waypoint_lon = next(Column::LinkWaypointLon, 8, waypoints.values.count);
  OptionalColumn gauge = optional(Column::LinkGaugePresent, Column::LinkGauge, 4, rows);
  OptionalColumn cost = optional(Column::LinkCostPresent, Column::LinkCost, 8, rows);
  OptionalColumn teu = optional(Column::LinkCostTeuPresent, Column::LinkCostTeu, 8, rows);
  OptionalColumn co2 = optional(Column::LinkCo2Present, Column::LinkCo2, 8, rows);
  const ColumnView status = next(Column::LinkStatus, 1, rows);
  const Csr sources = csr(Column::LinkSourcesOffsets, rows, Column::LinkSources, 4);
  const ColumnView estimate = next(Column::LinkEstimate, 4, rows), note = next(Column::LinkNote, 4, rows);
  const ColumnView crossing = next(Column::LinkCrossing, 4, rows);
  const ColumnView wait = next(Column::LinkWaitDistribution, 1, rows), schedule = next(Column::LinkSchedule, 1, rows);
  const ColumnView delay = next(Column::LinkDelay, 1, rows);
  const std::uint64_t nodes = network.nodes.size();
  network.links.reserve(rows);
  prefer_huge_pages(network.links);
  for (std::uint64_t i = 0; i < rows; ++i) {
    Link& l = network.links.emplace_back();
    l.id = string(id, i);
    const Element element{"link", &l.id};
    l.from = from.get<std::uint32_t>(i);
    l.to = to.get<std::uint32_t>(i);
    if (l.from >= nodes) fail_at(from, i, "node row " + std::to_string(l.from) + " is not below the " +
                                              std::to_string(nodes) + " nodes", element);
    if (l.to >= nodes) fail_at(to, i, "node row " + std::to_string(l.to) + " is not below the " +
                                          std::to_string(nodes) + " nodes", element);
    l.mode = static_cast<Mode>(small(mode, i, kModes, "a mode", element));
    l.distance_km = distance.get<double>(i);
    l.hours = hours.get<double>(i);
    l.capacity_tpy = take<std::int64_t>(capacity, i, element);
    l.departures_per_week = take<double>(departures, i, element);
    l.vessel_payload_t = take<double>(payload, i, element);
    l.background_tpy = background.get<std::int64_t>(i);
    l.uses = uses(use_offsets, use_factors, i);
    l.capacity_note = string(capacity_note, i);
    l.bidirectional = small(bidirectional, i, 2, "0 or 1", element) != 0;
    l.corridors = string_list(corridors, i);
    l.transit_countries = string_list(transit, i);
    for (std::uint32_t k = waypoints.begin(i); k < waypoints.end(i); ++k)
      l.waypoints.push_back({waypoints.values.get<double>(k), waypoint_lon.get<double>(k)});
    l.gauge_mm = take<std::int32_t>(gauge, i, element);
    l.cost_usd_per_t = take<double>(cost, i, element);
    l.cost_usd_per_teu = take<double>(teu, i, element);
    l.co2_g_per_tkm = take<double>(co2, i, element);
    l.status = static_cast<Status>(small(status, i, kStatuses, "a status", element));
    l.sources = string_list(sources, i);
    l.estimate = string(estimate, i);
    l.note = string(note, i);
    l.crossing = string(crossing, i);
    take_row(wait, i, distributions_, next_distribution_, l.wait_distribution, element);
    take_row(schedule, i, schedules_, next_schedule_, l.schedule, element);
    take_row(delay, i, delays_, next_delay_, l.delay, element);
  }
  for (const OptionalColumn* column : {&capacity, &departures, &payload, &gauge, &cost, &teu, &co2}) all_taken(*column);
  if (next_distribution_ != distributions_.size() || next_delay_ != delays_.size() ||
      next_schedule_ != schedules_.size())
    fail("network snapshot: a distribution, delay function or timetable that no element has");
}

}  // namespace corridor::io::detail
