// Writing a network snapshot (io/network_snapshot.hpp; the layout in io/snapshot_format.hpp and
// docs/snapshot.md). The reader, network_snapshot_read.cpp, reads the columns in the same order.

#include <cstring>
#include <ostream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "io/network_snapshot.hpp"
#include "io/snapshot_format.hpp"

namespace corridor::io {
namespace {

using detail::Column;

// A member added to one of these types must be written below, read in
// network_snapshot_read.cpp and compared in tests/support/network_compare.hpp (the round trip in
// tests/io/test_network_snapshot.cpp sets every member); then update the size here. The sizes
// are those of libstdc++ on a 64-bit machine (the build's), where they are checked.
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Node) == 232, "a member added to Node: store it in the snapshot (see above)");
static_assert(sizeof(Link) == 216, "a member added to Link: store it in the snapshot (see above)");
static_assert(sizeof(Network) == 216, "a member added to Network: store it in the snapshot (see above)");
static_assert(sizeof(Resource) == 200, "a member added to Resource: store it in the snapshot (see above)");
static_assert(sizeof(ResourceUse) == 40, "a member added to ResourceUse: store it in the snapshot (see above)");
static_assert(sizeof(GeoPoint) == 16, "a member added to GeoPoint: store it in the snapshot (see above)");
static_assert(sizeof(Distribution) == 88, "a member added to Distribution: store it in the snapshot (see above)");
static_assert(sizeof(DelayFunction) == 56, "a member added to DelayFunction: store it in the snapshot (see above)");
static_assert(sizeof(WeeklySchedule) == 24, "a member added to WeeklySchedule: store it in the snapshot (see above)");
#endif

/// The payload's columns, appended in file order (the string table is written last but
/// placed first: the other columns intern their strings as they are written).
class PayloadWriter {
 public:
  /// One fixed-width value per row.
  template <typename T, typename Row, typename Get>
  void column(Column tag, const std::vector<Row>& rows, Get get) {
    begin(body_, tag, sizeof(T), rows.size());
    for (const Row& row : rows) append<T>(body_, static_cast<T>(get(row)));
    pad(body_);
  }
  /// A string per row, as its index in the string table.
  template <typename Row, typename Get>
  void strings(Column tag, const std::vector<Row>& rows, Get get) {
    column<std::uint32_t>(tag, rows, [&](const Row& row) { return intern(get(row)); });
  }
  /// An optional per row: presence (u8, a row each) and value (a row each present one) columns.
  template <typename T, typename Row, typename Get>
  void optional(Column present, Column value, const std::vector<Row>& rows, Get get) {
    std::uint64_t count = 0;
    begin(body_, present, 1, rows.size());
    for (const Row& row : rows) {
      const bool has = get(row).has_value();
      append<std::uint8_t>(body_, has ? 1 : 0);
      count += has;
    }
    pad(body_);
    begin(body_, value, sizeof(T), count);
    for (const Row& row : rows)
      if (const auto& v = get(row); v.has_value()) append<T>(body_, static_cast<T>(*v));
    pad(body_);
  }
  /// A list per row: the CSR offsets (rows + 1 of them, u32).
  template <typename Row, typename List>
  void offsets(Column tag, const std::vector<Row>& rows, List list) {
    begin(body_, tag, sizeof(std::uint32_t), rows.size() + 1);
    std::uint64_t total = 0;
    append<std::uint32_t>(body_, 0);
    for (const Row& row : rows) {
      total += list(row).size();
      if (total > 0xFFFFFFFEu) throw std::length_error("network snapshot: a list column is too long");
      append<std::uint32_t>(body_, static_cast<std::uint32_t>(total));
    }
    pad(body_);
  }
  /// The flat values of every row's list, one fixed-width value per item.
  template <typename T, typename Row, typename List, typename Get>
  void items(Column tag, const std::vector<Row>& rows, List list, Get get) {
    std::uint64_t count = 0;
    for (const Row& row : rows) count += list(row).size();
    begin(body_, tag, sizeof(T), count);
    for (const Row& row : rows)
      for (const auto& item : list(row)) append<T>(body_, static_cast<T>(get(item)));
    pad(body_);
  }
  /// A list of strings per row: offsets and string indices.
  template <typename Row, typename List>
  void string_lists(Column offsets_tag, Column items_tag, const std::vector<Row>& rows, List list) {
    offsets(offsets_tag, rows, list);
    items<std::uint32_t>(items_tag, rows, list, [&](const std::string& s) { return intern(s); });
  }

  /// A string's index in the string table (each distinct string is stored once).
  std::uint32_t intern(std::string_view text) {
    const auto [it, added] = index_.try_emplace(text, static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(text);
    return it->second;
  }

  /// The header and the payload (string table first).
  std::string finish() {
    std::string payload;
    begin(payload, Column::StringOffsets, sizeof(std::uint64_t), strings_.size() + 1);
    std::uint64_t offset = 0;
    append<std::uint64_t>(payload, 0);
    for (const std::string_view s : strings_) append<std::uint64_t>(payload, offset += s.size());
    pad(payload);
    begin(payload, Column::StringBytes, 1, offset);
    for (const std::string_view s : strings_) payload.append(s);
    pad(payload);
    payload += body_;

    std::string file;
    file.reserve(detail::kSnapshotHeaderBytes + payload.size());
    file.append(detail::kSnapshotMagic, sizeof detail::kSnapshotMagic);
    append<std::uint32_t>(file, detail::kSnapshotVersion);
    append<std::uint32_t>(file, detail::kByteOrderMark);
    append<std::uint64_t>(file, payload.size());
    append<std::uint64_t>(file, detail::xxh64(payload.data(), payload.size()));
    append<std::uint64_t>(file, 0);  // reserved
    file += payload;
    return file;
  }

 private:
  template <typename T>
  static void append(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));  // little-endian machines only (see kByteOrderMark)
    out.append(bytes, sizeof(T));
  }
  static void begin(std::string& out, Column tag, std::uint32_t width, std::uint64_t count) {
    append<std::uint32_t>(out, static_cast<std::uint32_t>(tag));
    append<std::uint32_t>(out, width);
    append<std::uint64_t>(out, count);
  }
  static void pad(std::string& out) { out.append((8 - out.size() % 8) % 8, '\0'); }

  std::string body_;
  std::vector<std::string_view> strings_;  // views into the network, which outlives the writer
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

/// The out-of-line members (distributions, delay functions, timetables), each stored in a table
/// of its own, in the order the elements refer to them: an element's column only says whether
/// it has one (the reader takes the next row of the table).
template <typename T>
class Table {
 public:
  void add(const OutOfLine<T>& value) {
    if (value) rows_.push_back(&*value);
  }
  const std::vector<const T*>& rows() const { return rows_; }

 private:
  std::vector<const T*> rows_;
};

void write_tables(PayloadWriter& w, const Table<Distribution>& distributions, const Table<DelayFunction>& delays,
                  const Table<WeeklySchedule>& schedules) {
  using D = const Distribution*;
  const auto& d = distributions.rows();
  w.column<std::uint8_t>(Column::DistributionKind, d, [](D x) { return static_cast<std::uint8_t>(x->kind); });
  w.column<double>(Column::DistributionMin, d, [](D x) { return x->min_hours; });
  w.column<double>(Column::DistributionMode, d, [](D x) { return x->mode_hours; });
  w.column<double>(Column::DistributionMax, d, [](D x) { return x->max_hours; });
  w.column<double>(Column::DistributionMedian, d, [](D x) { return x->median_hours; });
  w.column<double>(Column::DistributionP90, d, [](D x) { return x->p90_hours; });
  w.optional<double>(Column::DistributionCapPresent, Column::DistributionCap, d, [](D x) { return x->cap_hours; });
  const auto values = [](D x) -> const std::vector<double>& { return x->values_hours; };
  w.offsets(Column::DistributionValuesOffsets, d, values);
  w.items<double>(Column::DistributionValues, d, values, [](double v) { return v; });

  using F = const DelayFunction*;
  const auto& f = delays.rows();
  w.column<std::uint8_t>(Column::DelayForm, f, [](F x) { return static_cast<std::uint8_t>(x->form); });
  w.column<double>(Column::DelayCapacity, f, [](F x) { return x->capacity_tpy; });
  w.column<double>(Column::DelayAlpha, f, [](F x) { return x->alpha; });
  w.column<double>(Column::DelayBeta, f, [](F x) { return x->beta; });
  w.column<double>(Column::DelayServiceHours, f, [](F x) { return x->service_hours; });
  w.column<double>(Column::DelayVariability, f, [](F x) { return x->variability; });
  w.column<double>(Column::DelayMaxUtilisation, f, [](F x) { return x->max_utilisation; });

  using S = const WeeklySchedule*;
  const auto minutes = [](S x) -> const std::vector<int>& { return x->departure_minutes; };
  w.offsets(Column::ScheduleOffsets, schedules.rows(), minutes);
  w.items<std::int32_t>(Column::ScheduleMinutes, schedules.rows(), minutes, [](int m) { return m; });
}

void write_nodes(PayloadWriter& w, const std::vector<Node>& n) {
  w.strings(Column::NodeId, n, [](const Node& x) -> const std::string& { return x.id; });
  w.strings(Column::NodeName, n, [](const Node& x) -> const std::string& { return x.name; });
  w.strings(Column::NodeCountry, n, [](const Node& x) -> const std::string& { return x.country; });
  w.column<std::uint8_t>(Column::NodeKind, n, [](const Node& x) { return static_cast<std::uint8_t>(x.kind); });
  w.column<double>(Column::NodeLat, n, [](const Node& x) { return x.lat; });
  w.column<double>(Column::NodeLon, n, [](const Node& x) { return x.lon; });
  w.column<double>(Column::NodeDwellHours, n, [](const Node& x) { return x.dwell_hours; });
  w.column<double>(Column::NodeTransferHours, n, [](const Node& x) { return x.transfer_hours; });
  w.column<std::uint8_t>(Column::NodeAllowsTransfer, n, [](const Node& x) { return x.allows_transfer ? 1 : 0; });
  w.optional<std::int64_t>(Column::NodeCapacityPresent, Column::NodeCapacity, n,
                           [](const Node& x) { return x.capacity_tpy; });
  w.column<std::int64_t>(Column::NodeBackground, n, [](const Node& x) { return x.background_tpy; });
  const auto uses = [](const Node& x) -> const std::vector<ResourceUse>& { return x.uses; };
  w.offsets(Column::NodeUsesOffsets, n, uses);
  w.items<std::uint32_t>(Column::NodeUsesResource, n, uses, [&](const ResourceUse& u) { return w.intern(u.resource); });
  w.items<double>(Column::NodeUsesFactor, n, uses, [](const ResourceUse& u) { return u.factor; });
  w.strings(Column::NodeCapacityNote, n, [](const Node& x) -> const std::string& { return x.capacity_note; });
  w.string_lists(Column::NodeAliasesOffsets, Column::NodeAliases, n,
                 [](const Node& x) -> const std::vector<std::string>& { return x.aliases; });
  w.optional<std::int32_t>(Column::NodeGaugePresent, Column::NodeGauge, n, [](const Node& x) { return x.gauge_mm; });
  w.optional<double>(Column::NodeHandlingPresent, Column::NodeHandling, n,
                     [](const Node& x) { return x.handling_usd_per_t; });
  w.column<std::uint8_t>(Column::NodeStatus, n, [](const Node& x) { return static_cast<std::uint8_t>(x.status); });
  w.string_lists(Column::NodeSourcesOffsets, Column::NodeSources, n,
                 [](const Node& x) -> const std::vector<std::string>& { return x.sources; });
  w.strings(Column::NodeEstimate, n, [](const Node& x) -> const std::string& { return x.estimate; });
  w.strings(Column::NodeNote, n, [](const Node& x) -> const std::string& { return x.note; });
  w.column<std::uint8_t>(Column::NodeDwellDistribution, n, [](const Node& x) { return x.dwell_distribution ? 1 : 0; });
  w.column<std::uint8_t>(Column::NodeTransferDistribution, n,
                         [](const Node& x) { return x.transfer_distribution ? 1 : 0; });
  w.column<std::uint8_t>(Column::NodeDelay, n, [](const Node& x) { return x.delay ? 1 : 0; });
}

void write_links(PayloadWriter& w, const std::vector<Link>& l) {
  w.strings(Column::LinkId, l, [](const Link& x) -> const std::string& { return x.id; });
  w.column<std::uint32_t>(Column::LinkFrom, l, [](const Link& x) { return x.from; });
  w.column<std::uint32_t>(Column::LinkTo, l, [](const Link& x) { return x.to; });
  w.column<std::uint8_t>(Column::LinkMode, l, [](const Link& x) { return static_cast<std::uint8_t>(x.mode); });
  w.column<double>(Column::LinkDistanceKm, l, [](const Link& x) { return x.distance_km; });
  w.column<double>(Column::LinkHours, l, [](const Link& x) { return x.hours; });
  w.optional<std::int64_t>(Column::LinkCapacityPresent, Column::LinkCapacity, l,
                           [](const Link& x) { return x.capacity_tpy; });
  w.optional<double>(Column::LinkDeparturesPresent, Column::LinkDepartures, l,
                     [](const Link& x) { return x.departures_per_week; });
  w.optional<double>(Column::LinkPayloadPresent, Column::LinkPayload, l,
                     [](const Link& x) { return x.vessel_payload_t; });
  w.column<std::int64_t>(Column::LinkBackground, l, [](const Link& x) { return x.background_tpy; });
  const auto uses = [](const Link& x) -> const std::vector<ResourceUse>& { return x.uses; };
  w.offsets(Column::LinkUsesOffsets, l, uses);
  w.items<std::uint32_t>(Column::LinkUsesResource, l, uses, [&](const ResourceUse& u) { return w.intern(u.resource); });
  w.items<double>(Column::LinkUsesFactor, l, uses, [](const ResourceUse& u) { return u.factor; });
  w.strings(Column::LinkCapacityNote, l, [](const Link& x) -> const std::string& { return x.capacity_note; });
  w.column<std::uint8_t>(Column::LinkBidirectional, l, [](const Link& x) { return x.bidirectional ? 1 : 0; });
  w.string_lists(Column::LinkCorridorsOffsets, Column::LinkCorridors, l,
                 [](const Link& x) -> const std::vector<std::string>& { return x.corridors; });
  w.string_lists(Column::LinkTransitOffsets, Column::LinkTransit, l,
                 [](const Link& x) -> const std::vector<std::string>& { return x.transit_countries; });
  const auto waypoints = [](const Link& x) -> const std::vector<GeoPoint>& { return x.waypoints; };
  w.offsets(Column::LinkWaypointsOffsets, l, waypoints);
  w.items<double>(Column::LinkWaypointLat, l, waypoints, [](const GeoPoint& p) { return p.lat; });
  w.items<double>(Column::LinkWaypointLon, l, waypoints, [](const GeoPoint& p) { return p.lon; });
  w.optional<std::int32_t>(Column::LinkGaugePresent, Column::LinkGauge, l, [](const Link& x) { return x.gauge_mm; });
  w.optional<double>(Column::LinkCostPresent, Column::LinkCost, l, [](const Link& x) { return x.cost_usd_per_t; });
  w.optional<double>(Column::LinkCostTeuPresent, Column::LinkCostTeu, l,
                     [](const Link& x) { return x.cost_usd_per_teu; });
  w.optional<double>(Column::LinkCo2Present, Column::LinkCo2, l, [](const Link& x) { return x.co2_g_per_tkm; });
  w.column<std::uint8_t>(Column::LinkStatus, l, [](const Link& x) { return static_cast<std::uint8_t>(x.status); });
  w.string_lists(Column::LinkSourcesOffsets, Column::LinkSources, l,
                 [](const Link& x) -> const std::vector<std::string>& { return x.sources; });
  w.strings(Column::LinkEstimate, l, [](const Link& x) -> const std::string& { return x.estimate; });
  w.strings(Column::LinkNote, l, [](const Link& x) -> const std::string& { return x.note; });
  w.strings(Column::LinkCrossing, l, [](const Link& x) -> const std::string& { return x.crossing; });
  w.column<std::uint8_t>(Column::LinkWaitDistribution, l, [](const Link& x) { return x.wait_distribution ? 1 : 0; });
  w.column<std::uint8_t>(Column::LinkSchedule, l, [](const Link& x) { return x.schedule ? 1 : 0; });
  w.column<std::uint8_t>(Column::LinkDelay, l, [](const Link& x) { return x.delay ? 1 : 0; });
}

void write_network_and_resources(PayloadWriter& w, const Network& network) {
  const std::vector<const Network*> one{&network};
  using N = const Network*;
  w.strings(Column::NetworkName, one, [](N x) -> const std::string& { return x->name; });
  w.strings(Column::NetworkDescription, one, [](N x) -> const std::string& { return x->description; });
  w.optional<double>(Column::NetworkTeuPresent, Column::NetworkTeu, one, [](N x) { return x->tonnes_per_teu; });
  const auto& r = network.resources;
  w.strings(Column::ResourceId, r, [](const Resource& x) -> const std::string& { return x.id; });
  w.strings(Column::ResourceName, r, [](const Resource& x) -> const std::string& { return x.name; });
  w.column<double>(Column::ResourceCapacity, r, [](const Resource& x) { return x.capacity; });
  w.strings(Column::ResourceUnit, r, [](const Resource& x) -> const std::string& { return x.unit; });
  w.column<double>(Column::ResourceBackground, r, [](const Resource& x) { return x.background_tpy; });
  w.string_lists(Column::ResourceSourcesOffsets, Column::ResourceSources, r,
                 [](const Resource& x) -> const std::vector<std::string>& { return x.sources; });
  w.strings(Column::ResourceEstimate, r, [](const Resource& x) -> const std::string& { return x.estimate; });
  w.strings(Column::ResourceNote, r, [](const Resource& x) -> const std::string& { return x.note; });
}

}  // namespace

std::string network_snapshot_bytes(const Network& network) {
  Table<Distribution> distributions;
  Table<DelayFunction> delays;
  Table<WeeklySchedule> schedules;
  for (const Node& node : network.nodes) {  // the order read_nodes and read_links take them in
    distributions.add(node.dwell_distribution);
    distributions.add(node.transfer_distribution);
    delays.add(node.delay);
  }
  for (const Link& link : network.links) {
    distributions.add(link.wait_distribution);
    schedules.add(link.schedule);
    delays.add(link.delay);
  }
  PayloadWriter w;
  write_network_and_resources(w, network);
  write_tables(w, distributions, delays, schedules);
  write_nodes(w, network.nodes);
  write_links(w, network.links);
  return w.finish();
}

void write_network_snapshot(const Network& network, std::ostream& out) {
  const std::string bytes = network_snapshot_bytes(network);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool looks_like_network_snapshot(std::string_view first_bytes) {
  // The first byte and "CN" suffice (no JSON text starts with byte 0x89): a snapshot whose magic a
  // text-mode transfer damaged (CRLF -> LF) or that is cut inside it is then told so by the
  // snapshot reader, not taken for JSON with a syntax error at 1:1.
  return first_bytes.size() >= 3 && std::memcmp(first_bytes.data(), detail::kSnapshotMagic, 3) == 0;
}

}  // namespace corridor::io
