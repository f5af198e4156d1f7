#pragma once
// The fields of a node and of a link that a set_node / set_link change may set (the keys of its
// "values", docs/scenario-format.md): one table each, used by the scenario reader (which records
// the names of the fields it read in Change::fields) and by apply_changes (which copies those
// fields). A name the reader records that is not in the table is a bug.

#include <cstdint>

#include "model/enum_table.hpp"

namespace corridor {

enum class NodeField : std::uint8_t {
  Name, Country, Kind, Lat, Lon, DwellHours, TransferHours, AllowsTransfer, CapacityTpy, BackgroundTpy,
  CapacityNote, Uses, Aliases, GaugeMm, HandlingUsdPerT, Status, Sources, Estimate, Note, DwellDistribution,
  TransferDistribution, Delay
};
inline constexpr EnumName<NodeField> kNodeFields[] = {
    {NodeField::Name, "name"},
    {NodeField::Country, "country"},
    {NodeField::Kind, "kind"},
    {NodeField::Lat, "lat"},
    {NodeField::Lon, "lon"},
    {NodeField::DwellHours, "dwell_hours"},
    {NodeField::TransferHours, "transfer_hours"},
    {NodeField::AllowsTransfer, "allows_transfer"},
    {NodeField::CapacityTpy, "capacity_tpy"},
    {NodeField::BackgroundTpy, "background_tpy"},
    {NodeField::CapacityNote, "capacity_note"},
    {NodeField::Uses, "uses"},
    {NodeField::Aliases, "aliases"},
    {NodeField::GaugeMm, "gauge_mm"},
    {NodeField::HandlingUsdPerT, "handling_usd_per_t"},
    {NodeField::Status, "status"},
    {NodeField::Sources, "sources"},
    {NodeField::Estimate, "estimate"},
    {NodeField::Note, "note"},
    {NodeField::DwellDistribution, "dwell_distribution"},
    {NodeField::TransferDistribution, "transfer_distribution"},
    {NodeField::Delay, "delay"},
};
static_assert(enum_table_valid(kNodeFields));
constexpr const auto& enum_table(NodeField) { return kNodeFields; }

enum class LinkField : std::uint8_t {
  Mode, DistanceKm, Hours, CapacityTpy, DeparturesPerWeek, VesselPayloadT, BackgroundTpy, CapacityNote, Uses,
  Bidirectional, Corridor, Crossing, TransitCountries, Waypoints, GaugeMm, CostUsdPerT, CostUsdPerTeu, Co2GPerTkm,
  Status, Sources, Estimate, Note, WaitDistribution, Departures, Delay
};
inline constexpr EnumName<LinkField> kLinkFields[] = {
    {LinkField::Mode, "mode"},
    {LinkField::DistanceKm, "distance_km"},
    {LinkField::Hours, "hours"},
    {LinkField::CapacityTpy, "capacity_tpy"},
    {LinkField::DeparturesPerWeek, "departures_per_week"},
    {LinkField::VesselPayloadT, "vessel_payload_t"},
    {LinkField::BackgroundTpy, "background_tpy"},
    {LinkField::CapacityNote, "capacity_note"},
    {LinkField::Uses, "uses"},
    {LinkField::Bidirectional, "bidirectional"},
    {LinkField::Corridor, "corridor"},
    {LinkField::Crossing, "crossing"},
    {LinkField::TransitCountries, "transit_countries"},
    {LinkField::Waypoints, "waypoints"},
    {LinkField::GaugeMm, "gauge_mm"},
    {LinkField::CostUsdPerT, "cost_usd_per_t"},
    {LinkField::CostUsdPerTeu, "cost_usd_per_teu"},
    {LinkField::Co2GPerTkm, "co2_g_per_tkm"},
    {LinkField::Status, "status"},
    {LinkField::Sources, "sources"},
    {LinkField::Estimate, "estimate"},
    {LinkField::Note, "note"},
    {LinkField::WaitDistribution, "wait_distribution"},
    {LinkField::Departures, "departures"},
    {LinkField::Delay, "delay"},
};
static_assert(enum_table_valid(kLinkFields));
constexpr const auto& enum_table(LinkField) { return kLinkFields; }

}  // namespace corridor
