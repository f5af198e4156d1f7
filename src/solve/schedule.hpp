#pragma once
// Routes timed from a departure moment: timetabled links wait for their next departure.
// docs/reliability.md ("Timetables") explains the method.

#include <cstdint>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// A route leaving at a given moment, with the moment it arrives.
struct TimedRoute {
  Route route;                     ///< legs' wait_hours are the actual waits at timetabled links
  std::int64_t depart_minutes = 0; ///< since 1970-01-01 00:00 UTC
  std::int64_t arrive_minutes = 0; ///< depart + route.hours, rounded to the minute
};

/// Re-times a route (as built by make_route) for a start `start_hours_into_week` hours after a
/// Monday 00:00 UTC: at each link with a timetable the wait becomes the time to its next
/// departure; every other figure stays the expected one. Totals are recomputed.
Route time_route(const Network& network, const Route& route, double start_hours_into_week);

/// Earliest arrival at query.to when leaving query.from at `depart_minutes`. Links with a
/// timetable wait for their next departure; the others keep the expected wait of the model.
/// Every link is FIFO (leaving later never arrives earlier), so a label-setting Dijkstra on the
/// mode-expanded graph with arrival-time labels is exact. Honours the corridor, avoid (nodes,
/// links, countries) and modes constraints; query.by, k, pareto and via are not used (callers
/// refuse them). Returns std::nullopt when no route exists.
std::optional<TimedRoute> earliest_arrival(const Network& network, const RouteQuery& query,
                                           std::int64_t depart_minutes);

}  // namespace corridor::solve
