#pragma once
// Private to io: the byte layout of a network snapshot (docs/snapshot.md), shared by its writer
// (network_snapshot_write.cpp) and its reader (network_snapshot_read.cpp).
//
// A snapshot is a fixed header followed by the payload:
//   header (40 bytes, little-endian): magic (8) | format version u32 | byte-order mark u32 |
//                                     payload length u64 | XXH64 of the payload u64 | reserved u64 (0)
//   payload: the columns of kColumnOrder, in that order, each
//            tag u32 | width u32 (bytes per value) | count u64 | count x width bytes | zeros to 8 bytes
// Numbers are fixed-width little-endian; strings are u32 indices into the string table (the
// first two columns); lists are CSR: offsets (count + 1, u32) and a flat value column; an
// optional is a presence column (u8, 0 or 1, a row each) and a value column with the values of
// the present rows only, in row order. Distributions, delay functions and timetables are tables
// of their own, in the order of the elements that have one (nodes, then links); an element's
// column for one is a presence column.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/enum_table.hpp"

namespace corridor::io::detail {

inline constexpr char kSnapshotMagic[8] = {'\x89', 'C', 'N', 'E', 'T', '\r', '\n', '\x1a'};
/// The one format version this program writes and reads. Any change of the layout (a column
/// added, removed, widened or reordered) makes a new version; see docs/snapshot.md.
inline constexpr std::uint32_t kSnapshotVersion = 1;
/// Written as a little-endian u32: a reader on a big-endian machine, or a file written by a
/// big-endian writer, sees 0x04030201 instead.
inline constexpr std::uint32_t kByteOrderMark = 0x01020304;
inline constexpr std::size_t kSnapshotHeaderBytes = 40;
inline constexpr std::size_t kColumnHeaderBytes = 16;

/// Every column, in file order (the tag written before each is its value here).
enum class Column : std::uint32_t {
  StringOffsets, StringBytes,
  NetworkName, NetworkDescription, NetworkTeuPresent, NetworkTeu,
  ResourceId, ResourceName, ResourceCapacity, ResourceUnit, ResourceBackground, ResourceSourcesOffsets,
  ResourceSources, ResourceEstimate, ResourceNote,
  DistributionKind, DistributionMin, DistributionMode, DistributionMax, DistributionMedian, DistributionP90,
  DistributionCapPresent, DistributionCap, DistributionValuesOffsets, DistributionValues,
  DelayForm, DelayCapacity, DelayAlpha, DelayBeta, DelayServiceHours, DelayVariability, DelayMaxUtilisation,
  ScheduleOffsets, ScheduleMinutes,
  NodeId, NodeName, NodeCountry, NodeKind, NodeLat, NodeLon, NodeDwellHours, NodeTransferHours,
  NodeAllowsTransfer, NodeCapacityPresent, NodeCapacity, NodeBackground, NodeUsesOffsets, NodeUsesResource,
  NodeUsesFactor, NodeCapacityNote, NodeAliasesOffsets, NodeAliases, NodeGaugePresent, NodeGauge,
  NodeHandlingPresent, NodeHandling, NodeStatus, NodeSourcesOffsets, NodeSources, NodeEstimate, NodeNote,
  NodeDwellDistribution, NodeTransferDistribution, NodeDelay,
  LinkId, LinkFrom, LinkTo, LinkMode, LinkDistanceKm, LinkHours, LinkCapacityPresent, LinkCapacity,
  LinkDeparturesPresent, LinkDepartures, LinkPayloadPresent, LinkPayload, LinkBackground, LinkUsesOffsets,
  LinkUsesResource, LinkUsesFactor, LinkCapacityNote, LinkBidirectional, LinkCorridorsOffsets, LinkCorridors,
  LinkTransitOffsets, LinkTransit, LinkWaypointsOffsets, LinkWaypointLat, LinkWaypointLon, LinkGaugePresent,
  LinkGauge, LinkCostPresent, LinkCost, LinkCostTeuPresent, LinkCostTeu, LinkCo2Present, LinkCo2, LinkStatus,
  LinkSourcesOffsets, LinkSources, LinkEstimate, LinkNote, LinkCrossing, LinkWaitDistribution, LinkSchedule,
  LinkDelay,
};

/// The names used in messages ("nodes.lat"), in the enum's order.
inline constexpr EnumName<Column> kColumnNames[] = {
    {Column::StringOffsets, "strings.offsets"}, {Column::StringBytes, "strings.bytes"},
    {Column::NetworkName, "network.name"}, {Column::NetworkDescription, "network.description"},
    {Column::NetworkTeuPresent, "network.tonnes_per_teu.present"}, {Column::NetworkTeu, "network.tonnes_per_teu"},
    {Column::ResourceId, "resources.id"}, {Column::ResourceName, "resources.name"},
    {Column::ResourceCapacity, "resources.capacity"}, {Column::ResourceUnit, "resources.unit"},
    {Column::ResourceBackground, "resources.background_tpy"},
    {Column::ResourceSourcesOffsets, "resources.sources.offsets"}, {Column::ResourceSources, "resources.sources"},
    {Column::ResourceEstimate, "resources.estimate"}, {Column::ResourceNote, "resources.note"},
    {Column::DistributionKind, "distributions.kind"}, {Column::DistributionMin, "distributions.min_hours"},
    {Column::DistributionMode, "distributions.mode_hours"}, {Column::DistributionMax, "distributions.max_hours"},
    {Column::DistributionMedian, "distributions.median_hours"}, {Column::DistributionP90, "distributions.p90_hours"},
    {Column::DistributionCapPresent, "distributions.cap_hours.present"},
    {Column::DistributionCap, "distributions.cap_hours"},
    {Column::DistributionValuesOffsets, "distributions.values_hours.offsets"},
    {Column::DistributionValues, "distributions.values_hours"},
    {Column::DelayForm, "delays.function"}, {Column::DelayCapacity, "delays.capacity_tpy"},
    {Column::DelayAlpha, "delays.alpha"}, {Column::DelayBeta, "delays.beta"},
    {Column::DelayServiceHours, "delays.service_hours"}, {Column::DelayVariability, "delays.variability"},
    {Column::DelayMaxUtilisation, "delays.max_utilisation"},
    {Column::ScheduleOffsets, "schedules.offsets"}, {Column::ScheduleMinutes, "schedules.departure_minutes"},
    {Column::NodeId, "nodes.id"}, {Column::NodeName, "nodes.name"}, {Column::NodeCountry, "nodes.country"},
    {Column::NodeKind, "nodes.kind"}, {Column::NodeLat, "nodes.lat"}, {Column::NodeLon, "nodes.lon"},
    {Column::NodeDwellHours, "nodes.dwell_hours"}, {Column::NodeTransferHours, "nodes.transfer_hours"},
    {Column::NodeAllowsTransfer, "nodes.allows_transfer"},
    {Column::NodeCapacityPresent, "nodes.capacity_tpy.present"}, {Column::NodeCapacity, "nodes.capacity_tpy"},
    {Column::NodeBackground, "nodes.background_tpy"}, {Column::NodeUsesOffsets, "nodes.uses.offsets"},
    {Column::NodeUsesResource, "nodes.uses.resource"}, {Column::NodeUsesFactor, "nodes.uses.factor"},
    {Column::NodeCapacityNote, "nodes.capacity_note"}, {Column::NodeAliasesOffsets, "nodes.aliases.offsets"},
    {Column::NodeAliases, "nodes.aliases"}, {Column::NodeGaugePresent, "nodes.gauge_mm.present"},
    {Column::NodeGauge, "nodes.gauge_mm"}, {Column::NodeHandlingPresent, "nodes.handling_usd_per_t.present"},
    {Column::NodeHandling, "nodes.handling_usd_per_t"}, {Column::NodeStatus, "nodes.status"},
    {Column::NodeSourcesOffsets, "nodes.sources.offsets"}, {Column::NodeSources, "nodes.sources"},
    {Column::NodeEstimate, "nodes.estimate"}, {Column::NodeNote, "nodes.note"},
    {Column::NodeDwellDistribution, "nodes.dwell_distribution"},
    {Column::NodeTransferDistribution, "nodes.transfer_distribution"}, {Column::NodeDelay, "nodes.delay"},
    {Column::LinkId, "links.id"}, {Column::LinkFrom, "links.from"}, {Column::LinkTo, "links.to"},
    {Column::LinkMode, "links.mode"}, {Column::LinkDistanceKm, "links.distance_km"}, {Column::LinkHours, "links.hours"},
    {Column::LinkCapacityPresent, "links.capacity_tpy.present"}, {Column::LinkCapacity, "links.capacity_tpy"},
    {Column::LinkDeparturesPresent, "links.departures_per_week.present"},
    {Column::LinkDepartures, "links.departures_per_week"},
    {Column::LinkPayloadPresent, "links.vessel_payload_t.present"}, {Column::LinkPayload, "links.vessel_payload_t"},
    {Column::LinkBackground, "links.background_tpy"}, {Column::LinkUsesOffsets, "links.uses.offsets"},
    {Column::LinkUsesResource, "links.uses.resource"}, {Column::LinkUsesFactor, "links.uses.factor"},
    {Column::LinkCapacityNote, "links.capacity_note"}, {Column::LinkBidirectional, "links.bidirectional"},
    {Column::LinkCorridorsOffsets, "links.corridor.offsets"}, {Column::LinkCorridors, "links.corridor"},
    {Column::LinkTransitOffsets, "links.transit_countries.offsets"}, {Column::LinkTransit, "links.transit_countries"},
    {Column::LinkWaypointsOffsets, "links.waypoints.offsets"}, {Column::LinkWaypointLat, "links.waypoints.lat"},
    {Column::LinkWaypointLon, "links.waypoints.lon"}, {Column::LinkGaugePresent, "links.gauge_mm.present"},
    {Column::LinkGauge, "links.gauge_mm"}, {Column::LinkCostPresent, "links.cost_usd_per_t.present"},
    {Column::LinkCost, "links.cost_usd_per_t"}, {Column::LinkCostTeuPresent, "links.cost_usd_per_teu.present"},
    {Column::LinkCostTeu, "links.cost_usd_per_teu"}, {Column::LinkCo2Present, "links.co2_g_per_tkm.present"},
    {Column::LinkCo2, "links.co2_g_per_tkm"}, {Column::LinkStatus, "links.status"},
    {Column::LinkSourcesOffsets, "links.sources.offsets"}, {Column::LinkSources, "links.sources"},
    {Column::LinkEstimate, "links.estimate"}, {Column::LinkNote, "links.note"}, {Column::LinkCrossing, "links.crossing"},
    {Column::LinkWaitDistribution, "links.wait_distribution"}, {Column::LinkSchedule, "links.departures"},
    {Column::LinkDelay, "links.delay"},
};
static_assert(enum_table_valid(kColumnNames));
constexpr const auto& enum_table(Column) { return kColumnNames; }

/// XXH64 (Yann Collet's xxHash, 64-bit variant, as specified in xxhash's doc/xxhash_spec.md) of
/// `size` bytes with seed 0: the payload's checksum. Written here rather than linked: it is
/// 40 lines, and a network snapshot then needs no library beyond the standard one.
std::uint64_t xxh64(const char* data, std::size_t size);

}  // namespace corridor::io::detail
