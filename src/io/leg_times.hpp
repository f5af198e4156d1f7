#pragma once
// A route's legs on the calendar: with a departure moment (`route --depart`), when each leg
// leaves and arrives (UTC), in table, CSV and JSON.

#include <cstdint>
#include <string>
#include <vector>

#include "io/table.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::io {

struct LegTime {
  std::int64_t depart_minutes = 0;  ///< since 1970-01-01 00:00 UTC: after dwell, transfer and wait at its start
  std::int64_t arrive_minutes = 0;  ///< departure + the leg's travel hours
};

/// Per leg of `route` leaving its origin at `depart_minutes`: the legs' own hours in order
/// (dwell, transfer and wait before departure, travel after), rounded to the minute.
std::vector<LegTime> leg_times(const Route& route, std::int64_t depart_minutes);
/// "2026-03-02T08:00Z"
std::string iso_utc(std::int64_t minutes);
/// Columns: leg, from, to, link, mode, departs_utc, arrives_utc, leg_hours.
Table leg_times_table(const Network& network, const Route& route, std::int64_t depart_minutes);
/// The route JSON of render_route with "departs_utc" and "arrives_utc" added to each leg of
/// the first route (leaving at `depart_minutes`).
std::string timed_route_json(const Network& network, const RouteResult& result, std::int64_t depart_minutes);

}  // namespace corridor::io
