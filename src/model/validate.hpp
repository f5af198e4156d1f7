#pragma once
// Value checks shared by the network loader and scenario changes, and query resolution.

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor {

/// Largest values accepted as meaningful (larger ones are typos or unit errors).
inline constexpr double kMaxHours = 100000.0;             // ~11 years
inline constexpr double kMaxDistanceKm = 50000.0;         // longer than any route on Earth
inline constexpr TonnesPerYear kMaxCapacityTpy = 1'000'000'000'000;  // 1,000 Gt/yr
inline constexpr double kMaxDeparturesPerWeek = 10080.0;  // one a minute
/// Fewest departures accepted: an expected wait of half the headway (84 h / departures per
/// week) at most kMaxHours, as for any other time (one departure in about 23 years).
inline constexpr double kMinDeparturesPerWeek = 84.0 / kMaxHours;
inline constexpr double kMaxVesselPayloadT = 1'000'000.0;  // above the largest ships afloat
inline constexpr double kMaxResourceFactor = 1e9;          // capacity units per tonne
inline constexpr double kMaxDetour = 100.0;                // max_detour of capacity queries
/// Largest sum of all capacities in a network a flow query accepts: keeps max-flow arithmetic
/// in 64 bits (a million elements at kMaxCapacityTpy each).
inline constexpr TonnesPerYear kMaxTotalCapacityTpy = 1'000'000'000'000'000'000;

/// Node ids: upper-case letters, digits, '_'. Link ids may also use '-'.
bool is_valid_node_id(std::string_view id);
bool is_valid_link_id(std::string_view id);

/// Range and format checks of one node's values; `pointer` is the node's JSON Pointer.
void check_node_values(const Node& node, const std::string& pointer, DiagnosticSink& sink);
/// Range checks of one link's values (not its end nodes).
void check_link_values(const Link& link, const std::string& pointer, DiagnosticSink& sink);

/// The network's resources: ids, capacity and background ranges, duplicates ("/resources/i").
void check_resources(const std::vector<Resource>& resources, DiagnosticSink& sink);
/// One resource's values (`pointer` is its JSON Pointer; scenario changes check with theirs).
void check_resource_values(const Resource& resource, const std::string& pointer, DiagnosticSink& sink);
/// E-RESOURCE-REF for every use of an unknown resource (`pointer` + "/uses/ID").
void check_resource_references(const std::vector<Resource>& resources, const std::vector<ResourceUse>& uses,
                               const std::string& pointer, const std::string& element_id, DiagnosticSink& sink);
/// W-NO-CAPACITY for each ferry or sea link with neither capacity_tpy, nor vessel_payload_t
/// with departures_per_week, nor a capacity_note (`corridor validate` only).
void check_sailing_capacity(const Network& network, DiagnosticSink& sink);

/// Makes a node's dwell_hours / transfer_hours the means of its distributions, when it has
/// them (the deterministic model is the expected value, docs/reliability.md). `given` lists
/// the keys written in the input: a figure given explicitly that differs from the mean by
/// more than 1 % (and 0.1 h) is reported as W-DIST-MEAN; the mean is used.
void settle_distribution_means(Node& node, const std::vector<std::string>& given, const std::string& pointer,
                               DiagnosticSink& sink);
/// For links: a timetable sets departures_per_week to its number of departures (W-SCHEDULE-FREQ
/// when a different figure was given); a link may not have both a timetable and a wait distribution.
void settle_link_schedule(Link& link, const std::vector<std::string>& given, const std::string& pointer,
                          DiagnosticSink& sink);

/// The known id closest to `wrong` by edit distance, or empty when nothing is close.
std::string closest_id(std::string_view wrong, const std::vector<std::string>& known);
/// " (did you mean \"X\"?)" or "".
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& known);
std::string node_reference_message(const Network& network, std::string_view id);
std::string link_reference_message(const Network& network, std::string_view id);
/// The same, with a suggestion only while the sink's suggestion budget lasts.
std::string node_reference_message(const Network& network, std::string_view id, DiagnosticSink& sink);
std::string link_reference_message(const Network& network, std::string_view id, DiagnosticSink& sink);

/// Resolves ids against the network; unknown ids and impossible queries are reported with
/// `pointer` (e.g. "/queries/0/from" becomes pointer + "/from"). Returns a query only
/// when nothing was reported.
std::optional<RouteQuery> resolve(const Network& network, const RouteRequest& request,
                                  const std::string& pointer, DiagnosticSink& sink);
std::optional<FlowQuery> resolve(const Network& network, const FlowRequest& request,
                                 const std::string& pointer, DiagnosticSink& sink);
/// ISO country codes (any case) of an avoid-country list, upper-cased; codes no node or link of
/// the network has are reported (`pointer` + "/i", with a suggestion).
std::vector<std::string> resolve_countries(const Network& network, const std::vector<std::string>& codes,
                                           const std::string& pointer, DiagnosticSink& sink);
/// W-IDLE-END for an end of a flow-like query (`role`: "source", "sink", ...) that is closed,
/// cut off or of capacity 0: it contributes nothing and the others still answer. True then.
bool warn_if_idle_end(const Network& network, NodeIndex node, const std::string& role, const std::string& pointer,
                      DiagnosticSink& sink);
/// E-QUERY for a value of time or carbon price above 0 in a query not by "generalized",
/// where it would weigh nothing (`pointer` + "/value_of_time_usd_per_t_day", ...).
void check_weights_used(double value_of_time_usd_per_t_day, double carbon_price_usd_per_t_co2,
                        const std::string& pointer, DiagnosticSink& sink);
/// Whether a node can carry nothing whatever the query: closed, or without an open link.
bool is_cut_off(const Network& network, NodeIndex node);
/// The corridor filter and avoid list of a query (`pointer` + "/corridor", "/avoid/i").
Avoidance resolve_filter(const Network& network, const std::vector<std::string>& corridors,
                         const std::vector<std::string>& avoid, const std::string& pointer, DiagnosticSink& sink);

}  // namespace corridor
